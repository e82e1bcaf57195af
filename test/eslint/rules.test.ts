/**
 * The plugin's rules under @typescript-eslint/rule-tester: real minivet rules on scripts (espree and
 * @typescript-eslint/parser), templates and app.json of the fixture project, with message ids,
 * positions, fixes and suggestions; and every rule on a clean project (no report, no crash).
 */
import { join } from 'node:path';
import { describe } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { tempProject } from '../helpers/temp-project.js';
import { APP, appJson, asTested, jsTester, minivet, MINIPROGRAM, template, tsTester } from './helpers.js';

const INDEX_JS = `${MINIPROGRAM}pages/index/index.js`;
const MAP_TS = `${MINIPROGRAM}pages/map/map.ts`;
const APP_JSON = `${MINIPROGRAM}app.json`;
const INDEX_WXML = `${MINIPROGRAM}pages/index/index.wxml`;

const undeclared = (api: string, via = `wx.${api}`): string =>
  `${via} is used but "${api}" is not listed in miniprogram/app.json "requiredPrivateInfos"; the call fails at run time until it is declared.`;

describe('undeclared-private-info: JavaScript, espree', () => {
  jsTester.run('undeclared-private-info', asTested(minivet.rules['undeclared-private-info']), {
    valid: [
      { code: "wx.getFuzzyLocation({ type: 'wgs84' });", filename: INDEX_JS },
      { code: 'wx.chooseAddress();', filename: INDEX_JS },
      // A feature test is not a use.
      { code: 'if (wx.getLocation) { console.log("can locate"); }', filename: INDEX_JS },
      // Names in strings and comments are not code.
      { code: '// wx.getLocation()\nconst s = "wx.getLocation()";', filename: INDEX_JS },
      // Outside the mini-app root named by project.config.json: not minivet's.
      { code: 'wx.getLocation();', filename: `${APP}cloudfunctions/login/index.js` },
      // minivet's own suppression comments, as in `minivet scan`.
      { code: '// minivet-disable-next-line undeclared-private-info -- declared by the plugin\nwx.getLocation();', filename: INDEX_JS },
    ],
    invalid: [
      {
        code: "wx.getLocation({ type: 'gcj02' });",
        filename: INDEX_JS,
        errors: [{ messageId: 'finding', data: { message: undeclared('getLocation') }, line: 1, column: 1, endLine: 1, endColumn: 15 }],
      },
      {
        code: 'Page({\n  onLoad() {\n    const { startLocationUpdate } = wx;\n    startLocationUpdate({});\n  },\n});',
        filename: INDEX_JS,
        errors: [{ messageId: 'finding', data: { message: undeclared('startLocationUpdate') }, line: 4, column: 5, endLine: 4, endColumn: 24 }],
      },
      {
        // An alias and a computed member; positions are those of each use.
        code: "const w = wx;\nw['getLocation']();\nwx.onLocationChange(() => {});",
        filename: INDEX_JS,
        errors: [
          { messageId: 'finding', data: { message: undeclared('getLocation') }, line: 2, column: 1, endColumn: 17 },
          { messageId: 'finding', data: { message: undeclared('onLocationChange') }, line: 3, column: 1, endColumn: 20 },
        ],
      },
      {
        // …except in the strict (vendor) profile.
        code: '// minivet-disable-next-line undeclared-private-info\nwx.getLocation();',
        filename: INDEX_JS,
        settings: { minivet: { profile: 'strict' } },
        errors: [{ messageId: 'finding', line: 2, column: 1 }],
      },
      {
        // Taro compiles to wx.*: minivet says so.
        code: "import Taro from '@tarojs/taro';\nTaro.getLocation();",
        filename: INDEX_JS,
        errors: [{ messageId: 'finding', data: { message: undeclared('getLocation', 'Taro.getLocation').replace(' is used but', ' is used (Taro compiles to the platform API) but') }, line: 2, column: 1 }],
      },
    ],
  });
});

describe('undeclared-private-info: TypeScript, @typescript-eslint/parser', () => {
  tsTester.run('undeclared-private-info', asTested(minivet.rules['undeclared-private-info']), {
    valid: [{ code: 'declare const wx: Record<string, () => void>;\nconst ok: boolean = typeof wx.getLocation === "function";', filename: MAP_TS }],
    invalid: [
      {
        code: 'interface Wx { getLocation(o: object): void }\ndeclare const wx: unknown;\nexport function locate(): void {\n  (wx as Wx).getLocation({});\n}',
        filename: MAP_TS,
        errors: [{ messageId: 'finding', data: { message: undeclared('getLocation', 'wx.getLocation') }, line: 4, column: 3, endLine: 4, endColumn: 25 }],
      },
    ],
  });
});

