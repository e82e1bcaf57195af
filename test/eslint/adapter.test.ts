/**
 * The rule adapter with rules written for this test: it must serve any rule implementing the contract
 * (script listeners with ancestors, template checks, project checks), report at the right place in
 * each language, keep a failing rule from crashing ESLint, and apply settings.
 */
import { join } from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/types';
import tsParser from '@typescript-eslint/parser';
import { toEslintRule } from '../../src/eslint/rule-adapter.js';
import { createRule, type Rule } from '../../src/rules/rule.js';
import { REPO } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';
import { APP, asTested, brief, jsTester, lint, minivet, MINIPROGRAM, template, tsTester } from './helpers.js';

const META = {
  description: 'test rule',
  rationale: 'test',
  severity: 'error',
  tags: ['security'],
  cwe: [],
  precision: 'high',
  securitySeverity: 5,
} as const;

/** Reports `eval(…)` calls with the types of their ancestors, and what it was told about the file. */
const evalRule = createRule({
  meta: { ...META, id: 'test-eval' },
  createScriptListeners(context) {
    let calls = 0;
    return {
      'CallExpression[callee.name="eval"]'(node, ancestors) {
        calls++;
        context.report({ range: node.range, message: `eval in ${ancestors.map((a) => a.type).join(' > ')}` });
      },
      'Program:exit'(node) {
        if (calls > 1) context.report({ range: [node.range[0], node.range[0]], message: `${calls} evals in ${context.file.path} (${context.file.kind}, ${context.platform.id}, third party: ${context.file.thirdParty})` });
      },
    };
  },
});

/** Reports every usage the project check sees in the file, as namespace.name. */
const usageRule = createRule({
  meta: { ...META, id: 'test-usages' },
  checkProject({ facts, report }) {
    for (const usage of facts.usages) {
      report({ location: usage.location, message: `${usage.kind} ${usage.namespace ?? ''}${usage.namespace ? '.' : ''}${usage.name} (manifest ${facts.manifest?.file ?? 'none'})` });
    }
    // A report in another file is dropped when linting this one.
    report({ location: { file: 'elsewhere.js', region: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 }, startOffset: 0, endOffset: 1 } }, message: 'elsewhere' });
  },
});

/** A template rule: web-view elements and a name in inline scripts. */
const templateRule = createRule({
  meta: { ...META, id: 'test-template' },
  checkTemplate(context) {
    for (const element of context.template.elements) {
      if (element.name !== 'web-view') continue;
      const src = element.attributeRegions.src ?? element.region;
      context.report({ range: [src.startOffset, src.endOffset], message: `web-view loads ${element.attributes.src ?? 'nothing'} (${context.file.path})` });
    }
  },
  createScriptListeners(context) {
    return {
      'Identifier[name="secret"]'(node) {
        context.report({ range: node.range, message: 'secret in an inline script' });
      },
    };
  },
});

const throwingRule = createRule({
  meta: { ...META, id: 'test-throws' },
  createScriptListeners() {
    return {
      Identifier() {
        throw new Error('boom\n    at a stack line');
      },
    };
  },
  checkTemplate() {
    throw new TypeError('template boom');
  },
});

const INDEX_JS = `${MINIPROGRAM}pages/index/index.js`;

describe('script listeners on ESLint\'s tree', () => {
  jsTester.run('test-eval', asTested(toEslintRule(evalRule)), {
    valid: [{ code: 'evaluate(1);', filename: INDEX_JS }],
    invalid: [
      {
        code: 'function f() {\n  return eval("1");\n}\neval("2");',
        filename: INDEX_JS,
        errors: [
          // Program:exit listener: the file as `minivet scan` names it, relative to the project root.
          { messageId: 'finding', data: { message: '2 evals in miniprogram/pages/index/index.js (script, wechat, third party: false)' }, line: 1, column: 1 },
          { messageId: 'finding', data: { message: 'eval in Program > FunctionDeclaration > BlockStatement > ReturnStatement' }, line: 2, column: 10, endLine: 2, endColumn: 19 },
          { messageId: 'finding', data: { message: 'eval in Program > ExpressionStatement' }, line: 4, column: 1, endColumn: 10 },
        ],
      },
      {
        // Outside any mini-app, file-level rules still run (with the default platform).
        code: 'eval(a); eval(b);',
        filename: `${APP}cloudfunctions/login/index.js`,
        errors: [
          { messageId: 'finding', line: 1, column: 1 },
          // Outside a project, paths are relative to ESLint's cwd (here the file system root).
          { messageId: 'finding', data: { message: `2 evals in ${APP.slice(1)}cloudfunctions/login/index.js (script, wechat, third party: false)` }, line: 1, column: 1 },
          { messageId: 'finding', line: 1, column: 10 },
        ],
      },
    ],
  });
});

