import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAMILIES } from './families.mjs';

/** A run that ended in an internal error, a crash or a timeout (exit 0 and 1 are a scan's normal outcomes). */
export function failedRuns(runs) {
  return runs.filter((run) => run.internalErrors > 0 || !(run.exit === 0 || run.exit === 1));
}

const ratio = (value) => (value === null ? '—' : value.toFixed(2));

export function runsTable(runs, missing) {
  const exits = new Map();
  for (const run of runs) exits.set(String(run.exit), (exits.get(String(run.exit)) ?? 0) + 1);
  const internal = runs.reduce((sum, run) => sum + run.internalErrors, 0);
  const slowest = [...runs].sort((a, b) => b.seconds - a.seconds)[0];
  const hungriest = [...runs].sort((a, b) => (b.rssMb ?? 0) - (a.rssMb ?? 0))[0];
  const total = runs.reduce((sum, run) => sum + run.seconds, 0);
  const lines = [
    `| apps | exit codes | internal errors | total time | slowest app | peak memory |`,
    `|---|---|---|---|---|---|`,
    `| ${runs.length} | ${[...exits].sort().map(([code, n]) => `${code}: ${n}`).join(', ')} | ${internal} | ${total.toFixed(0)} s | ${slowest.app} ${slowest.seconds.toFixed(1)} s | ${hungriest.app} ${hungriest.rssMb?.toFixed(0) ?? '?'} MB |`,
  ];
  for (const run of failedRuns(runs)) lines.push(`- ${run.app}: exit ${run.exit}, ${run.internalErrors} internal errors: ${run.stderr}`);
  if (missing.length > 0) lines.push(`- not laid out (fetch and lay out the corpus, docs/evaluation.md): ${missing.join(', ')}`);
  return lines.join('\n');
}

export function scoreTable(scores, families = FAMILIES) {
  const lines = ['| family | labels | findings | precision | recall | false alarms | misses |', '|---|---|---|---|---|---|---|'];
  for (const family of families) {
    const row = scores[family];
    lines.push(`| ${family} | ${row.labels} | ${row.findings} | ${ratio(row.precision)} | ${ratio(row.recall)} | ${row.falsePositives.length} | ${row.misses.length} |`);
  }
  return lines.join('\n');
}

/** One Markdown file per family: the unmatched findings and the missed labels, for a person to read. */
export function writeReview(dir, scores, families = FAMILIES) {
  mkdirSync(dir, { recursive: true });
  for (const family of families) {
    const row = scores[family];
    const lines = [`# ${family}: precision ${ratio(row.precision)}, recall ${ratio(row.recall)}`, '', `## Findings that match no label (${row.falsePositives.length})`, ''];
    for (const f of row.falsePositives) lines.push(`- ${f.app} \`${f.file}:${f.line}\` ${f.ruleId}: ${f.message.replace(/\s+/g, ' ').slice(0, 240)}`);
    lines.push('', `## Labels no finding matches (${row.misses.length})`, '');
    for (const l of row.misses) lines.push(`- ${l.app} \`${l.file}:${l.line}\`: ${String(l.note ?? '').replace(/\s+/g, ' ').slice(0, 240)}`);
    writeFileSync(join(dir, `${family}.md`), `${lines.join('\n')}\n`);
  }
}
