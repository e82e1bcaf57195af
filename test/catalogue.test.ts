import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.js';

/**
 * Keeps the rule catalogue, its documentation and its tests in step: every rule has a doc page of
 * the agreed shape, every doc page has a rule, the README links every page, and every rule is
 * exercised by some test.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOCS = join(ROOT, 'docs', 'rules');
const README = join(ROOT, 'README.md');
const TESTS = join(ROOT, 'test');
const THIS_FILE = fileURLToPath(import.meta.url);

/** The level-2 sections every rule doc has, in this order. */
const SECTIONS = ['Why', 'What it reports', 'Incorrect', 'Correct', 'How to fix', 'Options', 'Limitations', 'References'];

const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const FENCED_BLOCK = /^```[\w-]*\n[\s\S]*?^```$/m;

function docPath(id: string): string {
  return join(DOCS, `${id}.md`);
}

function readDoc(id: string): string {
  return readFileSync(docPath(id), 'utf8').replace(/\r\n/g, '\n');
}

/** Level-2 headings and the text under each, outside fenced code blocks. */
function sections(markdown: string): { heading: string; body: string }[] {
  const result: { heading: string; body: string }[] = [];
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    const match = !inFence && /^## (.+)$/.exec(line);
    if (match) result.push({ heading: match[1]!.trim(), body: '' });
    else if (result.length > 0) result[result.length - 1]!.body += `${line}\n`;
  }
  return result;
}

/** Every *.test.ts under test/, except this file. */
function testFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...testFiles(path));
    else if (entry.name.endsWith('.test.ts') && path !== THIS_FILE) files.push(path);
  }
  return files;
}

const ids = RULES.map((rule) => rule.meta.id);

describe('rule catalogue', () => {
  it('has rules, with unique ids', () => {
    expect(RULES.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });

  describe.each(RULES.map((rule) => [rule.meta.id, rule.meta] as const))('%s', (id, meta) => {
    it('has a kebab-case id', () => {
      expect(id).toMatch(KEBAB_CASE);
    });

    it('has a one-line description ending with a full stop', () => {
      expect(meta.description).not.toMatch(/\n/);
      expect(meta.description.trim()).toBe(meta.description);
      expect(meta.description.endsWith('.')).toBe(true);
    });

    it('has tags and a security severity between 0 and 10', () => {
      expect(meta.tags.length).toBeGreaterThan(0);
      expect(meta.securitySeverity).toBeGreaterThanOrEqual(0);
      expect(meta.securitySeverity).toBeLessThanOrEqual(10);
    });
  });
});

describe('rule docs', () => {
  describe.each(ids)('docs/rules/%s.md', (id) => {
    const meta = RULES.find((rule) => rule.meta.id === id)!.meta;

    it('exists', () => {
      expect(existsSync(docPath(id)), `docs/rules/${id}.md is missing`).toBe(true);
    });

    it('starts with the rule id and its description', () => {
      const lines = readDoc(id).split('\n');
      expect(lines[0]).toBe(`# ${id}`);
      const summary = lines.slice(1).find((line) => line.trim() !== '');
      expect(summary).toBe(meta.description);
    });

    it('states the default severity', () => {
      expect(readDoc(id)).toMatch(new RegExp(`^- Severity: ${meta.severity}\\b`, 'm'));
    });

    it('has the agreed sections in order', () => {
      expect(sections(readDoc(id)).map((section) => section.heading)).toEqual(SECTIONS);
    });

    it.each(['Incorrect', 'Correct'])('has a fenced code example under "## %s"', (heading) => {
      const section = sections(readDoc(id)).find((candidate) => candidate.heading === heading);
      expect(section, `no "## ${heading}" section`).toBeDefined();
      expect(section!.body).toMatch(FENCED_BLOCK);
    });
  });

  it('has no page without a rule', () => {
    const pages = readdirSync(DOCS).filter((name) => name.endsWith('.md')).map((name) => name.slice(0, -'.md'.length));
    expect(pages.filter((page) => !ids.includes(page))).toEqual([]);
  });
});

describe('README', () => {
  it.skipIf(!existsSync(README))('links the doc page of every rule', () => {
    const readme = readFileSync(README, 'utf8');
    const unlinked = ids.filter((id) => !readme.includes(`docs/rules/${id}.md`));
    expect(unlinked, 'rules the README does not link').toEqual([]);
  });
});

describe('rule tests', () => {
  it('mention every rule id in some test file besides this one', () => {
    const texts = testFiles(TESTS).map((file) => readFileSync(file, 'utf8'));
    const untested = ids.filter((id) => !texts.some((text) => text.includes(id)));
    expect(untested, `rules no test under ${relative(ROOT, TESTS)}/ mentions`).toEqual([]);
  });
});