describe('script listeners with @typescript-eslint/parser', () => {
  tsTester.run('test-eval', asTested(toEslintRule(evalRule)), {
    valid: [],
    invalid: [
      {
        code: 'const run = (code: string): unknown => eval(code as string);',
        filename: `${MINIPROGRAM}pages/map/map.ts`,
        errors: [{ messageId: 'finding', data: { message: 'eval in Program > VariableDeclaration > VariableDeclarator > ArrowFunctionExpression' }, line: 1, column: 40, endColumn: 60 }],
      },
    ],
  });
});

describe('project checks on a script: this file\'s usages, the cached manifest, reports in this file only', () => {
  jsTester.run('test-usages', asTested(toEslintRule(usageRule)), {
    valid: [
      { code: 'console.log(1);', filename: INDEX_JS },
      // No mini-app: no project checks.
      { code: 'wx.getLocation();', filename: `${APP}cloudfunctions/login/index.js` },
    ],
    invalid: [
      {
        code: 'const w = wx;\nw.getLocation();\nimport("x");',
        filename: INDEX_JS,
        errors: [{ messageId: 'finding', data: { message: 'api wx.getLocation (manifest miniprogram/app.json)' }, line: 2, column: 1, endColumn: 14 }],
      },
      {
        // The platform comes from the project: mini.project.json marks Alipay (`my.*`).
        code: 'my.getLocation();',
        filename: join(REPO, 'fixtures/alipay/pages/index/index.js'),
        errors: [{ messageId: 'finding', data: { message: 'api my.getLocation (manifest app.json)' }, line: 1, column: 1 }],
      },
      {
        // …unless settings force it.
        code: 'tt.getLocation(); wx.getLocation();',
        filename: INDEX_JS,
        settings: { minivet: { platform: 'bytedance' } },
        errors: [{ messageId: 'finding', data: { message: 'api tt.getLocation (manifest miniprogram/app.json)' }, line: 1, column: 1 }],
      },
    ],
  });
});

describe('template checks in minivet/template', () => {
  tsTester.run('test-template', asTested(toEslintRule(templateRule)), {
    valid: [{ code: '<view><web-view-like src="x"/></view>', filename: `${MINIPROGRAM}pages/index/index.wxml`, ...template }],
    invalid: [
      {
        code: '<view>\n  <web-view src="https://example.com/{{id}}"></web-view>\n</view>',
        filename: `${MINIPROGRAM}pages/index/index.wxml`,
        ...template,
        errors: [{ messageId: 'finding', data: { message: 'web-view loads https://example.com/{{id}} (miniprogram/pages/index/index.wxml)' }, line: 2, column: 18, endLine: 2, endColumn: 44 }],
      },
      {
        // Script listeners run on inline <wxs> bodies, at their place in the template.
        code: '<wxs module="m">\nvar secret = 1;\nmodule.exports = secret;\n</wxs>\n<web-view/>',
        filename: `${MINIPROGRAM}pages/index/index.wxml`,
        ...template,
        errors: [
          { messageId: 'finding', data: { message: 'secret in an inline script' }, line: 2, column: 5, endColumn: 11 },
          { messageId: 'finding', data: { message: 'secret in an inline script' }, line: 3, column: 18 },
          { messageId: 'finding', data: { message: 'web-view loads nothing (miniprogram/pages/index/index.wxml)' }, line: 5, column: 1, endColumn: 12 },
        ],
      },
      {
        // Still reports on what was read while the file is mid-edit.
        code: '<view>\n  <web-view src="a">\n  <view',
        filename: `${MINIPROGRAM}pages/index/index.wxml`,
        ...template,
        errors: [{ messageId: 'finding', line: 2, column: 18 }],
      },
      {
        // Alipay's .axml through the same language.
        code: '<view>\n<web-view src="b"/>\n</view>',
        filename: join(REPO, 'fixtures/alipay/pages/index/index.axml'),
        ...template,
        errors: [{ messageId: 'finding', data: { message: 'web-view loads b (pages/index/index.axml)' }, line: 2, column: 16 }],
      },
    ],
  });
});

