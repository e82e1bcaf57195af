/**
 * Valid inputs the fuzzer starts from: the fixture projects, the example, a few hand-written
 * snippets, and compiled packages made from the projects. Read once per test file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serviceBundle, type PackEntry } from '../wxapkg.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** A project in memory: POSIX path → bytes. */
export type ProjectFiles = Map<string, Uint8Array>;

export interface SeedProject {
  name: string;
  files: ProjectFiles;
  /** Folder holding app.json ('' for the project root). */
  appRoot: string;
}

function readTree(root: string, base = ''): ProjectFiles {
  const files: ProjectFiles = new Map();
  for (const name of readdirSync(join(root, base)).sort()) {
    const rel = base === '' ? name : `${base}/${name}`;
    if (statSync(join(root, rel)).isDirectory()) for (const [path, bytes] of readTree(root, rel)) files.set(path, bytes);
    else files.set(rel, new Uint8Array(readFileSync(join(root, rel))));
  }
  return files;
}

function appRootOf(files: ProjectFiles): string {
  const manifests = [...files.keys()].filter((path) => path === 'app.json' || path.endsWith('/app.json')).sort((a, b) => a.length - b.length);
  const first = manifests[0];
  return first === undefined || first === 'app.json' ? '' : first.slice(0, -'/app.json'.length);
}

const SNIPPETS_JS: readonly string[] = [
  `Page({ onLoad() { wx.getLocation({ type: 'wgs84', success: (res) => this.setData(res) }); } });`,
  `const { chooseAddress: pick } = wx;\nexport function go() { return pick({}); }\nconst api = wx; api['getFuzzyLocation']({});`,
  `import Taro from '@tarojs/taro';\nexport default async function () { await Taro.getLocation(); uni.chooseLocation({}); my.getPhoneNumber({}); }`,
  `Component({ methods: { tap() { wx.request({ url: 'https://stats.example.com/collect?' + wx.getSystemInfoSync().model }); } } });`,
  serviceBundle({ 'pages/index/index.js': 'Page({onLoad:function(){wx.getLocation({})}});', 'utils/x.js': 'module.exports=function(){wx.chooseAddress({})};' }),
];

const SNIPPETS_TS: readonly string[] = [
  `interface Pos { lat: number }\nexport const get = async <T,>(x: T): Promise<Pos> => { const r = await wx.getLocation({ type: 'gcj02' }) as any; return r satisfies Pos; };`,
  `enum Mode { A = 1 }\nnamespace N { export declare const y: number }\n@dec class C<T extends object = {}> { private x?: T; m(): void { wx.startLocationUpdate({}); } }`,
];

const SNIPPETS_WXML: readonly string[] = [
  `<view class="a" wx:for="{{list}}" wx:key="id">\n  <button open-type="getPhoneNumber|agreePrivacyAuthorization" bindgetphonenumber="p">{{item.name}}</button>\n</view>`,
  `<wxs module="m">\nvar f = function (a, b) { return a < b && b > 0; };\nmodule.exports = { f: f };\n</wxs>\n<camera device-position="back" />\n<input type="nickname" value="{{ m.f(1, 2) ? '<x>' : \"}}\" }}"/>`,
  `<template name="row"><text>{{a}}</text></template>\n<template is="row" data="{{...item}}"/>\n<!-- <camera/> in a comment -->\n<live-pusher url="{{u}}"></live-pusher>`,
  `<view>\r\n  <map latitude="{{lat}}" longitude="{{lng}}" />\r\n  <van-button open-type="{{'getUserInfo'}}">x</van-button>\r\n</view>`,
];

export interface Seeds {
  projects: SeedProject[];
  scripts: { path: string; text: string }[];
  templates: { path: string; text: string }[];
  manifests: string[];
  /** Compiled packages made from the projects, as entry lists (packed per case, after mutation). */
  packages: { name: string; entries: PackEntry[] }[];
}

let cached: Seeds | undefined;

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

/** The entries a compiler would make of a project: app-config.json, one app-service.js, templates and configs as they are. */
export function packageEntriesOf(project: SeedProject): PackEntry[] {
  const prefix = project.appRoot === '' ? '' : `${project.appRoot}/`;
  const modules: Record<string, string> = {};
  const entries: PackEntry[] = [];
  for (const [path, bytes] of project.files) {
    if (!path.startsWith(prefix)) continue;
    const rel = path.slice(prefix.length);
    if (rel === 'app.json') entries.push({ name: '/app-config.json', content: text(bytes) });
    else if (/\.(?:js|ts)$/.test(rel)) modules[rel.replace(/\.ts$/, '.js')] = text(bytes);
    else if (!rel.startsWith('project.')) entries.push({ name: `/${rel}`, content: bytes });
  }
  entries.push({ name: '/app-service.js', content: serviceBundle(modules) });
  entries.push({ name: '/page-frame.html', content: '<html><script>var $gwx = function(){}</script></html>' });
  entries.push({ name: '/images/logo.png', content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0]) });
  return entries;
}

export function seeds(): Seeds {
  if (cached) return cached;
  const projects: SeedProject[] = [];
  for (const name of readdirSync(join(REPO, 'fixtures')).sort()) {
    // Benchmark collections hold dozens of apps each: not one project, and too slow as one seed.
    if (name.startsWith('dataflow-')) continue;
    const files = readTree(join(REPO, 'fixtures', name));
    projects.push({ name: `fixtures/${name}`, files, appRoot: appRootOf(files) });
  }
  const example = readTree(join(REPO, 'examples/weather-wechat'));
  projects.push({ name: 'examples/weather-wechat', files: example, appRoot: appRootOf(example) });

  const scripts: Seeds['scripts'] = [];
  const templates: Seeds['templates'] = [];
  const manifests: string[] = [];
  for (const project of projects) {
    for (const [path, bytes] of project.files) {
      if (/\.(?:js|ts|sjs|wxs)$/.test(path)) scripts.push({ path, text: text(bytes) });
      else if (/\.(?:wxml|axml)$/.test(path)) templates.push({ path, text: text(bytes) });
      else if (path.endsWith('.json')) manifests.push(text(bytes));
    }
  }
  SNIPPETS_JS.forEach((snippet, i) => scripts.push({ path: `snippets/s${i}.js`, text: snippet }));
  SNIPPETS_TS.forEach((snippet, i) => scripts.push({ path: `snippets/t${i}.ts`, text: snippet }));
  SNIPPETS_WXML.forEach((snippet, i) => templates.push({ path: `snippets/w${i}.wxml`, text: snippet }));
  const packages = projects
    .filter((project) => project.files.has(project.appRoot === '' ? 'app.json' : `${project.appRoot}/app.json`))
    .map((project) => ({ name: project.name, entries: packageEntriesOf(project) }));
  cached = { projects, scripts, templates, manifests, packages };
  return cached;
}
