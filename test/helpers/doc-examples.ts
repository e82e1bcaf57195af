/**
 * Reads the examples of a rule page (docs/rules/<id>.md) as the files of small mini-apps.
 *
 * The convention every page follows: each fenced block under `## Incorrect` and `## Correct` stands
 * for one file of the example, named either
 *   - by its first line, a comment that starts with the path: `// pages/pay/pay.js: ...`,
 *     `<!-- pages/help/help.wxml -->` (the path ends at a colon, a comma, a space or the comment's end); or
 *   - by the fence's info string, for files that cannot hold a comment (JSON): ```` ```json app.json ````.
 * A block named `privacy-declaration.json` is also the example's declared privacy guide (`--declared`).
 * The blocks of a section make one app, unless `<!-- example: separate app -->` stands between
 * them: the blocks after it make another (two situations that cannot hold in one app). A section
 * may also say `<!-- example: still reported -->`: its example is expected to be reported too
 * (e.g. clipboard-read, whose correct version stays as a reminder), with other messages.
 */

export interface ExampleFile {
  path: string;
  text: string;
}

export interface ExampleSection {
  heading: string;
  /** The files of the section's blocks, in order, one list per separate app. */
  apps: ExampleFile[][];
  /** Blocks that name no file, by their first line: the convention is broken. */
  unnamed: string[];
  /** Markers `<!-- example: ... -->` found outside the blocks. */
  markers: string[];
}

const PATH = String.raw`[\w@.-]+(?:/[\w@.-]+)*\.[A-Za-z]+`;
const COMMENT_NAME = new RegExp(String.raw`^(?://|<!--)\s*(${PATH})(?=$|[:,\s]|-->)`);
const INFO_NAME = new RegExp(String.raw`^[\w-]*\s+(${PATH})\s*$`);
const MARKER = /<!--\s*example:\s*([^>]*?)\s*-->/g;
export const SEPARATE_APP = 'separate app';
export const STILL_REPORTED = 'still reported';

/** The level-2 sections of a page with their blocks, fences matched outside of other fences. */
export function exampleSections(markdown: string): ExampleSection[] {
  const sections: ExampleSection[] = [];
  let fence: { info: string; lines: string[] } | undefined;
  for (const line of markdown.replace(/\r\n/g, '\n').split('\n')) {
    if (fence) {
      if (line.startsWith('```')) {
        const section = sections.at(-1);
        if (section) addBlock(section, fence.info, fence.lines);
        fence = undefined;
      } else fence.lines.push(line);
      continue;
    }
    if (line.startsWith('```')) {
      fence = { info: line.slice(3).trim(), lines: [] };
      continue;
    }
    const heading = /^## (.+)$/.exec(line);
    if (heading) sections.push({ heading: heading[1]!.trim(), apps: [[]], unnamed: [], markers: [] });
    else {
      for (const match of line.matchAll(MARKER)) {
        const section = sections.at(-1);
        section?.markers.push(match[1]!);
        if (match[1] === SEPARATE_APP) section?.apps.push([]);
      }
    }
  }
  return sections;
}

function addBlock(section: ExampleSection, info: string, lines: string[]): void {
  const first = lines[0] ?? '';
  const path = INFO_NAME.exec(info)?.[1] ?? COMMENT_NAME.exec(first.trim())?.[1];
  if (path === undefined) section.unnamed.push(first);
  else section.apps.at(-1)!.push({ path, text: `${lines.join('\n')}\n` });
}

const PAGE_SOURCE = /^(pages\/.+)\.(?:js|ts|wxml)$/;

/**
 * The files of one example as a project: the blocks, plus an app.json listing the pages found
 * (`pages/...` scripts and templates) when the example does not give one, or `pages/index/index`
 * when it has no page.
 */
export function exampleProject(files: readonly ExampleFile[]): Record<string, string> {
  const project: Record<string, string> = {};
  for (const file of files) project[file.path] = file.text;
  if (project['app.json'] === undefined) {
    const pages = [...new Set(files.flatMap((file) => PAGE_SOURCE.exec(file.path)?.[1] ?? []))];
    project['app.json'] = `${JSON.stringify({ pages: pages.length > 0 ? pages : ['pages/index/index'] }, null, 2)}\n`;
  }
  return project;
}
