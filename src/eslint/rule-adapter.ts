import { runListenersThrough } from '../analyzers/traverse.js';
import { reportOnce } from '../analyzers/report-once.js';
import type { FileContext, ProjectFacts, Report, Rule } from '../rules/rule.js';
import { ruleAppliesTo } from '../rules/rule.js';
import type { Region } from '../types.js';
import { RULE_DOCS_BASE } from '../version.js';
import { INDEX_MAX_AGE_MS, lintedFile, type LintedFile } from './linted-file.js';
import { MANIFEST_ACTIONS } from './manifest-actions.js';
import type { EslintListener, EslintRule, EslintRuleContext, EslintRuleMeta } from './types.js';

/**
 * Turns a minivet rule into an ESLint rule. Nothing of the rule is copied: its own checks run on what
 * ESLint gives the plugin, in the order `minivet scan` runs them.
 * - File phase: every minivet rule enabled for the file joins it from its `create`; at the end of the
 *   file the first of them runs it for all (LintedFile.runFilePhase): for a script (ESLint's
 *   JavaScript language, espree or @typescript-eslint/parser), one walk of ESLint's tree with every
 *   rule's script listeners and the API-call collector, as in src/analyzers/analyse-file.ts; for a
 *   template (`minivet/template`), every template check, then the inline `<wxs>` bodies as scripts.
 * - Project phase: each rule's project check, with the saved manifest of the file's mini-app and the
 *   usages of the whole mini-app (this file as linted, the others as saved); only reports inside this
 *   file are kept. Checks that depend only on those facts run once per version of the project and are
 *   shared by all files (Project.sharedCheck).
 * - app.json (`minivet/json`, @eslint/json): project checks on the manifest being edited and the
 *   usages of the mini-app's saved files. Reports in app.json are reported as they are; reports
 *   elsewhere that point into app.json (an undeclared API) are reported once per API at that place,
 *   with where it is used, and the fix that declares them (manifest-actions.ts).
 * A rule that throws becomes one message on the file, not an ESLint crash.
 */

export const MESSAGES = {
  finding: '{{message}}',
  elsewhere: '{{message}} (at {{where}})',
  crashed: 'minivet could not run this rule on this file ({{error}}); the other rules are not affected. Please report this.',
  settings: 'minivet: {{problem}}; the setting is ignored.',
} as const;

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 200);
}

/** Runs a rule's code; an exception becomes one `crashed` message for this rule and file. */
class Guard {
  failed = false;

  constructor(
    private readonly context: EslintRuleContext,
    private readonly file: LintedFile | undefined,
  ) {}

  run(action: () => void): void {
    if (this.failed) return;
    try {
      action();
    } catch (error) {
      this.failed = true;
      const position = this.file?.firstPosition ?? this.context.sourceCode.getLocFromIndex?.(0) ?? { line: 1, column: 1 };
      this.context.report({ loc: { start: position, end: position }, messageId: 'crashed', data: { error: errorText(error) } });
    }
  }
}

/** Reports a finding in the linted file, unless a `minivet-disable` comment covers it (as in `minivet scan`). */
function reportRegion(rule: Rule, context: EslintRuleContext, file: LintedFile, region: Region, message: string): void {
  if (file.isSuppressed(rule.meta.id, region.startOffset)) return;
  context.report({ loc: file.loc(region.startOffset, region.endOffset), messageId: 'finding', data: { message } });
}

/** `text` is what the rule's ranges index; it starts at `offset` in the linted file (an inline script of a template). */
function fileContext(rule: Rule, context: EslintRuleContext, file: LintedFile, text: string, offset = 0): FileContext {
  return {
    file: file.bundleFile,
    platform: file.platform,
    text,
    settings: file.ruleSettings,
    state: file.ruleStates.for(rule.meta.id),
    shared: file.sharedServicesAt(offset),
    region: (start, end) => file.lines.region(start + offset, end + offset),
    report({ range, message }) {
      if (file.isSuppressed(rule.meta.id, range[0] + offset)) return;
      context.report({ loc: file.loc(range[0] + offset, range[1] + offset), messageId: 'finding', data: { message } });
    },
    reportAt({ location, message }) {
      // A location the rule holds (from region() or the template): in this file, by its offsets.
      if (location.file === file.path) reportRegion(rule, context, file, location.region, message);
    },
  };
}

/** Runs the rule's project check; every report is handed over, the caller decides what to keep. */
function runProjectCheck(rule: Rule, file: LintedFile, facts: ProjectFacts, sink: (report: Report) => void): void {
  rule.checkProject!({ facts, settings: file.ruleSettings, state: file.ruleStates.for(rule.meta.id), report: reportOnce(sink) });
}

