import { basename, join, relative, resolve, sep } from 'node:path';
import { createScriptCollector, platformObjectsIn } from '../analyzers/analyse-file.js';
import { parseScript, type ParsedScript } from '../analyzers/parse-script.js';
import { DIRECTIVE_MARK, scriptSuppressions, templateSuppressions, type Suppression } from '../analyzers/suppressions.js';
import type { TemplateAnalysis } from '../analyzers/templates.js';
import { traverse, type Listeners, type Node } from '../analyzers/traverse.js';
import { fileKind } from '../bundle/file-kinds.js';
import type { AppManifest } from '../manifest/app-manifest.js';
import { platformCatalog } from '../platforms/index.js';
import type { PlatformCatalog } from '../platforms/types.js';
import type { Rule, RuleSettings } from '../rules/rule.js';
import { RuleStates, sharedServices, type SharedServices } from '../analyzers/context.js';
import type { BundleFile, FileNotification, Usage } from '../types.js';
import { LineIndex, offsetOf } from '../util/line-index.js';
import { sameUsages } from './same-usages.js';
import { readTextCached } from './fs-cache.js';
import { combineIndex, parseManifest, type Project, type ProjectIndex, type SharedCheck } from './project-context.js';
import { findProject, findProjectDeclaring } from './find-project.js';
import { pluginSettings, type PluginSettings } from './settings.js';
import { TemplateSourceCode } from './template-language.js';
import type { EslintLocation, EslintPosition, EslintRuleContext, EslintSourceCode } from './types.js';

/**
 * What every minivet rule needs to know about the file ESLint is linting, worked out once per file
 * (per SourceCode object, so each --fix pass starts afresh) and shared by all rules: its role, the
 * mini-app it belongs to, the platform, its path as `minivet scan` names it, and lazily the usages
 * found in it.
 */

export type FileRole = 'script' | 'template' | 'manifest' | 'declaration' | 'other';

/**
 * How old the index of the other files may be when a script or template is linted: linting every
 * file of a project re-checks the tree about once per this many milliseconds, not once per file.
 * app.json always re-checks it.
 */
export const INDEX_MAX_AGE_MS = 2000;

export interface ProjectUsages {
  usages: Usage[];
  unanalysedFiles: string[];
}

export interface InlineScript {
  /** The text its parser offsets index. */
  text: string;
  /** Where that text starts in the template. */
  offset: number;
  parsed: ParsedScript;
}

/**
 * One minivet rule's part in the file phase of the file being linted. All rules' listeners run in
 * one walk of the tree, as in `minivet scan` (src/analyzers/analyse-file.ts), not as separate ESLint
 * listeners: ancestors come free with the walk, and the API-call collector shares it.
 */
export interface Participant {
  /** The rule's script listeners for a script, or for one inline script of a template (`text` is what its ranges index, starting at `offset` in the file). */
  scriptListeners?(text: string, offset: number): Listeners;
  checkTemplate?(): void;
  /** Runs the rule's code; an exception is the rule's own failure (one message), not the walk's. */
  guard(action: () => void): void;
}

export class LintedFile {
  readonly lines: LineIndex;
  readonly bundleFile: BundleFile;
  /** Once-per-file messages already given (settings problems). */
  readonly notes = new Set<string>();
  /** Why the declared privacy guide named in the settings cannot be used, if it cannot. */
  readonly declarationProblem: string | undefined;
  /**
   * The settings every rule sees for this file, one object per file: rules that gather state in the
   * file phase and read it in the project phase key it on this object (rules/security/support.ts),
   * so each file's lint is its own "project" run and nothing carries over between files.
   */
  readonly ruleSettings: RuleSettings;
  /** The rules' states for this lint of the file: its file phase fills them, its project checks read them. */
  readonly ruleStates = new RuleStates();
  readonly #shared = new Map<number, SharedServices>();
  #scriptUsages: Usage[] | undefined;
  readonly #participants: Participant[] = [];
  #filePhaseDone = false;
  #template: TemplateAnalysis | undefined;
  #inlineScripts: InlineScript[] | undefined;
  #templateUsages: Usage[] | undefined;
  #manifest: { manifest: AppManifest } | undefined;
  #savedManifest: { manifest: AppManifest | undefined } | undefined;
  #projectUsages: ProjectUsages | undefined;
  #suppressions: Suppression[] | undefined;
  /** Whether this file as linted has the usages it has as saved (then project checks are shared). */
  #asSaved: { index: ProjectIndex } | false | undefined;
  #textAsSaved: boolean | undefined;

