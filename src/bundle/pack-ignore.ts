import ignore from 'ignore';
import type { PackIgnoreRule } from '../manifest/project-config.js';
import { normaliseRelativePath } from '../manifest/project-config.js';
import type { Exclusions } from './exclusions.js';
import { NO_EXCLUSIONS } from './exclusions.js';

/** A project file's regular expression is untrusted: long ones, and a quantified group holding a quantifier (`(a+)+`), are not run. */
const MAX_PATTERN_LENGTH = 200;
const NESTED_QUANTIFIER = /\([^)]*[+*}][^)]*\)\s*[+*{]/;

/**
 * What project.config.json's `packOptions.ignore` leaves out of the uploaded package, as the
 * developer tools read it: `file` and `folder` are paths from the mini-app root, `suffix` and
 * `prefix` match the end of the path and the start of the file name, `regexp` and `glob` the path;
 * all without case. Such files never reach users, so they are not scanned. The cloud functions'
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
      const inApp = path.slice(prefix.length).toLowerCase();
      if (cloud !== undefined && (`${prefix}${inApp}` === cloud || `${prefix}${inApp}`.startsWith(`${cloud}/`))) return false;
      return tests.some((test) => test(inApp, isDirectory));
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
      return regexpTest(rule.value);
    case 'glob': {
      const matcher = ignore({ ignorecase: true }).add(`/${value.replace(/^\.?\//, '')}`);
      return (path, isDirectory) => !isDirectory && matcher.ignores(path);
    }
  }
}

function regexpTest(source: string): PathTest | undefined {
  if (source.length > MAX_PATTERN_LENGTH || NESTED_QUANTIFIER.test(source)) return undefined;
  let pattern: RegExp;
  try {
    pattern = new RegExp(source, 'i');
  } catch {
    return undefined;
  }
  return (path, isDirectory) => !isDirectory && pattern.test(path);
}
