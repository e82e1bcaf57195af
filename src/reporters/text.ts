import { posix } from 'node:path';
import pc from 'picocolors';
import { isInternalError } from '../internal-error.js';
import type { ScanResult } from '../scan-result.js';
import type { Finding, Severity } from '../types.js';
import { countBySeverity, plural } from './summary.js';
import { flowText } from './code-flow.js';
import { findingExcerpt, lineReader } from './finding-excerpt.js';
import { printable } from './printable.js';
import { privacyLines } from './privacy-text.js';
import type { SourceLookup } from './sarif.js';

export interface TextOptions {
  color: boolean;
  /** Source text, for a one-line excerpt under each finding; no excerpts without it. */
  sources?: SourceLookup;
  /** Only errors, and no summary of notes and skipped files. */
  quiet: boolean;
}

const MAX_MESSAGE = 400;

function displayFile(displayPath: string, file: string): string {
  const base = displayPath.replace(/\\/g, '/').replace(/\/+$/, '');
  if (file === '.') return printable(base || '.');
  // posix.normalize: a file outside the project (a declared privacy guide) reads as a path from here.
  if (base === '' || base === '.') return printable(file);
  return printable(file.startsWith('../') ? posix.normalize(`${base}/${file}`) : `${base}/${file}`);
}

/** Messages come from rules and may quote code: keep them to one bounded line, with no control characters. */
function oneLine(text: string): string {
  const flat = text.slice(0, MAX_MESSAGE * 2).replace(/\s+/g, ' ');
  return printable(flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE - 1)}…` : flat);
}

/** Findings grouped by file as `line:col severity message rule-id`, then a summary. */
export function formatText(result: ScanResult, options: TextOptions): string {
  const c = pc.createColors(options.color);
  const paint: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, note: c.blue };
  const out: string[] = [];
  for (const project of result.projects) {
    const shown = project.findings.filter((f) => !f.suppressed && (!options.quiet || f.severity === 'error'));
    const byFile = new Map<string, Finding[]>();
    for (const finding of shown) {
      const list = byFile.get(finding.location.file) ?? [];
      list.push(finding);
      byFile.set(finding.location.file, list);
    }
    for (const [file, findings] of byFile) {
      out.push(c.underline(displayFile(project.displayPath, file)));
      const positions = findings.map((f) => `${f.location.region.start.line}:${f.location.region.start.column}`);
      const width = Math.max(...positions.map((p) => p.length));
      const lines = options.sources ? lineReader(options.sources, project.root, file) : undefined;
      findings.forEach((finding, i) => {
        const severity = paint[finding.severity](finding.severity.padEnd(7));
        const thirdParty = finding.thirdParty ? c.dim(' [third-party]') : '';
        out.push(`  ${c.dim(positions[i]!.padEnd(width))}  ${severity}  ${oneLine(finding.message)}${thirdParty}  ${c.dim(finding.ruleId)}`);
        const code = lines ? findingExcerpt(finding, lines) : '';
        if (code !== '') out.push(`  ${' '.repeat(width)}  ${c.dim(`│ ${code}`)}`);
        // Positions only, never source text, so a redacted finding stays masked.
        const flow = flowText(finding.codeFlow ?? [], file, (f) => displayFile(project.displayPath, f), c.dim);
        if (flow !== '') out.push(`  ${' '.repeat(width)}  ${flow}`);
      });
      out.push('');
    }
    if (!options.quiet && project.privacy) {
      out.push(c.bold(`Privacy summary of ${project.displayPath}:`));
      for (const line of privacyLines(project.privacy)) out.push(`  ${oneLine(line)}`);
      out.push('');
    }
    if (!options.quiet && project.notifications.length > 0) {
      // Every notification: files skipped or read in part, and warnings and notes on files read in full (the count below is of the first kind).
      out.push(c.bold(`Analysis notes for ${project.displayPath}:`));
      for (const n of project.notifications) {
        const where = n.position ? `:${n.position.line}:${n.position.column}` : '';
        out.push(`  ${displayFile(project.displayPath, n.file)}${where}  ${paint[n.level](n.level)}  ${oneLine(n.message)}`);
      }
      out.push('');
    }
  }
  const counts = countBySeverity(result.projects);
  const total = counts.error + counts.warning + counts.note;
  const analysed = result.projects.reduce((sum, p) => sum + p.stats.filesAnalysed, 0);
  const skipped = result.projects.reduce((sum, p) => sum + p.stats.filesSkipped, 0);
  const headline = `${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.note, 'note')})`;
  const unanalysed = result.projects.reduce((sum, p) => sum + p.notifications.filter((n) => n.level === 'error' && !isInternalError(n)).length, 0);
  const mark = counts.error > 0 || unanalysed > 0 ? c.red('✖') : counts.warning > 0 ? c.yellow('⚠') : c.green('✔');
  const failedNote = unanalysed > 0 ? c.red(` · ${plural(unanalysed, 'file')} could not be analysed`) : '';
  const suppressed = result.projects.reduce((sum, p) => sum + p.findings.filter((f) => f.suppressed && f.suppressed.kind !== 'external').length, 0);
  const baselined = result.projects.reduce((sum, p) => sum + p.findings.filter((f) => f.suppressed?.kind === 'external').length, 0);
  const internal = result.projects.reduce((sum, p) => sum + p.notifications.filter(isInternalError).length, 0);
  const internalNote = internal > 0 ? c.red(` · run incomplete: ${plural(internal, 'internal error')}`) : '';
  const suppressedNote = suppressed > 0 ? c.dim(` · ${suppressed} suppressed in source`) : '';
  const baselineNote = baselined > 0 ? c.dim(` · ${baselined} already in the baseline, not shown`) : '';
  out.push(`${mark} ${c.bold(headline)}${failedNote}${internalNote}${suppressedNote}${baselineNote}`);
  const platforms = [...new Set(result.projects.map((p) => p.platform))].join(', ');
  out.push(`  ${plural(analysed, 'file')} analysed, ${skipped} skipped or not fully analysed · ${plural(result.projects.length, 'project')} (${platforms})`);
  return `${out.join('\n')}\n`;
}