describe('project checks on a template: usages of its elements and inline scripts', () => {
  tsTester.run('test-usages', asTested(toEslintRule(usageRule)), {
    valid: [{ code: '<view>{{a}}</view>', filename: `${MINIPROGRAM}pages/index/index.wxml`, ...template }],
    invalid: [
      {
        code: '<view>\n  <camera/>\n  <button open-type="getPhoneNumber">x</button>\n</view>',
        filename: `${MINIPROGRAM}pages/index/index.wxml`,
        ...template,
        errors: [
          { messageId: 'finding', data: { message: 'component camera (manifest miniprogram/app.json)' }, line: 2, column: 4, endColumn: 10 },
          { messageId: 'finding', data: { message: 'open-type getPhoneNumber (manifest miniprogram/app.json)' }, line: 3, column: 22, endColumn: 36 },
        ],
      },
    ],
  });
});

/** A config with the test rules under the `test` namespace and minivet's languages. */
function testConfig(rules: Rule[], extra: Linter.Config = {}): Linter.Config[] {
  const plugin = { rules: Object.fromEntries(rules.map((rule) => [rule.meta.id, toEslintRule(rule)])) };
  const ruleConfig = Object.fromEntries(rules.map((rule) => [`test/${rule.meta.id}`, 'error' as const]));
  return [
    { files: ['**/*.js', '**/*.ts'], plugins: { test: plugin as never, minivet: minivet as never }, rules: ruleConfig, ...extra },
    { files: ['**/*.wxml'], plugins: { test: plugin as never, minivet: minivet as never }, language: 'minivet/template', rules: ruleConfig, ...extra },
  ];
}

