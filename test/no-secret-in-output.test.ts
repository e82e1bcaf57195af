import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanProject } from '../src/scan.js';
import { LineIndex } from '../src/util/line-index.js';
import { runMinivet } from './helpers/run-cli.js';

const FIXTURE = 'fixtures/security-secrets';

describe('secrets never reach any output', () => {
  it('text (with excerpts), JSON, SARIF and HTML mask every reported secret', () => {
    const project = scanProject(FIXTURE);
    const secrets = project.findings
      .filter((f) => f.properties?.redact === true)
      .map((f) => {
        const text = readFileSync(join(FIXTURE, f.location.file), 'utf8');
        return text.slice(f.location.region.startOffset, f.location.region.endOffset).replace(/^['"`]|['"`]$/g, '');
      })
      .filter((secret) => secret.length >= 8);
    expect(secrets.length).toBeGreaterThan(3);
    for (const format of ['text', 'json', 'sarif', 'html']) {
      const output = runMinivet(['scan', FIXTURE, '--format', format, '--no-color']).stdout;
      for (const secret of secrets) expect(output.includes(secret), `${format} shows ${secret.slice(0, 4)}…`).toBe(false);
    }
  });
});
