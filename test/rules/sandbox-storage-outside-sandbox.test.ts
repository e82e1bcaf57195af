import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanProject } from '../../src/scan.js';
import type { ProjectResult } from '../../src/scan-result.js';
import { runMinivet } from '../helpers/run-cli.js';
import { findingKeys } from '../helpers/summarise.js';
import { tempProject } from '../helpers/temp-project.js';
import { packWxapkg, serviceBundle } from '../helpers/wxapkg.js';

const RULE = 'storage-outside-sandbox';
const findings = (project: ProjectResult) => project.findings.filter((f) => f.ruleId === RULE);
const keys = (project: ProjectResult) => findingKeys(project).filter((key) => key.startsWith(`${RULE} `));
const problems = (project: ProjectResult) => findings(project).map((f) => `${f.location.region.start.line} ${f.properties?.problem}`);

/** A one-page project with `code` as its page script (and `extra` files: a platform marker, modules). */
function project(code: string, extra: Record<string, string> = {}, file = 'pages/index/index.js'): ProjectResult {
  return scanProject(tempProject({ 'app.json': '{"pages":["pages/index/index"]}', [file]: code, ...extra }));
}

describe('storage-outside-sandbox on fixtures/sandbox-storage', () => {
  const scanned = scanProject('fixtures/sandbox-storage');

  it('reports device paths and ".." escapes handed to file APIs, and managers handed to a plugin', () => {
    expect(keys(scanned)).toEqual([
      'storage-outside-sandbox pages/files/files.js:8:31',
      'storage-outside-sandbox pages/files/files.js:14:29',
      'storage-outside-sandbox pages/files/files.js:15:22',
      'storage-outside-sandbox pages/files/files.js:16:28',
      'storage-outside-sandbox pages/files/files.js:17:19',
      'storage-outside-sandbox pages/files/files.js:18:43',
      'storage-outside-sandbox pages/files/files.js:19:29',
      'storage-outside-sandbox pages/files/files.js:20:61',
      'storage-outside-sandbox pages/files/files.js:21:21',
      'storage-outside-sandbox pages/files/files.js:22:58',
      'storage-outside-sandbox pages/files/files.js:25:27',
      'storage-outside-sandbox pages/plugin/plugin.js:6:30',
      'storage-outside-sandbox pages/plugin/plugin.js:7:24',
    ]);
    expect(problems(scanned)).toEqual([
      '8 device-path',
      '14 device-path',
      '15 traversal-from-user-data',
      '16 device-path',
      '17 traversal-from-user-data',
      '18 device-path',
      '19 device-path',
      '20 traversal-from-local',
      '21 traversal-from-package',
      '22 device-path',
      '25 device-path',
      '6 manager-to-plugin',
      '7 manager-to-plugin',
    ]);
    expect(findings(scanned).every((f) => f.severity === 'error')).toBe(true);
  });

  it('names the API, the parameter and the path as far as it is known', () => {
    const byLine = new Map(findings(scanned).filter((f) => f.location.file === 'pages/files/files.js').map((f) => [f.location.region.start.line, f.message]));
    expect(byLine.get(14)).toContain('FileSystemManager.readFile (filePath) is given "/sdcard/DCIM/Camera/IMG_0001.jpg", a device path (/sdcard) outside the mini-app\'s sandbox');
    expect(byLine.get(15)).toContain('FileSystemManager.writeFileSync (filePath) is given "${wx.env.USER_DATA_PATH}/../shared.json", which climbs out of the user-data folder');
    expect(byLine.get(16)).toContain('FileSystemManager.copyFile (srcPath) is given "file:///storage/emulated/0/Download/contacts.vcf", a file:// URL');
    expect(byLine.get(22)).toContain('wx.saveFile (filePath) is given "/data/user/0/com.tencent.mm/files/a.png"');
  });

  it('points at the constant a path comes from when it is written in another module', () => {
    const imported = findings(scanned).find((f) => f.location.region.start.line === 19)!;
    expect(imported.relatedLocations?.map((r) => `${r.location.file}:${r.location.region.start.line} ${r.message}`)).toEqual(['utils/paths.js:2 the path is written here']);
  });

  it('says what a plugin gets from the manager', () => {
    const handoff = findings(scanned).find((f) => f.location.file === 'pages/plugin/plugin.js')!;
    expect(handoff.message).toContain('The mini-app\'s FileSystemManager (wx.getFileSystemManager()) is handed to plugin "docPlugin" (requirePlugin)');
    expect(handoff.properties).toEqual({ problem: 'manager-to-plugin', plugin: 'docPlugin' });
  });

  it('stays quiet on the user-data folder, package paths, local-file schemes, unknown paths, comments, strings, other objects and shadowed names', () => {
    expect(keys(scanned).filter((key) => key.includes('pages/safe/'))).toEqual([]);
  });
});