describe('bad input and failing rules never stop ESLint', () => {
  it('a rule that throws gives one message per file, without a stack, and the other rules still report', () => {
    const messages = new Linter({ cwd: '/' }).verify('eval(a);\nvar b = c;', testConfig([throwingRule, evalRule]), INDEX_JS);
    expect(brief(messages)).toEqual([
      'test/test-eval 1:1 eval in Program > ExpressionStatement',
      'test/test-throws 1:1 minivet could not run this rule on this file (boom); the other rules are not affected. Please report this.',
    ]);
    const template = new Linter({ cwd: '/' }).verify('<web-view src="x"/>', testConfig([throwingRule, templateRule]), `${MINIPROGRAM}pages/index/index.wxml`);
    expect(brief(template)).toEqual([
      'test/test-throws 1:1 minivet could not run this rule on this file (template boom); the other rules are not affected. Please report this.',
      'test/test-template 1:16 web-view loads x (miniprogram/pages/index/index.wxml)',
    ]);
  });

  it('a rule runs only on the platforms its meta.platforms names, as in minivet scan', () => {
    const alipayEval = createRule({ ...evalRule, meta: { ...evalRule.meta, id: 'test-eval', platforms: ['alipay'] } });
    const on = (platform: string) => brief(new Linter({ cwd: '/' }).verify('eval(1);', testConfig([alipayEval], { settings: { minivet: { platform } } }), INDEX_JS));
    expect(on('alipay')).toEqual(['test/test-eval 1:1 eval in Program > ExpressionStatement']);
    expect(on('wechat')).toEqual([]);
  });

  it('invalid settings are reported once per file and ignored', () => {
    const config = testConfig([evalRule, usageRule], { settings: { minivet: { platform: 'symbian', extra: true } } });
    const messages = new Linter({ cwd: '/' }).verify('eval(1);', config, INDEX_JS);
    expect(brief(messages)).toEqual([
      'test/test-eval 1:1 minivet: settings.minivet.extra is not a minivet setting (platform, profile, policy, trackers, declared); the setting is ignored.',
      'test/test-eval 1:1 minivet: settings.minivet.platform must be one of wechat, alipay, bytedance, baidu, qq; the setting is ignored.',
      'test/test-eval 1:1 eval in Program > ExpressionStatement',
    ]);
  });

  it('policy and trackers settings are validated as --policy and the config file\'s trackers are', () => {
    const config = testConfig([evalRule], { settings: { minivet: { policy: { allowedHosts: ['http://stats.example.com'] }, trackers: [{ id: 'Bad Id' }] } } });
    const messages = brief(new Linter({ cwd: '/' }).verify('eval(1);', config, INDEX_JS)).filter((m) => m.includes('minivet:'));
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('settings.minivet');
    expect(messages[1]).toContain('"allowedHosts" lists "http://stats.example.com"');
  });

  it('a script mid-edit is ESLint\'s parse error; a template mid-edit keeps its rules', () => {
    const script = new Linter({ cwd: '/' }).verify('Page({\n  onLoad() {\n    wx.getLocation(', testConfig([evalRule, usageRule]), INDEX_JS);
    expect(script).toHaveLength(1);
    expect(script[0]).toMatchObject({ fatal: true, ruleId: null, line: 3 });
    const garbage = '\u0000\u0001<<<>>>{{{{ <web-view src="a" \uFFFF';
    const template = new Linter({ cwd: '/' }).verify(garbage, testConfig([templateRule, usageRule]), `${MINIPROGRAM}pages/index/index.wxml`);
    expect(template.every((message) => !message.fatal)).toBe(true);
  });

  it('hostile input in each language is a message at a position, never an exception', () => {
    const deepJson = lint('['.repeat(100_000), `${MINIPROGRAM}app.json`);
    expect(brief(deepJson)).toEqual(['null 1:1 Parsing error: the JSON is nested too deeply to be parsed']);
    expect(brief(lint('', `${MINIPROGRAM}app.json`))).toEqual(['null 1:1 Parsing error: Unexpected end of input found.']);
    const deepTemplate = brief(lint('<view>'.repeat(5000), `${MINIPROGRAM}pages/index/deep.wxml`));
    expect(deepTemplate).toEqual(['minivet/template-error 1:12001 elements nested more than 2000 deep: the rest of the template is not analysed']);
    const deepWxs = brief(lint(`<wxs module="m">${'('.repeat(20_000)}</wxs>`, `${MINIPROGRAM}pages/index/deep.wxml`));
    expect(deepWxs).toEqual(['minivet/template-error 1:1 code nested too deeply to parse; file not analysed']);
    expect(() => lint('\u0000'.repeat(1000) + '{{', `${MINIPROGRAM}pages/index/nul.wxml`)).not.toThrow();
  });

  it('<!-- eslint-disable… --> comments in templates', () => {
    const config = testConfig([templateRule], { linterOptions: { reportUnusedDisableDirectives: 'error' } });
    const code = [
      '<!-- eslint-disable-next-line test/test-template -- reviewed -->',
      '<web-view src="a"/>',
      '<web-view src="b"/> <!-- eslint-disable-line test/test-template -->',
      '<web-view src="c"/>',
      '<!-- eslint-disable test/test-template -->',
      '<web-view src="d"/>',
      '<!-- eslint-enable test/test-template -->',
      '<web-view src="e"/>',
      '<!-- eslint-disable-next-line test/test-template -->',
      '<view/>',
    ].join('\n');
    const messages = new Linter({ cwd: '/' }).verify(code, config, `${MINIPROGRAM}pages/index/index.wxml`);
    expect(brief(messages)).toEqual([
      'test/test-template 4:16 web-view loads c (miniprogram/pages/index/index.wxml)',
      'test/test-template 8:16 web-view loads e (miniprogram/pages/index/index.wxml)',
      "null 9:1 Unused eslint-disable directive (no problems were reported from 'test/test-template').",
    ]);
  });

  it('files in miniprogram_npm are third-party code', () => {
    const project = tempProject({ 'app.json': '{}', 'miniprogram_npm/sdk/index.js': '' });
    const messages = new Linter({ cwd: '/' }).verify('eval(1); eval(2);', testConfig([evalRule]), join(project, 'miniprogram_npm/sdk/index.js'));
    expect(messages.find((m) => m.message.startsWith('2 evals'))?.message).toBe('2 evals in miniprogram_npm/sdk/index.js (script, wechat, third party: true)');
  });

  it('TypeScript files with the TypeScript parser', () => {
    const config = [...testConfig([evalRule]), { files: ['**/*.ts'], languageOptions: { parser: tsParser } }];
    const messages = new Linter({ cwd: '/' }).verify('const x: number = eval("1") as number;', config, `${MINIPROGRAM}pages/map/map.ts`);
    expect(brief(messages)).toEqual(['test/test-eval 1:19 eval in Program > VariableDeclaration > VariableDeclarator > TSAsExpression']);
  });
});