  constructor(
    readonly role: FileRole,
    readonly sourceCode: EslintSourceCode,
    readonly project: Project | undefined,
    /** POSIX path relative to the project root (to ESLint's cwd outside any mini-app). */
    readonly path: string,
    readonly platform: PlatformCatalog,
    readonly settings: PluginSettings,
    thirdParty: boolean,
  ) {
    this.lines = new LineIndex(sourceCode.text);
    this.ruleSettings = { ...settings.rule };
    if (project && settings.declaredPath !== undefined) {
      // The guide being edited is read as it stands; every other file sees it as saved.
      const guide = project.declaredPrivacy(settings.declaredPath, role === 'declaration' ? sourceCode.text : undefined);
      if (guide.declared?.platform !== undefined && guide.declared.platform !== platform.id) {
        this.declarationProblem = `the declared privacy guide ${settings.declaredPath} is for ${guide.declared.platform}, and this project is ${platform.id}: it is not applied`;
      } else if (guide.declared) this.ruleSettings.declared = guide.declared;
      else this.declarationProblem = guide.problem;
    }
    const kind = fileKind(path);
    this.bundleFile = {
      path,
      kind: role === 'template' ? 'template' : role === 'manifest' || role === 'declaration' ? 'json' : kind === 'template-script' ? 'template-script' : 'script',
      text: sourceCode.text,
      thirdParty,
    };
  }

  get text(): string {
    return this.sourceCode.text;
  }

  /**
   * An ESLint location for 0-based offsets into the text, in the language's convention: JavaScript
   * counts columns from 0 and its own line breaks (ESLint's getLocFromIndex); JSON and templates
   * count from 1, as minivet's regions do.
   */
  loc(start: number, end: number): EslintLocation {
    const length = this.text.length;
    const from = Math.max(0, Math.min(start, length));
    const to = Math.max(from, Math.min(end, length));
    if (this.role === 'script' && this.sourceCode.getLocFromIndex) {
      return { start: this.sourceCode.getLocFromIndex(from), end: this.sourceCode.getLocFromIndex(to) };
    }
    const a = this.lines.position(from);
    const b = this.lines.position(to);
    return { start: { line: a.line, column: a.column }, end: { line: b.line, column: b.column } };
  }

  /** Where file-wide messages go: the first character. */
  get firstPosition(): EslintPosition {
    return this.loc(0, 0).start;
  }

  /** A rule joins the file phase (from its ESLint `create`, before ESLint walks the tree). */
  addParticipant(participant: Participant): void {
    this.#participants.push(participant);
  }

  /**
   * The file phase, once per file, when the first rule needs its outcome: for a script, one walk of
   * ESLint's tree with the collector and every participant's listeners; for a template, every
   * participant's template check, then one walk per inline script.
   */
  runFilePhase(): void {
    if (this.#filePhaseDone) return;
    this.#filePhaseDone = true;
    if (this.role === 'script') {
      this.#scriptUsages = this.#walk(this.sourceCode.ast as Node, this.text, 0);
    } else if (this.role === 'template') {
      for (const participant of this.#participants) {
        if (participant.checkTemplate) participant.guard(() => participant.checkTemplate!());
      }
      const usages = [...this.template().usages];
      for (const inline of this.inlineScripts()) if (inline.parsed.ok) usages.push(...this.#walk(inline.parsed.ast, inline.text, inline.offset));
      this.#templateUsages = usages;
    }
  }

  /** One walk with the collector and the participants' listeners; returns the usages found. */
  #walk(root: Node, text: string, offset: number): Usage[] {
    const collector = createScriptCollector(this.bundleFile, this.platform, (s, e) => this.lines.region(s + offset, e + offset), platformObjectsIn(text, this.platform));
    const groups: { participant: Participant; listeners: Listeners }[] = [];
    for (const participant of this.#participants) {
      if (!participant.scriptListeners) continue;
      participant.guard(() => {
        groups.push({ participant, listeners: participant.scriptListeners!(text, offset) });
      });
    }
    try {
      traverse(root, [collector.listeners, ...groups.map((group) => group.listeners)]);
    } catch {
      // Listeners are guarded, so only a selector the walk cannot compile gets here: find whose, walk the others alone.
      collector.usages.length = 0;
      // The collector itself failing is a bug for the caller's guard to report; its partial usages are dropped.
      traverse(root, [collector.listeners]);
      for (const group of groups) group.participant.guard(() => traverse(root, [group.listeners]));
    }
    return collector.usages;
  }

  /** Usages of the platform API in this script, found on ESLint's own tree in the shared walk. */
  scriptUsages(): Usage[] {
    this.runFilePhase();
    return this.#scriptUsages ?? [];
  }

  /** The template as `minivet scan` reads it, with paths as the project names them. */
  template(): TemplateAnalysis {
    if (!this.#template) {
      const analysis = (this.sourceCode as unknown as TemplateSourceCode).analysis;
      const path = this.path;
      this.#template = {
        ...analysis,
        usages: analysis.usages.map((usage) => ({ ...usage, location: { ...usage.location, file: path }, thirdParty: this.bundleFile.thirdParty })),
        notifications: analysis.notifications.map((notification) => ({ ...notification, file: path })),
      };
    }
    return this.#template;
  }

