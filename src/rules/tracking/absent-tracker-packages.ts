import type { FileTrackerAnalysis } from '../../analyzers/trackers.js';
import type { TrackerIndex } from '../../platforms/trackers.js';
import type { Report } from '../rule.js';
import type { Region, Severity, SourceLocation } from '../../types.js';
import { namesATracker } from '../../platforms/tracker-words.js';
import { packageName, packageOfPath } from './module-paths.js';

/**
 * A package the app loads by name, that names itself a tracker (`@tklc/miniapp-tracker-sdk`,
 * `@alipay/tracert-ta`), that the catalogue does not know and that the bundle does not hold: a
 * source tree without its `node_modules`, or a package from a private registry. What it collects
 * cannot be read here, but its set-up is the app's, so it is reported for a reviewer to check.
 */

export interface PackageLoad {
  name: string;
  specifier: string;
  location: SourceLocation;
  thirdParty: boolean;
}

/** The loads of one file that may be such packages. */
export function trackerPackageLoads(analysis: FileTrackerAnalysis, index: TrackerIndex, region: (start: number, end: number) => Region): PackageLoad[] {
  const loads: PackageLoad[] = [];
  for (const { specifier, range } of analysis.loads) {
    if (specifier.startsWith('.') || specifier.startsWith('/') || index.moduleTracker(specifier)) continue;
    const name = packageName(specifier);
    if (!namesATracker(name)) continue;
    loads.push({ name, specifier, location: { file: analysis.file.path, region: region(range[0], range[1]) }, thirdParty: analysis.file.thirdParty });
  }
  return loads;
}

/** Reports the loads of packages no analysed file belongs to, once per file and package. */
export function reportAbsentTrackerPackages(
  loads: readonly PackageLoad[],
  analysedFiles: Iterable<string>,
  policyOf: (trackerId: string) => { severity?: Severity; suffix: string; disallowed: boolean },
  report: (report: Report) => void,
): void {
  if (loads.length === 0) return;
  const present = new Set<string>();
  for (const file of analysedFiles) {
    const name = packageOfPath(file)?.name;
    if (name !== undefined) present.add(name);
  }
  const seen = new Set<string>();
  for (const load of loads) {
    const key = `${load.location.file}\0${load.name}`;
    if (present.has(load.name) || seen.has(key)) continue;
    seen.add(key);
    const id = `package:${load.name}`;
    const policy = policyOf(id);
    report({
      location: load.location,
      message: `Loading ${load.specifier} starts a tracking package that is not in the bundle and that minivet does not know: what it collects, and where it sends it, cannot be checked here. Review the package before it ships.${policy.suffix}`,
      thirdParty: load.thirdParty,
      ...(policy.severity ? { severity: policy.severity } : {}),
      properties: { sdk: id, sdkName: load.name, kind: 'third-party', event: '(init)', role: 'init', method: '(load)', verified: false, ...(policy.disallowed ? { policy: 'disallowed' } : {}) },
    });
  }
}
