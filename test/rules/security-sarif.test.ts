import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMinivet } from '../helpers/run-cli.js';
import { multitoolProblems } from '../helpers/sarif-multitool.js';
import { tempProject } from '../helpers/temp-project.js';

const FIXTURES = ['security-secrets', 'security-code2session', 'security-transport', 'security-dynamic-code', 'security-hidden-api', 'security-webview'].map((name) => `fixtures/${name}`);
const SECURITY_RULES = ['client-side-code2session', 'dynamic-code', 'hardcoded-secret', 'hidden-api', 'insecure-transport', 'webview-untrusted-src'];

describe('security rules in SARIF', () => {
  const run = runMinivet(['scan', ...FIXTURES, '--format', 'sarif', '--fail-on', 'none']);
  const log = JSON.parse(run.stdout) as {
    runs: { tool: { driver: { rules: { id: string; properties: { tags: string[]; 'security-severity': string } }[] } }; results: { ruleId: string; message: { text: string } }[] }[];
  };

  it('describes each rule with its CWE tags and a security severity', () => {
    const rules = log.runs[0]!.tool.driver.rules.filter((rule) => SECURITY_RULES.includes(rule.id));
    expect(rules.map((rule) => rule.id)).toEqual(SECURITY_RULES);
    for (const rule of rules) {
      expect(rule.properties.tags).toContain('security');
      expect(rule.properties.tags.some((tag) => tag.startsWith('external/cwe/cwe-'))).toBe(true);
      expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0);
    }
  });

  it('reports every security rule on the fixtures, and never a whole secret', () => {
    const seen = new Set(log.runs.flatMap((r) => r.results.map((result) => result.ruleId)));
    for (const id of SECURITY_RULES) expect(seen.has(id)).toBe(true);
    for (const secret of ['2f8104fba08f6d3682da2bd8e369316b', '5qcH9HsLDr6Bw1rubptSQcOM02pxiypN', 'Rk2#pL9x!q', 'f60b7d9b3263896cf7460650a9bcc94f']) {
      expect(run.stdout).not.toContain(secret);
    }
  });

  it('passes the SARIF Multitool (SARIF and GitHub rules)', async () => {
    const path = join(tempProject({}), 'security.sarif');
    writeFileSync(path, run.stdout);
    expect(await multitoolProblems(path)).toEqual([]);
  }, 180_000);
});
