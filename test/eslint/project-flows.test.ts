import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ruleSettings } from '../../src/config.js';
import { clearProjects, findProject } from '../../src/eslint/find-project.js';

const PAGE = join(import.meta.dirname, '../../examples/weather-wechat/pages/index/index.js');
const LONG_AGO_IS_FINE = 60_000;

describe('the ESLint project index and data flows', () => {
  afterEach(() => clearProjects());

  it('extracts flows in its first read when a data-flow rule is on, so tracing them reads nothing again', () => {
    const project = findProject(PAGE)!;
    const platform = project.platform(undefined);
    const settings = ruleSettings({});
    project.expectFlows();
    const first = project.index(platform, settings, LONG_AGO_IS_FINE);
    const flows = project.dataflow(platform, settings, LONG_AGO_IS_FINE);
    expect(project.index(platform, settings, LONG_AGO_IS_FINE)).toBe(first);
    expect(flows.sinks.length).toBeGreaterThan(0);
  });

  it('without one, builds the index from usages alone, and reads the project again when flows are asked for', () => {
    const project = findProject(PAGE)!;
    const platform = project.platform(undefined);
    const settings = ruleSettings({});
    const first = project.index(platform, settings, LONG_AGO_IS_FINE);
    project.dataflow(platform, settings, LONG_AGO_IS_FINE);
    expect(project.index(platform, settings, LONG_AGO_IS_FINE)).not.toBe(first);
  });
});
