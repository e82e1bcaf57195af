import ignore from 'ignore';
import { normaliseRelativePath, type PackIgnoreRule } from '../manifest/project-config.js';
import { NO_EXCLUSIONS, type Exclusions } from './exclusions.js';

/** A glob becomes a regular expression; one with many wildcards can take time exponential in a path's length, so it is not used. */
const MAX_GLOB_LENGTH = 200;
const MAX_GLOB_WILDCARDS = 6;

/**
 * What project.config.json's `packOptions.ignore` leaves out of the uploaded package, as the
 * developer tools read it: `file` and `folder` are paths from the mini-app root, `suffix` and
 * `prefix` match the end of the path and the start of the file name, `glob` the path; all without
 * case. Such files never reach users, so they are not scanned. `regexp` entries are not run: a
 * project file's regular expression is untrusted, and no cheap test tells one that backtracks
 * without end (`(a|a)*b`) from a safe one, so what they name is scanned. The cloud functions'
 * folder is never left out: the tools upload it on its own, and it is the mini-app's backend.
 */
export function packIgnoreExclusions(rules: readonly PackIgnoreRule[], appRoot: string, cloudFunctionRoot: string | undefined): Exclusions {
  const tests = rules.map(ruleTest).filter((test) => test !== undefined);
  if (tests.length === 0) return NO_EXCLUSIONS;
  const prefix = appRoot === '' ? '' : `${appRoot}/`;
  const cloud = cloudFunctionRoot === undefined ? undefined : cloudFunctionRoot.toLowerCase();
  return {
    excludes(path, isDirectory) {
      if (!path.startsWith(prefix)) return false;
      const lower = path.toLowerCase();
      if (cloud !== undefined && (lower === cloud || lower.startsWith(`${cloud}/`))) return false;
      return tests.some((test) => test(lower.slice(prefix.length), isDirectory));
    },
  };
}

type PathTest = (path: string, isDirectory: boolean) => boolean;

function ruleTest(rule: PackIgnoreRule): PathTest | undefined {
  const value = rule.value.toLowerCase();
  switch (rule.type) {
    case 'file':
    case 'folder': {
      const target = normaliseRelativePath(value);
      if (typeof target !== 'string' || target === '') return undefined;
      return rule.type === 'file' ? (path, isDirectory) => !isDirectory && path === target : (path) => path === target || path.startsWith(`${target}/`);
    }
    case 'suffix':
      return (path, isDirectory) => !isDirectory && path.endsWith(value);
    case 'prefix':
      return (path, isDirectory) => !isDirectory && path.slice(path.lastIndexOf('/') + 1).startsWith(value);
    case 'regexp':
      return undefined;
    case 'glob': {
      if (value.length > MAX_GLOB_LENGTH || (value.match(/[*?]/g)?.length ?? 0) > MAX_GLOB_WILDCARDS) return undefined;
      const matcher = ignore({ ignorecase: true }).add(`/${value.replace(/^\.?\//, '')}`);
      return (path, isDirectory) => !isDirectory && matcher.ignores(path);
    }
  }
}
