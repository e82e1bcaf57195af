import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAMILIES, parseLabelFamily } from './families.mjs';

/**
 * Reads eval/labels/<app>.jsonl. Every label is checked: known family, a relative file, a positive
 * line, the app named like its file; with the corpus laid out, the file must exist and hold that line.
 * Problems are returned, never thrown, so one bad label does not hide the others.
 */
export function readLabels(dir, corpus) {
  const labels = [];
  const problems = [];
  if (!existsSync(dir)) return { labels, problems: [`no labels folder ${dir}`] };
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort()) {
    const app = name.slice(0, -'.jsonl'.length);
    const lines = readFileSync(join(dir, name), 'utf8').split('\n');
    const seen = new Set();
    lines.forEach((text, index) => {
      if (text.trim() === '') return;
      const where = `${name}:${index + 1}`;
      let label;
      try {
        label = JSON.parse(text);
      } catch {
        problems.push(`${where}: not JSON`);
        return;
      }
      const { family } = parseLabelFamily(String(label.family));
      if (label.app !== app) problems.push(`${where}: app "${label.app}" in the file of ${app}`);
      else if (!FAMILIES.includes(family)) problems.push(`${where}: unknown family "${label.family}"`);
      else if (typeof label.file !== 'string' || label.file.startsWith('/') || label.file.includes('..')) problems.push(`${where}: file must be relative to the app root`);
      else if (!Number.isInteger(label.line) || label.line < 1) problems.push(`${where}: line must be a positive whole number`);
      else if (seen.has(`${label.family}\0${label.file}\0${label.line}`)) problems.push(`${where}: duplicate label`);
      else {
        seen.add(`${label.family}\0${label.file}\0${label.line}`);
        const path = corpus && join(corpus, app, label.file);
        if (path && existsSync(join(corpus, app)) && (!existsSync(path) || readFileSync(path, 'utf8').split('\n').length < label.line)) {
          problems.push(`${where}: ${label.file}:${label.line} is not in the corpus copy of ${app}`);
        }
        labels.push(label);
      }
    });
  }
  return { labels, problems };
}
