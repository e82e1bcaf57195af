import { describe, expect, it } from 'vitest';
import { runMinivet } from './helpers/run-cli.js';
import { tempProject } from './helpers/temp-project.js';

/** The last line minivet prints for a folder with no app.json. */
function hintFor(files: Record<string, string>): string {
  const run = runMinivet(['scan', tempProject(files)]);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/no app\.json found/);
  return run.stderr.trim().split('\n').pop()!;
}

describe('the hint when a source checkout has no app.json', () => {
  it('names a uni-app project by pages.json, by the pages.config.ts it is generated from, or by its package.json', () => {
    expect(hintFor({ 'src/pages.json': '{}' })).toMatch(/looks like a uni-app project: build it/);
    expect(hintFor({ 'pages.json': '{}' })).toMatch(/looks like a uni-app project: build it/);
    expect(hintFor({ 'pages.config.ts': 'export default {}', 'src/main.ts': '' })).toMatch(/looks like a uni-app project: build it/);
    expect(hintFor({ 'package.json': JSON.stringify({ dependencies: { '@dcloudio/uni-app': '3.0.0' } }) })).toMatch(/looks like a uni-app project: build it/);
  });

  it('names a wepy project by its app.wpy or its package.json, and an mpvue project by its package.json', () => {
    expect(hintFor({ 'src/app.wpy': '<script>export default class extends wepy.app {}</script>' })).toMatch(/looks like a wepy project \(its pages are \.wpy files\): build it for the platform/);
    expect(hintFor({ 'package.json': JSON.stringify({ dependencies: { wepy: '1.7.3' } }) })).toMatch(/looks like a wepy project/);
    expect(hintFor({ 'package.json': JSON.stringify({ dependencies: { mpvue: '1.0.18' } }) })).toMatch(/looks like an mpvue project: build it/);
  });

  it('names a Taro project by its app config or its package.json', () => {
    expect(hintFor({ 'src/app.config.ts': 'export default {}' })).toMatch(/looks like a Taro project: build it/);
    expect(hintFor({ 'src/app.config.js': 'export default {}' })).toMatch(/looks like a Taro project: build it/);
    expect(hintFor({ 'package.json': JSON.stringify({ devDependencies: { '@tarojs/taro': '3.6.0' } }) })).toMatch(/looks like a Taro project: build it/);
  });

  it('finds the framework in the subfolder the project file points into, and says where', () => {
    const hint = hintFor({
      'project.config.json': JSON.stringify({ miniprogramRoot: 'client/dist/' }),
      'client/package.json': JSON.stringify({ dependencies: { '@tarojs/taro': '3.6.0' } }),
      'client/src/app.ts': '',
    });
    expect(hint).toMatch(/looked for client\/dist\/app\.json/);
    expect(hint).toMatch(/looks like a Taro project in client\/: build it/);
  });

  it('names the framework project one folder down, as in a repository with its backend beside it', () => {
    expect(hintFor({ 'server/index.js': '', 'contest/pages.json': '{}', 'contest/App.vue': '' })).toMatch(/looks like a uni-app project in contest\/: build it/);
    const both = hintFor({ 'a/pages.json': '{}', 'b/src/app.config.ts': 'export default {}' });
    expect(both).toMatch(/uni-app project in a\/: build it/);
    expect(both).toMatch(/Taro project in b\/: build it/);
  });

  it('says when a folder below has a project file but no app.json where it points', () => {
    // (A folder below that holds app.json itself is scanned without asking: select-bundles.ts.)
    expect(hintFor({ 'backend/index.js': '', 'weapp/project.config.json': '{}', 'weapp/pages/index.js': '' })).toMatch(/weapp\/ has a mini-app project file \(project\.config\.json\) but no app\.json: is it built/);
  });

  it('does not look into installed packages, shipped third-party code, dot folders or excluded folders', () => {
    const files = { 'node_modules/project.config.json': '{}', 'miniprogram_npm/pages.json': '{}', '.github/project.config.json': '{}', 'weapp/mini.project.json': '{}', 'index.js': '' };
    const root = tempProject({ ...files, '.minivetignore': 'weapp/\n' });
    const run = runMinivet(['scan', root]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n').pop()).toMatch(/is this a mini-app project\?$/);
    // The same folder without the ignore file names weapp/, and nothing else.
    const named = hintFor(files);
    expect(named).toMatch(/^.*\); weapp\/ has a mini-app project file \(mini\.project\.json\) but no app\.json/);
    expect(named).not.toMatch(/node_modules|miniprogram_npm|\.github/);
  });

  it('asks, for a folder that looks like neither (a package.json that is not JSON, other dependencies)', () => {
    expect(hintFor({ 'package.json': '{ not json', 'index.js': '' })).toMatch(/is this a mini-app project\?$/);
    expect(hintFor({ 'package.json': JSON.stringify({ dependencies: { vue: '3' } }) })).toMatch(/is this a mini-app project\?$/);
  });
});

describe('a framework source tree that keeps an app.json among its sources', () => {
  const notes = (files: Record<string, string>) => {
    const run = runMinivet(['scan', tempProject(files), '--format', 'json', '--fail-on', 'none']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { projects: { notifications: { file: string; level: string; message: string }[] }[] };
    return result.projects[0]!.notifications.map((n) => `${n.file} ${n.level} ${n.message}`);
  };
  const mpvue = {
    'package.json': JSON.stringify({ dependencies: { mpvue: '2.0.6' } }),
    'src/app.json': '{"pages":["pages/home/main"]}',
    'src/main.js': "import Vue from 'vue';\nimport App from './App';\nnew Vue(App).$mount();",
    'src/App.vue': '<script>export default {}</script>',
    'src/pages/home/main.js': "import Vue from 'vue';\nimport Page from './index';\nnew Vue(Page).$mount();",
    'src/pages/home/index.vue': '<template><view /></template>',
  };

  it('says the code is in .vue files minivet does not read, instead of a clean report', () => {
    expect(notes(mpvue)).toEqual([
      "src/app.json error the mini-app's code is in .vue files, which minivet does not read: this looks like an mpvue project; build it for the platform and scan the output folder that holds app.json",
    ]);
  });

  it('says nothing of a built app, or of an app with a stray .vue file and pages of its own', () => {
    expect(notes({ 'package.json': mpvue['package.json'], 'dist/app.json': '{"pages":["pages/home/main"]}', 'dist/pages/home/main.js': 'Page({})' })).toEqual([]);
    expect(notes({ 'app.json': '{"pages":["pages/a/a"]}', 'pages/a/a.js': 'Page({})', 'docs/demo.vue': '<template />' })).toEqual([]);
  });
});

describe('the hint when the project file names a folder that is not there', () => {
  it('says the app is built into that folder and has not been, before any guess at a framework', () => {
    expect(hintFor({ 'mini.project.json': '{ "miniprogramRoot": "./dist" }', 'src/app.ts': 'App({})' })).toMatch(/mini\.project\.json says the mini-app is in dist\/, which does not exist: build the app/);
    expect(hintFor({ 'project.config.json': '{ "miniprogramRoot": "miniprogram/" }', 'miniprogram/readme.md': '' })).not.toMatch(/does not exist/);
  });
});