describe('storage-outside-sandbox: how paths and managers are found', () => {
  it('follows aliases of the namespace, destructured USER_DATA_PATH and options objects held in constants', () => {
    const code = [
      'const api = wx;',
      'const { USER_DATA_PATH } = wx.env;',
      "const opts = { filePath: '/sdcard/notes.txt' };",
      'const fs = api.getFileSystemManager();',
      "fs.writeFileSync(USER_DATA_PATH + '/../x', '');",
      'fs.readFile(opts);',
    ].join('\n');
    expect(problems(project(code))).toEqual(['5 traversal-from-user-data', '6 device-path']);
  });

  it('does not judge paths that change after they are set, or that start with a value known only at run time', () => {
    const code = [
      'let dir = wx.env.USER_DATA_PATH;',
      'dir = getApp().globalData.dir;',
      'const fs = wx.getFileSystemManager();',
      "fs.readFileSync(dir + '/../x');",
      "fs.readFileSync(`${dir}/${name}/../x`);",
      "fs.readFileSync(wx.env.USER_DATA_PATH + '/' + name + '/../x');",
    ].join('\n');
    expect(problems(project(code))).toEqual([]);
  });

  it('treats a declared global as the platform in TypeScript, and a parameter or local requirePlugin as something else', () => {
    const ts = "declare const wx: any;\nwx.getFileSystemManager().readFileSync('/sdcard/a.txt');";
    expect(problems(project(ts, {}, 'pages/index/index.ts'))).toEqual(['2 device-path']);
    const local = "const requirePlugin = (name) => ({ init() {} });\nrequirePlugin('x').init(wx.getFileSystemManager());";
    expect(problems(project(local))).toEqual([]);
  });

  it('knows Douyin, Alipay and framework namespaces', () => {
    const douyin = project(
      "const fs = tt.getFileSystemManager();\nfs.readFile({ filePath: 'ttfile://user/../../shared.db' });\nfs.readFile({ filePath: `${tt.env.USER_DATA_PATH}/a.txt` });\nfs.readFile({ filePath: 'ttfile://temp/a.png' });",
      { 'project.tt.json': '{}' },
    );
    expect(problems(douyin)).toEqual(['2 traversal-from-local']);
    expect(findings(douyin)[0]!.message).toContain('Keep files under tt.env.USER_DATA_PATH');
    const alipay = project(
      "my.saveFile({ apFilePath: '/sdcard/Download/a.pdf' });\nmy.getFileInfo({ apFilePath: 'https://resource/apml953bb093.video' });",
      { 'mini.project.json': '{}' },
    );
    expect(problems(alipay)).toEqual(['1 device-path']);
    const uni = project("uni.getFileSystemManager().readFileSync('/storage/emulated/0/a.txt');\nuni.saveFile({ tempFilePath: 'content://media/external/images/1' });");
    expect(problems(uni)).toEqual(['1 device-path', '2 device-path']);
  });

  it('skips tests and cloud functions, and marks shipped third-party code', () => {
    const code = "wx.getFileSystemManager().readFileSync('/sdcard/a.txt');";
    const scanned = project('Page({});', {
      'test/files.test.js': code,
      'cloudfunctions/backup/index.js': code,
      'miniprogram_npm/file-kit/index.js': code,
    });
    expect(keys(scanned)).toEqual(['storage-outside-sandbox miniprogram_npm/file-kit/index.js:1:40']);
    expect(findings(scanned)[0]!.thirdParty).toBe(true);
  });

  it('points into the module of a compiled package', () => {
    const code = "var fs = wx.getFileSystemManager(); fs.readFileSync('/sdcard/a.txt');";
    const dir = tempProject({
      'a.wxapkg': packWxapkg([
        { name: '/app-config.json', content: '{"pages":[]}' },
        { name: '/app-service.js', content: serviceBundle({ 'pages/a.js': code }) },
      ]),
    });
    const [finding] = findings(scanProject(join(dir, 'a.wxapkg')));
    expect(finding?.location.file).toBe('pages/a.js');
    expect(finding?.location.region.startOffset).toBe(code.indexOf("'/sdcard"));
  });
});

describe('storage-outside-sandbox through the CLI', () => {
  it('prints errors and fails the run', () => {
    const run = runMinivet(['scan', 'fixtures/sandbox-storage', '--no-color']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/14:29\s+error\s+FileSystemManager\.readFile \(filePath\) is given "\/sdcard\/DCIM\/Camera\/IMG_0001\.jpg".*storage-outside-sandbox/);
  });

  it('lists the rule in SARIF with its CWE tags', () => {
    const sarif = JSON.parse(runMinivet(['scan', 'fixtures/sandbox-storage', '--format', 'sarif']).stdout);
    const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === RULE);
    expect(rule.properties.tags).toEqual(expect.arrayContaining(['security', 'external/cwe/cwe-022']));
    expect(sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === RULE)).toHaveLength(13);
  });
});
