/**
 * Finding the mini-app of a linted file and caching what the project rules need, for an ESLint
 * process that runs for hours in an editor: caches are keyed on mtime and size, so edits on disk
 * are seen by the next lint and nothing is re-read while files stay unchanged.
 */
import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { combineIndex } from '../../src/eslint/project-context.js';
import { findProject } from '../../src/eslint/find-project.js';
import { platformCatalog } from '../../src/platforms/index.js';
import { REPO } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';
import { APP, brief, lint, MINIPROGRAM } from './helpers.js';

const wechat = platformCatalog('wechat');

/** Moves a file's mtime forward, as a save a second later would. */
function touch(path: string, seconds: number): void {
  const time = new Date(Date.now() + seconds * 1000);
  utimesSync(path, time, time);
}

describe('finding the mini-app root', () => {
  it('walks up to the nearest app.json; project.config.json names the project root', () => {
    const project = findProject(`${MINIPROGRAM}pages/index/index.js`)!;
    expect(project.appRoot).toBe(MINIPROGRAM.slice(0, -1));
    expect(project.projectRoot).toBe(APP.slice(0, -1));
    expect(project.manifestPath).toBe('miniprogram/app.json');
    expect(project.pathOf(`${MINIPROGRAM}pages/index/index.js`)).toBe('miniprogram/pages/index/index.js');
    // One Project (and one set of caches) per mini-app.
    expect(findProject(`${MINIPROGRAM}app.json`)).toBe(project);
    expect(findProject(`${MINIPROGRAM}pages/map/map.ts`)).toBe(project);
  });

  it('files beside the mini-app root (cloud functions, tooling) belong to no mini-app', () => {
    expect(findProject(`${APP}cloudfunctions/login/index.js`)).toBeUndefined();
    expect(findProject(`${APP}eslint.config.js`)).toBeUndefined();
  });

  it('without a project file the app root is the project root; mini.project.json makes it Alipay', () => {
    const alipay = findProject(join(REPO, 'fixtures/alipay/pages/index/index.js'))!;
    expect(alipay.projectRoot).toBe(alipay.appRoot);
    expect(alipay.manifestPath).toBe('app.json');
    expect(alipay.platform(undefined).id).toBe('alipay');
    expect(alipay.platform('qq').id).toBe('qq');
  });

  it('detects the platform from the templates most files use, like minivet scan', () => {
    const root = tempProject({ 'app.json': '{}', 'a.ttml': '', 'b.ttml': '', 'c.wxml': '', 'x.js': '' });
    expect(findProject(join(root, 'x.js'))!.platform(undefined).id).toBe('bytedance');
  });

  it('notices an app.json created after the first lint', () => {
    const root = tempProject({ 'pages/a.js': '' });
    expect(findProject(join(root, 'pages/a.js'))).toBeUndefined();
    writeFileSync(join(root, 'app.json'), '{}');
    touch(root, 5); // the folder's mtime is what the cache checks
    expect(findProject(join(root, 'pages/a.js'))?.appRoot).toBe(root);
  });
});

describe('caches keyed on mtime and size', () => {
  it('parses app.json once while unchanged, again after a change', () => {
    const root = tempProject({ 'app.json': '{ "requiredPrivateInfos": ["getLocation"] }', 'a.js': '' });
    const project = findProject(join(root, 'a.js'))!;
    const first = project.manifest(wechat);
    expect(first?.requiredPrivateInfos?.entries.map((entry) => entry.value)).toEqual(['getLocation']);
    expect(project.manifest(wechat)).toBe(first);
    writeFileSync(join(root, 'app.json'), '{ "requiredPrivateInfos": ["chooseAddress"] }');
    touch(join(root, 'app.json'), 5);
    const second = project.manifest(wechat);
    expect(second).not.toBe(first);
    expect(second?.requiredPrivateInfos?.entries.map((entry) => entry.value)).toEqual(['chooseAddress']);
    rmSync(join(root, 'app.json'));
    expect(project.manifest(wechat)).toBeUndefined();
  });

  it('re-analyses only the scripts that changed for app.json', () => {
    const root = tempProject({ 'app.json': '{}', 'a.js': 'wx.getLocation();', 'b.js': 'wx.chooseAddress();', 'broken.js': 'wx.getLocation(' });
    const project = findProject(join(root, 'app.json'))!;
    const settings = { profile: 'recommended' } as const;
    const first = combineIndex(project.index(wechat, settings, 0), 'app.json');
    expect(first.usages.map((usage) => `${usage.location.file}:${usage.name}`)).toEqual(['a.js:getLocation', 'b.js:chooseAddress']);
    expect(first.unanalysedFiles).toEqual(['broken.js']);
    const [a, b] = first.usages;
    writeFileSync(join(root, 'a.js'), '\nwx.startLocationUpdate();');
    touch(join(root, 'a.js'), 5);
    // Within the index's age, the tree is not checked again…
    expect(project.index(wechat, settings, 60_000).entries.find((entry) => entry.path === 'a.js')?.usages[0]?.name).toBe('getLocation');
    // …after it, only a.js is read again.
    const second = combineIndex(project.index(wechat, settings, 0), 'app.json');
    expect(second.usages.map((usage) => `${usage.location.file}:${usage.location.region.start.line}:${usage.name}`)).toEqual(['a.js:2:startLocationUpdate', 'b.js:1:chooseAddress']);
    expect(second.usages[1]).toBe(b); // b.js was not read again
    expect(second.usages[0]).not.toBe(a);
  });

  it('a script linted after app.json changes on disk sees the new manifest', () => {
    const root = tempProject({ 'app.json': '{ "requiredPrivateInfos": [] }', 'pages/a/a.js': '' });
    const file = join(root, 'pages/a/a.js');
    expect(brief(lint('wx.getLocation({});', file)).filter((m) => m.includes('undeclared'))).toHaveLength(1);
    writeFileSync(join(root, 'app.json'), '{ "requiredPrivateInfos": ["getLocation"] }');
    touch(join(root, 'app.json'), 5);
    expect(brief(lint('wx.getLocation({});', file)).filter((m) => m.includes('undeclared'))).toHaveLength(0);
  });

  it('app.json is linted as it stands in the editor, with the project as saved', () => {
    const root = tempProject({ 'app.json': '{}', 'a.js': 'wx.getLocation();' });
    const unsaved = '{ "requiredPrivateInfos": ["getLocation", "chooseAddress"] }';
    expect(readFileSync(join(root, 'app.json'), 'utf8')).toBe('{}');
    const messages = brief(lint(unsaved, join(root, 'app.json'))).filter((m) => m.includes('private-info'));
    // getLocation is declared in the editor's text (no undeclared-private-info); chooseAddress is not used on disk.
    expect(messages).toEqual([
      'minivet/unused-private-info 1:43 "chooseAddress" is listed in "requiredPrivateInfos" but no analysed code uses it; remove the entry if the feature is gone.',
    ]);
  });
});