describe('missing-permission-description: JavaScript', () => {
  jsTester.run('missing-permission-description', asTested(minivet.rules['missing-permission-description']), {
    valid: [{ code: 'wx.getFuzzyLocation({});', filename: INDEX_JS }],
    invalid: [
      {
        code: '\n\nwx.getLocation({});',
        filename: INDEX_JS,
        errors: [
          {
            messageId: 'finding',
            data: { message: 'wx.getLocation needs "scope.userLocation" (precise location), but miniprogram/app.json has no permission["scope.userLocation"].desc explaining why.' },
            line: 3,
            column: 1,
          },
        ],
      },
    ],
  });
});

describe('invalid-manifest: app.json, @eslint/json in JSONC mode', () => {
  jsTester.run('invalid-manifest', asTested(minivet.rules['invalid-manifest']), {
    valid: [
      { code: '{ "pages": ["pages/index/index"] }', filename: APP_JSON, ...appJson },
      // Only app.json is minivet's manifest.
      { code: '{ "pages": 1 }', filename: `${MINIPROGRAM}pages/index/index.json`, ...appJson },
      // Manifest rules report nothing in scripts.
      { code: 'wx.getLocation();', filename: INDEX_JS },
    ],
    invalid: [
      {
        code: '{\n  // comment\n  "pages": "pages/index/index",\n}\n',
        filename: APP_JSON,
        ...appJson,
        errors: [
          { messageId: 'finding', data: { message: 'comments are not allowed in JSON' }, line: 2, column: 3, endLine: 2, endColumn: 13 },
          { messageId: 'finding', data: { message: '"pages" must be an array of page paths' }, line: 3, column: 12, endColumn: 31 },
          { messageId: 'finding', data: { message: 'trailing commas are not allowed in JSON' }, line: 3, column: 31, endColumn: 32 },
        ],
      },
    ],
  });
});

jsTester.run('unused-private-info (app.json): a suggestion removes the entry', asTested(minivet.rules['unused-private-info']), {
  valid: [{ code: '{ "requiredPrivateInfos": ["getFuzzyLocation", "getLocation"] }', filename: APP_JSON, ...appJson }],
  invalid: [
    {
      code: '{ "requiredPrivateInfos": ["chooseAddress", "getFuzzyLocation"] }',
      filename: APP_JSON,
      ...appJson,
      errors: [
        {
          messageId: 'finding',
          line: 1,
          column: 28,
          endColumn: 43,
          suggestions: [{ messageId: 'removeEntry', data: { api: 'chooseAddress' }, output: '{ "requiredPrivateInfos": ["getFuzzyLocation"] }' }],
        },
      ],
    },
    {
      code: '{\n  "requiredPrivateInfos": [\n    "getFuzzyLocation",\n    "chooseAddress"\n  ]\n}',
      filename: APP_JSON,
      ...appJson,
      errors: [
        {
          messageId: 'finding',
          line: 4,
          column: 5,
          suggestions: [{ messageId: 'removeEntry', data: { api: 'chooseAddress' }, output: '{\n  "requiredPrivateInfos": [\n    "getFuzzyLocation"\n  ]\n}' }],
        },
      ],
    },
  ],
});

describe('conflicting-private-info: app.json', () => {
  jsTester.run('conflicting-private-info', asTested(minivet.rules['conflicting-private-info']), {
    valid: [{ code: '{ "requiredPrivateInfos": ["getFuzzyLocation", "chooseAddress"] }', filename: APP_JSON, ...appJson }],
    invalid: [
      {
        code: '{ "requiredPrivateInfos": ["getFuzzyLocation", "getLocation"] }',
        filename: APP_JSON,
        ...appJson,
        errors: [
          {
            messageId: 'finding',
            data: { message: '"getFuzzyLocation" cannot be listed together with "getLocation" in "requiredPrivateInfos": ask for approximate or precise location, not both.' },
            line: 1,
            column: 28,
            endColumn: 46,
          },
        ],
      },
    ],
  });
});

