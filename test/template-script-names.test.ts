import { describe, expect, it } from 'vitest';
import { renameTemplateScriptNames } from '../src/analyzers/template-script-names.js';
import { runMinivet } from './helpers/run-cli.js';
import { tempProject } from './helpers/temp-project.js';

/** iView Weapp's `step` component names a variable `class`, which WXS allows and JavaScript does not. */
const STEP_WXS = `module.exports = {
  icon: function (status) {
    var class = '';
    // the class of the icon
    if (status === 'error') { class = 'close'; } else { class = "right" + ' class'; }
    var o = { class: class };
    return o.class;
  },
  key: 'AKIAIOSFODNN7EXAMPLQ'
};
`;

interface JsonReport {
  summary: { files: { notAnalysed: number } } & Record<string, unknown>;
  projects: { findings: { ruleId: string; file: string; line: number }[]; notifications: { file: string; message: string; line?: number }[] }[];
}

function scan(files: Record<string, string>): JsonReport['projects'][number] {
  const run = runMinivet(['scan', tempProject({ 'app.json': '{"pages":["pages/a/a"]}', 'pages/a/a.js': 'Page({})', ...files }), '--format', 'json', '--fail-on', 'none']);
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as JsonReport).projects[0]!;
}

const syntaxErrors = (project: JsonReport['projects'][number]) => project.notifications.filter((notification) => /syntax error/.test(notification.message));

describe('template-script names JavaScript reserves', () => {
  it('renames variables only, at the same offsets, leaving strings, comments and property names', () => {
    const renamed = renameTemplateScriptNames(STEP_WXS)!;
    expect(renamed).toHaveLength(STEP_WXS.length);
    expect(renamed).toContain("var _lass = '';");
    expect(renamed).toContain('// the class of the icon');
    expect(renamed).toContain(`{ _lass = "right" + ' class'; }`);
    expect(renamed).toContain('{ class: _lass }');
    expect(renamed).toContain('return o.class;');
    expect(renameTemplateScriptNames('var classes = subclass; var extended = 1;')).toBeUndefined();
  });

  it('analyses an inline <wxs> and a .wxs file that name a variable class', () => {
    const project = scan({ 'pages/a/a.wxml': `<wxs module="step">\n${STEP_WXS}</wxs>\n<view class="{{step.icon('error')}}"></view>\n`, 'utils/step.wxs': STEP_WXS });
    expect(syntaxErrors(project)).toEqual([]);
    const secrets = project.findings.filter((finding) => finding.ruleId === 'hardcoded-secret').map((finding) => `${finding.file}:${finding.line}`);
    expect(secrets.sort()).toEqual(['pages/a/a.wxml:10', 'utils/step.wxs:9']);
  });

  it('still reports a page script that names a variable class, and a template script with another error, at the original place', () => {
    const project = scan({
      'pages/a/a.js': "var class = '';\nPage({})",
      'pages/a/a.wxml': '<wxs module="m">\nvar class = 1;\nvar x = ;\n</wxs>\n',
    });
    expect(syntaxErrors(project).map((notification) => `${notification.file}:${notification.line}`).sort()).toEqual(['pages/a/a.js:1', 'pages/a/a.wxml:3']);
  });
});
