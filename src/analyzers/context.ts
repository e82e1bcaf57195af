import type { BundleFile, Finding, PlatformId, RelatedLocation, Region, Severity, SourceLocation, Usage } from '../types.js';
import type { AppManifest, ManifestProblem } from '../manifest/app-manifest.js';
import type { PlatformCatalog } from '../platforms/types.js';
import type { CustomTrackerDefinition } from '../platforms/trackers.js';
import type { TemplateAnalysis } from './templates.js';
import type { DataFlowResult } from './dataflow/solve.js';

/**
 * What the analysis gives a rule, and how a rule reports back: the contracts between the analysis
 * core and the rules, kept here so the core never imports the rules layer.
 */

/** What a rule can see of one mini-app project. */
export interface ProjectFacts {
  platform: PlatformCatalog;
  /** Absent when the manifest could not be read at all. */
  manifest: AppManifest | undefined;
  usages: readonly Usage[];
  /** Problems in the other JSON configs of the mini-app (page and component .json, sitemap.json, …). */
  configProblems?: readonly ManifestProblem[];
  /** Scripts and templates that could not be analysed (syntax errors, size): absence claims are weaker. */
  unanalysedFiles: readonly string[];
  /** Data flows from sources to sinks; present when a rule with `meta.dataflow` is active. */
  dataflow?: DataFlowResult;
}

export interface Report {
  location: SourceLocation;
  message: string;
  /** Overrides the rule's configured severity for this finding (e.g. a tracker a vendor policy forbids). */
  severity?: Severity;
  relatedLocations?: RelatedLocation[];
  /** Source → … → sink, for data-flow findings. */
  codeFlow?: Finding['codeFlow'];
  thirdParty?: boolean;
  properties?: Finding['properties'];
}

/** Scan-wide settings a rule may consult (its state between phases is `context.state`, kept by the engine). */
export interface RuleSettings {
  profile: 'recommended' | 'strict';
  /** A vendor's policy (`--policy FILE`): which tracking SDKs and collection hosts are allowed. */
  policy?: {
    allowedTrackers?: readonly string[];
    allowedHosts?: readonly string[];
  };
  /** Tracking SDKs the user defined in the config, beside the built-in catalog. */
  trackers?: readonly CustomTrackerDefinition[];
  /** The developer's declared privacy guide (`--declared FILE`); `file` relative to the project being scanned. */
  declared?: DeclaredPrivacy & { file: string };
}

/** One category of a declared privacy guide, where it stands in the declaration file. */
export interface DeclaredCategory {
  key: string;
  purpose?: string;
  region: Region;
}

export interface DeclaredPrivacy {
  /** The declaration file as the user named it. */
  path: string;
  /** The platform the declaration is for, when it says. */
  platform?: PlatformId;
  categories: readonly DeclaredCategory[];
}

/**
 * The state a two-phase rule gathers file by file and reads in its project check, kept by the
 * engine for one project run: the first call creates it, later calls (file phase or project phase)
 * get the same object. A new project run starts with none.
 */
export type RuleState = <T>(create: () => T) => T;

export interface RuleContext {
  readonly facts: ProjectFacts;
  readonly settings: RuleSettings;
  readonly state: RuleState;
  report(report: Report): void;
}

/** A report inside the file being checked, by 0-based offsets; the location is filled in. */
export interface FileReport extends Omit<Report, 'location'> {
  range: readonly [number, number];
}

export interface FileContext {
  readonly file: BundleFile;
  readonly platform: PlatformCatalog;
  /** Source text being analysed (for a template's inline script: the blanked copy with the script only). */
  readonly text: string;
  readonly settings: RuleSettings;
  /** This rule's state for the project run (see RuleState). */
  readonly state: RuleState;
  /** Services shared by every rule during this traversal (see SharedServices). */
  readonly shared: SharedServices;
  region(start: number, end: number): Region;
  /** Reports at a range of the text being analysed. */
  report(report: FileReport): void;
  /** Reports at a location the rule already holds (a region from `region()` or a template). */
  reportAt(report: Report): void;
}

export interface TemplateContext extends FileContext {
  readonly template: TemplateAnalysis;
}

/** A project run's rule states, by rule id: what an engine holds to give each rule its RuleState. */
export class RuleStates {
  private readonly states = new Map<string, unknown>();

  for(ruleId: string): RuleState {
    return <T>(create: () => T): T => {
      if (!this.states.has(ruleId)) this.states.set(ruleId, create());
      return this.states.get(ruleId) as T;
    };
  }
}

/**
 * Analyses the engine shares among every rule and analyzer walking the same script in one
 * traversal (the constant collector, the tracker detector): the first to ask creates one, the
 * others get it. They live as long as the traversal.
 */
export type SharedServices = <T>(key: string, create: () => T) => T;

export function sharedServices(): SharedServices {
  const services = new Map<string, unknown>();
  return <T>(key: string, create: () => T): T => {
    if (!services.has(key)) services.set(key, create());
    return services.get(key) as T;
  };
}