  /** The template's `<wxs>`/`<sjs>` bodies, each parsed once. */
  inlineScripts(): InlineScript[] {
    // The body alone, placed in the template by startOffset (as analyse-file.ts reads it).
    this.#inlineScripts ??= this.template().inlineScripts.map((inline) => ({
      text: inline.text,
      offset: inline.startOffset,
      // As analyse-file.ts parses them (comments only when a minivet-disable directive may be among them).
      parsed: parseScript(this.path, inline.text, { comments: inline.text.includes(DIRECTIVE_MARK), templateScript: true }),
    }));
    return this.#inlineScripts;
  }

  /** Usages in the template: its elements and its inline scripts. */
  templateUsages(): Usage[] {
    this.runFilePhase();
    return this.#templateUsages ?? this.template().usages;
  }

  /** What could not be read in the template: markup problems and inline scripts that do not parse. */
  templateProblems(): FileNotification[] {
    const problems = [...this.template().notifications];
    for (const inline of this.inlineScripts()) {
      if (inline.parsed.ok) continue;
      const { position, ...notification } = inline.parsed.notification;
      // A position in the script body, moved to where the body stands in the template.
      const at = position ? this.lines.position(offsetOf(inline.text, position) + inline.offset) : position;
      problems.push({ ...notification, file: this.path, ...(at ? { position: at } : {}) });
    }
    return problems;
  }

  /** app.json as saved, once per lint of this file (the project caches it across files). */
  savedManifest(): AppManifest | undefined {
    if (this.#savedManifest === undefined) this.#savedManifest = { manifest: this.project?.manifest(this.platform) };
    return this.#savedManifest.manifest;
  }

  /** app.json as it stands in the editor (the text being linted, not the saved file). */
  liveManifest(): AppManifest {
    this.#manifest ??= { manifest: parseManifest(this.project?.manifestPath ?? this.path, this.text, this.platform) };
    return this.#manifest.manifest;
  }

  /**
   * The usages of the whole mini-app and the files that could not be analysed, as a project check
   * needs them: the other files as saved (indexed, cached by mtime and size), this file as it stands
   * in the editor. For app.json, the index is re-checked on every lint.
   */
  projectUsages(): ProjectUsages {
    if (!this.#projectUsages) {
      if (!this.project) this.#projectUsages = { usages: this.liveUsages(), unanalysedFiles: [] };
      else if (this.role === 'manifest') this.#projectUsages = combineIndex(this.project.index(this.platform, this.settings.rule, 0), this.path);
      else {
        const index = this.project.index(this.platform, this.settings.rule, INDEX_MAX_AGE_MS);
        const unanalysed = this.role === 'template' && this.templateProblems().some((problem) => problem.level === 'error');
        this.#projectUsages = combineIndex(index, this.path, { usages: this.liveUsages(), unanalysed });
      }
    }
    return this.#projectUsages;
  }

  /**
   * The rule's project check as run once on the saved project, when this file as linted holds the
   * same usages as saved (always, in a command-line run); undefined when it differs (being edited),
   * and then the check runs for this file with its live usages.
   */
  sharedCheck(rule: Rule): SharedCheck | undefined {
    const project = this.project;
    if (!project || this.role === 'manifest' || this.role === 'other') return undefined;
    if (this.#asSaved === undefined) {
      const index = project.index(this.platform, this.settings.rule, INDEX_MAX_AGE_MS);
      const saved = index.entries.find((entry) => entry.path === this.path);
      const unanalysed = this.role === 'template' && this.templateProblems().some((problem) => problem.level === 'error');
      this.#asSaved = saved !== undefined && saved.unanalysed === unanalysed && sameUsages(saved.usages, this.liveUsages()) ? { index } : false;
    }
    if (!this.#asSaved) return undefined;
    const { index } = this.#asSaved;
    const manifest = this.savedManifest();
    const facts = () => ({
      platform: this.platform,
      manifest,
      ...combineIndex(index, this.path),
      ...(rule.meta.dataflow && { dataflow: project.dataflow(this.platform, this.settings.rule, INDEX_MAX_AGE_MS) }),
    });
    return project.sharedCheck(rule, index, manifest, facts, this.settings.rule);
  }

  /** The services rules share in the one traversal of the script at `offset` (0, or an inline template script's start). */
  sharedServicesAt(offset: number): SharedServices {
    let shared = this.#shared.get(offset);
    if (!shared) this.#shared.set(offset, (shared = sharedServices()));
    return shared;
  }

  /** The text being linted is the file as saved on disk (not an editor's unsaved buffer). */
  textAsSaved(): boolean {
    this.#textAsSaved ??= this.project !== undefined && readTextCached(join(this.project.projectRoot, this.path))?.replace(/^\uFEFF/, '') === this.sourceCode.text;
    return this.#textAsSaved;
  }

  /**
   * Whether a `minivet-disable…` comment in this file covers a finding of `ruleId` starting at
   * `offset`, as `minivet scan` applies them (by the finding's first line; never in the strict profile).
   */
  isSuppressed(ruleId: string, offset: number): boolean {
    if (this.settings.rule.profile === 'strict') return false;
    this.#suppressions ??= this.#readSuppressions();
    if (this.#suppressions.length === 0) return false;
    const line = this.lines.position(offset).line;
    return this.#suppressions.some((s) => line >= s.fromLine && line <= s.toLine && (s.rules === undefined || s.rules.has(ruleId)));
  }

  /** The same for a finding in another file of the project, from that file as saved (for app.json). */
  isSuppressedElsewhere(ruleId: string, path: string, line: number): boolean {
    if (this.settings.rule.profile === 'strict' || !this.project) return false;
    const suppressions = this.project.index(this.platform, this.settings.rule, INDEX_MAX_AGE_MS).entries.find((entry) => entry.path === path)?.suppressions ?? [];
    return suppressions.some((s) => line >= s.fromLine && line <= s.toLine && (s.rules === undefined || s.rules.has(ruleId)));
  }

  #readSuppressions(): Suppression[] {
    if (!this.text.includes(DIRECTIVE_MARK)) return [];
    if (this.role === 'template') {
      const found = templateSuppressions(this.text, this.lines, this.path);
      for (const inline of this.inlineScripts()) {
        if (!inline.parsed.ok || !inline.parsed.ast.comments) continue;
        const comments = inline.parsed.ast.comments.map((comment) => ({ value: comment.value, range: [comment.range[0] + inline.offset, comment.range[1] + inline.offset] as [number, number] }));
        found.push(...scriptSuppressions(comments, this.lines, this.path));
      }
      return found;
    }
    if (this.role !== 'script') return [];
    const comments = (this.sourceCode as { getAllComments?(): { value: string; range: [number, number] }[] }).getAllComments?.() ?? [];
    return scriptSuppressions(comments, this.lines, this.path);
  }

  /** The usages in this file as it stands. */
  liveUsages(): Usage[] {
    return this.role === 'script' ? this.scriptUsages() : this.role === 'template' ? this.templateUsages() : [];
  }
}

const files = new WeakMap<object, LintedFile>();

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function roleOf(sourceCode: EslintSourceCode, absolute: string): FileRole {
  if (sourceCode instanceof TemplateSourceCode) return 'template';
  const type = sourceCode.ast?.type;
  if (type === 'Program' && typeof sourceCode.getAncestors === 'function') return 'script';
  // @eslint/json's tree; only the mini-app manifest is minivet's, and the declared privacy guide named in the settings.
  if (type === 'Document') return basename(absolute) === 'app.json' ? 'manifest' : 'declaration';
  return 'other';
}

function create(context: EslintRuleContext): LintedFile {
  const { sourceCode } = context;
  const settings = pluginSettings(context.settings);
  const physical = context.physicalFilename || context.filename;
  const absolute = resolve(context.cwd || process.cwd(), physical);
  let role = roleOf(sourceCode, absolute);
  // Any other JSON file is the declared privacy guide only if it is the one the settings name.
  const declaring = role === 'declaration' && settings.declaredPath !== undefined ? findProjectDeclaring(absolute, settings.declaredPath) : undefined;
  if (role === 'declaration' && !declaring) role = 'other';
  const project = role === 'other' ? undefined : (declaring ?? findProject(absolute));
  const platform = project ? project.platform(settings.platform) : platformCatalog(settings.platform ?? 'wechat');
  const path = project ? project.pathOf(absolute) : toPosix(relative(context.cwd || process.cwd(), absolute));
  return new LintedFile(role, sourceCode, project, path, platform, settings, project?.isThirdParty(absolute) ?? false);
}

/** The file being linted, as the minivet rules see it; worked out by the first rule that asks. */
export function lintedFile(context: EslintRuleContext): LintedFile {
  const key = context.sourceCode as object;
  let file = files.get(key);
  if (!file) {
    file = create(context);
    files.set(key, file);
  }
  return file;
}