/**
 * The project as a script or template sees it: the saved manifest, every usage (this file's live).
 * The usages of the whole project are gathered only if the check reads them (checks that keep their
 * own state per file often do not), so running such checks per file stays linear.
 */
function factsFor(file: LintedFile): ProjectFacts {
  return {
    platform: file.platform,
    manifest: file.savedManifest(),
    get usages() {
      return file.projectUsages().usages;
    },
    get unanalysedFiles() {
      return file.projectUsages().unanalysedFiles;
    },
    // Data flows come from the project as saved (traced once per version of the index).
    get dataflow() {
      return file.project?.dataflow(file.platform, file.ruleSettings, INDEX_MAX_AGE_MS);
    },
  };
}

function keepInFile(rule: Rule, context: EslintRuleContext, file: LintedFile): (report: Report) => void {
  return (report) => {
    if (report.location.file === file.path) reportRegion(rule, context, file, report.location.region, report.message);
  };
}

/**
 * Joins the file's shared file phase (LintedFile.runFilePhase) with the rule's script listeners and
 * template check; the first minivet rule to reach the end of the file runs it for all of them, then
 * each rule runs its project check.
 */
function participate(rule: Rule, context: EslintRuleContext, file: LintedFile, guard: Guard): void {
  file.addParticipant({
    ...(rule.createScriptListeners ? { scriptListeners: (text: string, offset: number) => runListenersThrough(rule.createScriptListeners!(fileContext(rule, context, file, text, offset)), (listener, node, ancestors) => guard.run(() => listener(node, ancestors))) } : {}),
    ...(rule.checkTemplate ? { checkTemplate: () => rule.checkTemplate!({ ...fileContext(rule, context, file, file.text), template: file.template() }) } : {}),
    guard: (action) => guard.run(action),
  });
}

function finishFile(rule: Rule, context: EslintRuleContext, file: LintedFile, guard: Guard): void {
  // The file phase and the project index read user files: whatever fails there is this rule's one message, never an ESLint crash.
  guard.run(() => file.runFilePhase());
  guard.run(() => {
    if (!rule.checkProject || !file.project) return;
    // Data flows are traced on the files as saved: for a file with unsaved edits their offsets
    // would point into the old text, so its data-flow findings wait until it is saved.
    if (rule.meta.dataflow && !file.textAsSaved()) return;
    const shared = file.sharedCheck(rule);
    if (shared && !shared.perFile) {
      for (const report of shared.byFile.get(file.path) ?? []) reportRegion(rule, context, file, report.location.region, report.message);
      return;
    }
    runProjectCheck(rule, file, factsFor(file), keepInFile(rule, context, file));
  });
}

/** A region that spans lines (a whole object) is shown at its first character, not as a block. */
function anchor(region: Region): [number, number] {
  return region.start.line === region.end.line ? [region.startOffset, region.endOffset] : [region.startOffset, region.startOffset + 1];
}

function checkManifestFile(rule: Rule, context: EslintRuleContext, file: LintedFile, guard: Guard): void {
  if (!rule.checkProject || !file.project) return;
  const project = file.project;
  const action = MANIFEST_ACTIONS[rule.meta.id];
  guard.run(() => {
    const manifest = file.liveManifest();
    const { usages, unanalysedFiles } = file.projectUsages();
    const here: Report[] = [];
    const elsewhere: { report: Report; at: Region }[] = [];
    runProjectCheck(rule, file, { platform: file.platform, manifest, usages, unanalysedFiles }, (report) => {
      if (report.location.file === project.manifestPath) {
        here.push(report);
        return;
      }
      const related = report.relatedLocations?.find((candidate) => candidate.location.file === project.manifestPath);
      if (related && !file.isSuppressedElsewhere(rule.meta.id, report.location.file, report.location.region.start.line)) elsewhere.push({ report, at: related.location.region });
    });
    for (const report of here) {
      const suggest = action?.suggest?.(file.text, report) ?? [];
      context.report({
        loc: file.loc(report.location.region.startOffset, report.location.region.endOffset),
        messageId: 'finding',
        data: { message: report.message },
        ...(suggest.length > 0 ? { suggest } : {}),
      });
    }
    if (elsewhere.length === 0) return;
    const fix = action?.fixElsewhere?.(file.text, elsewhere.map((entry) => entry.report));
    // One message per place in app.json and API (or message), naming the first use and how many more.
    const groups = new Map<string, { report: Report; at: Region }[]>();
    for (const entry of elsewhere) {
      const key = `${entry.at.startOffset}\0${entry.report.properties?.api ?? entry.report.message}`;
      const group = groups.get(key) ?? [];
      group.push(entry);
      groups.set(key, group);
    }
    for (const group of groups.values()) {
      group.sort((a, b) => compareLocations(a.report, b.report));
      const first = group[0]!;
      const { file: path, region } = first.report.location;
      const where = `${path}:${region.start.line}:${region.start.column}${group.length > 1 ? ` and ${group.length - 1} more` : ''}`;
      const [start, end] = anchor(first.at);
      context.report({
        loc: file.loc(start, end),
        messageId: 'elsewhere',
        data: { message: first.report.message, where },
        ...(fix ? { fix: (fixer) => fixer.replaceTextRange(fix.range, fix.text) } : {}),
      });
    }
  });
}

