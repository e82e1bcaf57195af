import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.js';
import { scanProject } from '../src/scan.js';
import { parseDeclaredPrivacy } from '../src/config/declared-privacy.js';
import type { ProjectResult } from '../src/scan-result.js';
import { exampleProject, exampleSections, SEPARATE_APP, STILL_REPORTED, type ExampleFile, type ExampleSection } from './helpers/doc-examples.js';
import { onlyRules } from './helpers/rule-sets.js';
import { tempProject } from './helpers/temp-project.js';

/**
 * Rule doc examples run: each page's Incorrect example, written out as a mini-app (see
 * test/helpers/doc-examples.ts for how blocks name their files) and scanned with only that rule
 * on, is reported by the rule; its Correct example is not, unless the page marks it
 * `<!-- example: still reported -->`, in which case it is reported with other messages.
 */

const DOCS = fileURLToPath(new URL('../docs/rules/', import.meta.url));

function section(id: string, heading: string): ExampleSection {
  const found = exampleSections(readFileSync(join(DOCS, `${id}.md`), 'utf8')).find((candidate) => candidate.heading === heading);
  if (!found) throw new Error(`docs/rules/${id}.md has no "## ${heading}" section`);
  return found;
}

/** An example's declared privacy guide (`--declared`), by the file name the convention gives it. */
const DECLARATION = 'privacy-declaration.json';

function scan(id: string, files: readonly ExampleFile[]): ProjectResult {
  const root = tempProject(exampleProject(files));
  const declaration = files.find((file) => file.path === DECLARATION);
  const options = { ...onlyRules([id]), ...(declaration && { declared: parseDeclaredPrivacy(declaration.text, join(root, DECLARATION)) }) };
  const project = scanProject(root, options);
  expect(project.failure, 'the example could not be scanned').toBeUndefined();
  return project;
}

const ofRule = (id: string, project: ProjectResult) => project.findings.filter((finding) => finding.ruleId === id);
const described = (id: string, project: ProjectResult) =>
  ofRule(id, project).map((finding) => `${finding.location.file}:${finding.location.region.start.line} ${finding.message}`);
const named = (files: readonly ExampleFile[]) => files.map((file) => file.path).join(', ');

describe.each(RULES.map((rule) => rule.meta.id))('docs/rules/%s.md examples', (id) => {
  const incorrect = section(id, 'Incorrect');
  const correct = section(id, 'Correct');

  it.each(['Incorrect', 'Correct'])('every block under "## %s" names a file, once per app', (heading) => {
    const example = heading === 'Incorrect' ? incorrect : correct;
    expect(example.unnamed, 'blocks whose first line or info string names no file').toEqual([]);
    expect(example.markers.filter((marker) => marker !== STILL_REPORTED && marker !== SEPARATE_APP), 'unknown example markers').toEqual([]);
    for (const files of example.apps) {
      expect(files.length, 'an app without files').toBeGreaterThan(0);
      const paths = files.map((file) => file.path);
      expect(paths.filter((path, i) => paths.indexOf(path) !== i), 'files given twice in one app').toEqual([]);
    }
  });

  it('the Incorrect example is reported by the rule', () => {
    for (const files of incorrect.apps) {
      const project = scan(id, files);
      expect(ofRule(id, project).length, `no ${id} finding in ${named(files)}; notifications: ${JSON.stringify(project.notifications)}`).toBeGreaterThan(0);
    }
  });

  if (correct.markers.includes(STILL_REPORTED)) {
    it("the Correct example is still reported, with messages other than the Incorrect example's", () => {
      const before = new Set(incorrect.apps.flatMap((files) => ofRule(id, scan(id, files)).map((finding) => finding.message)));
      for (const files of correct.apps) {
        const project = scan(id, files);
        expect(project.notifications, `files of ${named(files)} that could not be analysed`).toEqual([]);
        const messages = ofRule(id, project).map((finding) => finding.message);
        expect(messages.length, `no ${id} finding in ${named(files)}`).toBeGreaterThan(0);
        expect(messages.filter((message) => before.has(message)), 'messages the Incorrect example has too').toEqual([]);
      }
    });
  } else {
    it('the Correct example is not reported by the rule', () => {
      for (const files of correct.apps) {
        const project = scan(id, files);
        // A file that could not be analysed would let the example pass without being checked.
        expect(project.notifications, `files of ${named(files)} that could not be analysed`).toEqual([]);
        expect(described(id, project), `${id} findings in ${named(files)}`).toEqual([]);
      }
    });
  }
});