const DECLARED = '{\n  "pages": ["pages/index/index"],\n  "requiredPrivateInfos": ["getFuzzyLocation"]\n}\n';
describe('undeclared-private-info: eslint --fix on app.json declares what the project calls', () => {
  jsTester.run('undeclared-private-info', asTested(minivet.rules['undeclared-private-info']), {
    valid: [{ code: '{ "requiredPrivateInfos": ["getFuzzyLocation", "getLocation", "startLocationUpdate"] }', filename: APP_JSON, ...appJson }],
    invalid: [
      {
        code: DECLARED,
        filename: APP_JSON,
        ...appJson,
        errors: [
          { messageId: 'elsewhere', data: { message: undeclared('getLocation'), where: 'miniprogram/pages/index/index.js:5:5' }, line: 3, column: 27, endColumn: 47 },
          { messageId: 'elsewhere', data: { message: undeclared('startLocationUpdate'), where: 'miniprogram/pages/map/map.ts:14:5' }, line: 3, column: 27, endColumn: 47 },
        ],
        output: '{\n  "pages": ["pages/index/index"],\n  "requiredPrivateInfos": ["getFuzzyLocation", "getLocation", "startLocationUpdate"]\n}\n',
      },
      {
        // No requiredPrivateInfos at all: the message is at the manifest's first character, the fix adds the field.
        code: '{\n\t"pages": ["pages/index/index"]\n}',
        filename: APP_JSON,
        ...appJson,
        errors: [
          { messageId: 'elsewhere', data: { message: undeclared('getFuzzyLocation'), where: 'miniprogram/app.js:3:5' }, line: 1, column: 1, endColumn: 2 },
          { messageId: 'elsewhere', line: 1, column: 1, endColumn: 2 },
          { messageId: 'elsewhere', line: 1, column: 1, endColumn: 2 },
        ],
        output: '{\n\t"pages": ["pages/index/index"],\n\t"requiredPrivateInfos": ["getFuzzyLocation", "getLocation", "startLocationUpdate"]\n}',
      },
    ],
  });
});

describe('template-error: minivet/template', () => {
  tsTester.run('template-error', asTested(minivet.rules['template-error']), {
    valid: [
      { code: '<view>\n  <camera device-position="back" />\n</view>\n', filename: INDEX_WXML, ...template },
      { code: '<wxs module="m">module.exports = { n: 1 };</wxs>\n<view>{{m.n}}</view>', filename: INDEX_WXML, ...template },
    ],
    invalid: [
      {
        code: '<view>\n  <view class="a">\n    <text>typing…',
        filename: INDEX_WXML,
        ...template,
        errors: [{ messageId: 'unreadable', data: { message: '<text> is not closed before the end of the file' }, line: 3, column: 5 }],
      },
      {
        code: '<view>\n  <button open-type="share"',
        filename: INDEX_WXML,
        ...template,
        errors: [{ messageId: 'unreadable', line: 2, column: 3 }],
      },
      {
        code: '<wxs module="m">\nvar x = ;\n</wxs>\n<view/>',
        filename: INDEX_WXML,
        ...template,
        errors: [{ messageId: 'unreadable', line: 2, column: 9 }],
      },
    ],
  });
});

// Every rule, including those added after this test was written: benign files of a clean project
// give no message (and no crash) in each language the plugin lints.
const clean = tempProject({
  'app.json': '{\n  "pages": ["pages/index/index"]\n}\n',
  'pages/index/index.js': "Page({ data: { n: 1 }, onTap() { this.setData({ n: 2 }); } });\n",
  'pages/index/index.wxml': '<view bindtap="onTap">{{n}}</view>\n',
});
for (const rule of RULES) {
  const tested = asTested(minivet.rules[rule.meta.id]);
  describe(`${rule.meta.id} on a clean project`, () => {
  jsTester.run(rule.meta.id, tested, {
    valid: [
      { code: "Page({ data: { n: 1 }, onTap() { this.setData({ n: 2 }); } });\n", filename: join(clean, 'pages/index/index.js') },
      { code: '{\n  "pages": ["pages/index/index"]\n}\n', filename: join(clean, 'app.json'), ...appJson },
    ],
    invalid: [],
  });
  tsTester.run(rule.meta.id, tested, {
    valid: [
      { code: 'const n: number = 1;\nexport default n;\n', filename: join(clean, 'pages/index/util.ts') },
      { code: '<view bindtap="onTap">{{n}}</view>\n', filename: join(clean, 'pages/index/index.wxml'), ...template },
    ],
    invalid: [],
  });
  });
}