/**
 * The declared privacy guide (`settings.minivet.declared`): project checks with the guide as edited
 * and the project as saved. Reports in the guide are reported as they are; reports in the code that
 * point into it (a category collected but not declared) once per category at the place they point to.
 */
function checkDeclarationFile(rule: Rule, context: EslintRuleContext, file: LintedFile, guard: Guard): void {
  if (!rule.checkProject || !file.project || !file.ruleSettings.declared) return;
  guard.run(() => {
    const { usages, unanalysedFiles } = file.projectUsages();
    const elsewhere = new Map<string, Report[]>();
    runProjectCheck(rule, file, { platform: file.platform, manifest: file.savedManifest(), usages, unanalysedFiles }, (report) => {
      if (report.location.file === file.path) {
        reportRegion(rule, context, file, report.location.region, report.message);
        return;
      }
      if (!report.relatedLocations?.some((related) => related.location.file === file.path)) return;
      const key = String(report.properties?.category ?? report.message);
      elsewhere.set(key, [...(elsewhere.get(key) ?? []), report]);
    });
    for (const group of elsewhere.values()) {
      group.sort(compareLocations);
      const first = group[0]!;
      const at = first.relatedLocations!.find((related) => related.location.file === file.path)!.location.region;
      const { file: path, region } = first.location;
      const where = `${path}:${region.start.line}:${region.start.column}${group.length > 1 ? ` and ${group.length - 1} more` : ''}`;
      const [start, end] = anchor(at);
      context.report({ loc: file.loc(start, end), messageId: 'elsewhere', data: { message: first.message, where } });
    }
  });
}

function compareLocations(a: Report, b: Report): number {
  const x = a.location;
  const y = b.location;
  if (x.file !== y.file) return x.file < y.file ? -1 : 1;
  return x.region.startOffset - y.region.startOffset || x.region.endOffset - y.region.endOffset || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

/** Settings problems are reported once per file, by the first minivet rule that runs on it. */
function reportSettingsProblems(context: EslintRuleContext, file: LintedFile): void {
  const problems = file.declarationProblem === undefined ? file.settings.problems : [...file.settings.problems, file.declarationProblem];
  if (problems.length === 0 || file.notes.has('settings')) return;
  file.notes.add('settings');
  const position = file.firstPosition;
  for (const problem of problems) context.report({ loc: { start: position, end: position }, messageId: 'settings', data: { problem } });
}

export function ruleMeta(rule: Rule): EslintRuleMeta {
  const action = MANIFEST_ACTIONS[rule.meta.id];
  return {
    type: 'problem',
    docs: { description: rule.meta.description, url: `${RULE_DOCS_BASE}${rule.meta.id}.md`, recommended: true },
    messages: { ...MESSAGES, ...(action?.messages ?? {}) },
    schema: [],
    ...(action?.fixElsewhere ? { fixable: 'code' as const } : {}),
    ...(action?.suggest ? { hasSuggestions: true } : {}),
  };
}

export function toEslintRule(rule: Rule): EslintRule {
  return {
    meta: ruleMeta(rule),
    create(context): Record<string, EslintListener> {
      let file: LintedFile | undefined;
      const guard = new Guard(context, undefined);
      guard.run(() => {
        file = lintedFile(context);
      });
      if (!file) return {};
      reportSettingsProblems(context, file);
      // As in `minivet scan`: a rule naming its platforms stays silent on the others.
      if (!ruleAppliesTo(rule, file.platform.id)) return {};
      if (rule.meta.dataflow && file.role !== 'manifest' && file.role !== 'declaration') file.project?.expectFlows();
      const fileGuard = new Guard(context, file);
      const current = file;
      switch (file.role) {
        case 'script':
          participate(rule, context, current, fileGuard);
          return { 'Program:exit': () => finishFile(rule, context, current, fileGuard) };
        case 'template':
          participate(rule, context, current, fileGuard);
          return { 'Template:exit': () => finishFile(rule, context, current, fileGuard) };
        case 'manifest':
          return { Document: () => checkManifestFile(rule, context, current, fileGuard) };
        case 'declaration':
          return { Document: () => checkDeclarationFile(rule, context, current, fileGuard) };
        default:
          return {};
      }
    },
  };
}
