import type { PrivacySummary } from './privacy-report.js';
import type { RuleMeta } from './rules/rule.js';
import type { FileNotification, Finding, PlatformId, Severity } from './types.js';

/** A rule as configured for this scan. */
export interface RuleDescriptor extends RuleMeta {
  /** Severity after profile and user configuration; 'off' rules are not listed. */
  effectiveSeverity: Severity;
  /** Link to the rule's documentation. */
  helpUri: string;
  /** The rule's doc (docs/rules/<id>.md) as Markdown, when shipped. */
  helpMarkdown: string;
}

export interface ProjectStats {
  filesAnalysed: number;
  filesSkipped: number;
  scriptFiles: number;
  templateFiles: number;
  /** UTF-8 bytes of text analysed. */
  bytes: number;
}

/** The outcome of scanning one mini-app project (one path given to `minivet scan`). */
export interface ProjectResult {
  /** Absolute path of the scanned root. */
  root: string;
  /** The path as the user named it, for display. */
  displayPath: string;
  /** POSIX path of the mini-app root relative to `root` ('' when equal). */
  appRoot: string;
  platform: PlatformId;
  /** True when the input was a compiled package (.wxapkg) rather than a source tree. */
  compiled: boolean;
  /** Sorted by file, line, column, rule. */
  findings: Finding[];
  /** Files (or parts) that could not be analysed, sorted by file. */
  notifications: FileNotification[];
  stats: ProjectStats;
  /** Who tracks what: trackers, personal data collected and where it goes (absent for failed bundles). */
  privacy?: PrivacySummary;
  /** Set when the bundle could not be scanned at all (unreadable, crashed, past its time limit). */
  failure?: string;
  /** Text of modules recovered from compiled bundles (not on disk), by path, for snippets and fingerprints. */
  virtualSources?: ReadonlyMap<string, string>;
}

export interface ScanResult {
  tool: { name: string; version: string; informationUri: string };
  /** Rules that were on, sorted by id. */
  rules: RuleDescriptor[];
  projects: ProjectResult[];
}
