import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { runMinivet, REPO } from './helpers/run-cli.js';
import { tempProject } from './helpers/temp-project.js';

/**
 * The HTML report in a real browser: Debian's Chromium, driven by playwright-core (no browser
 * download). CI installs the package (.ci/run) and sets MINIVET_REQUIRE_BROWSER, so there the test
 * fails rather than skips when the browser is missing.
 */
const CHROMIUM = process.env.MINIVET_CHROMIUM ?? '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.MINIVET_REQUIRE_BROWSER) throw new Error(`no browser at ${CHROMIUM}: install Debian's chromium package`);

const HOSTILE_DIR = '<script>alert(1)<';
const HOSTILE_FILE = `${HOSTILE_DIR}/script>.js`;
const HOSTILE_IMG = '<img src=x onerror=alert(2)>.js';
/** A right-to-left override would show this name as "evilsj.png". */
const HOSTILE_BIDI = 'evil\u202Egnp.js';

interface JsonReport {
  summary: Record<'error' | 'warning' | 'note', number>;
  projects: { findings: { ruleId: string; severity: string; file: string; codeFlow?: unknown[]; suppressed?: boolean }[] }[];
}

function appWithHostileNames(): string {
  const root = tempProject({});
  cpSync(join(REPO, 'examples/weather-wechat'), root, { recursive: true });
  mkdirSync(join(root, HOSTILE_DIR), { recursive: true });
  const code = "wx.getLocation({ success(res) { console.log('at', res.latitude); wx.setStorageSync('where', res); } });\n";
  writeFileSync(join(root, HOSTILE_FILE), code);
  writeFileSync(join(root, HOSTILE_IMG), code);
  writeFileSync(join(root, HOSTILE_BIDI), code);
  // Required from app.js so the files are part of the app.
  writeFileSync(join(root, 'app.js'), `${readFileSync(join(root, 'app.js'), 'utf8')}\nrequire('./${HOSTILE_FILE}');\nrequire('./${HOSTILE_IMG}');\nrequire('./${HOSTILE_BIDI}');\n`);
  return root;
}

describe.skipIf(!haveBrowser)('HTML report in Chromium', () => {
  let browser: Browser;
  let app: string;
  let out: string;
  let json: JsonReport;

  beforeAll(async () => {
    app = appWithHostileNames();
    out = tempProject({});
    const html = runMinivet(['scan', app, '-f', 'html', '-o', join(out, 'report.html')]);
    expect(html.stderr).toBe('');
    const report = runMinivet(['scan', app, '-f', 'json']);
    json = JSON.parse(report.stdout) as JsonReport;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function open(file: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) problems.push(`request: ${request.url()}`);
    });
    await page.goto(`file://${file}`);
    return { page, problems };
  }

  it('loads from a file with no console errors, dialogs or requests, and shows the JSON output\'s counts', async () => {
    const { page, problems } = await open(join(out, 'report.html'));
    for (const severity of ['error', 'warning', 'note'] as const) {
      expect(await page.locator(`[data-count="${severity}"] b`).textContent()).toBe(String(json.summary[severity]));
    }
    const findings = json.projects[0]!.findings.filter((f) => !f.suppressed);
    expect(await page.locator('article.finding').count()).toBe(findings.length);
    expect(await page.locator('#shown').textContent()).toBe(String(findings.length));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps hostile file names as text', async () => {
    const { page, problems } = await open(join(out, 'report.html'));
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('img').count()).toBe(0);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain(HOSTILE_FILE);
    expect(text).toContain(HOSTILE_IMG);
    expect(text).not.toContain('\u202E');
    expect(text).toContain('evil\\u{202E}gnp.js');
    expect(await page.locator(`article.finding[data-file="${HOSTILE_FILE}"]`).count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('filters by severity, rule and file, with the keyboard', async () => {
    const { page } = await open(join(out, 'report.html'));
    const findings = json.projects[0]!.findings.filter((f) => !f.suppressed);
    const visible = () => page.locator('article.finding:visible').count();
    await page.locator('select[name="severity"]').focus();
    await page.keyboard.press('ArrowDown'); // "All severities" → "error"
    expect(await page.locator('select[name="severity"]').inputValue()).toBe('error');
    expect(await visible()).toBe(findings.filter((f) => f.severity === 'error').length);
    await page.selectOption('select[name="severity"]', '');
    await page.selectOption('select[name="rule"]', 'undeclared-private-info');
    expect(await visible()).toBe(findings.filter((f) => f.ruleId === 'undeclared-private-info').length);
    await page.selectOption('select[name="rule"]', '');
    await page.locator('input[name="file"]').fill('script>');
    const byFile = findings.filter((f) => f.file.toLowerCase().includes('script>')).length;
    expect(byFile).toBeGreaterThan(0);
    expect(await visible()).toBe(byFile);
    expect(await page.locator('#shown').textContent()).toBe(String(byFile));
    await page.locator('button[type="reset"]').click();
    await expect.poll(visible).toBe(findings.length);
    await page.close();
  });

  it('expands a data-flow path with all its steps', async () => {
    const { page } = await open(join(out, 'report.html'));
    const withPath = json.projects[0]!.findings.filter((f) => !f.suppressed && (f.codeFlow?.length ?? 0) > 0);
    expect(withPath.length).toBeGreaterThan(0);
    const first = page.locator('details.path').first();
    expect(await first.locator('li').first().isVisible()).toBe(false);
    await first.locator('summary').focus();
    await page.keyboard.press('Enter');
    expect(await first.locator('li').first().isVisible()).toBe(true);
    const steps = await page.locator('details.path').evaluateAll((all) => all.map((d) => d.querySelectorAll('li').length));
    expect(steps).toEqual(withPath.map((f) => f.codeFlow!.length));
    await page.locator('#toggle-paths').click();
    expect(await page.locator('details.path:not([open])').count()).toBe(0);
    await page.close();
  });

  it('writes one page per bundle and an index sorted by risk for a batch', async () => {
    const folder = join(out, 'batch');
    const run = runMinivet(['scan', app, join(REPO, 'fixtures/security-secrets'), '-f', 'html', '--output-dir', folder]);
    expect(run.code).not.toBe(2);
    const { page, problems } = await open(join(folder, 'index.html'));
    const links = await page.locator('tbody a').evaluateAll((all) => all.map((a) => a.getAttribute('href')));
    expect(links).toHaveLength(2);
    for (const link of links) expect(existsSync(join(folder, link!))).toBe(true);
    await page.locator('tbody a').first().click();
    expect(await page.locator('h1').textContent()).not.toBe('');
    expect(await page.locator('a[href="index.html"]').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('--format html on the command line', () => {
  it('gives each shard its own index in a shared folder, and no bundle takes an index\'s name in any case', () => {
    const apps = tempProject({});
    for (const name of ['Index', 'other']) cpSync(join(REPO, 'examples/weather-wechat'), join(apps, name), { recursive: true });
    const out = tempProject({});
    for (const shard of ['1/2', '2/2']) expect(runMinivet(['scan', '--batch', apps, '-f', 'html', '--output-dir', out, '--shard', shard]).code).toBe(1);
    const written = readdirSync(out).sort();
    expect(written).toEqual(['Index-2.html', 'index.shard-1-of-2.html', 'index.shard-2-of-2.html', 'other.html']);
    expect(readFileSync(join(out, 'Index-2.html'), 'utf8')).toContain('href="index.shard-1-of-2.html"');
  });

  it('refuses a batch without --output-dir before scanning', () => {
    const run = runMinivet(['scan', 'examples/weather-wechat', 'fixtures/security-secrets', '-f', 'html']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--output-dir');
  });
});
