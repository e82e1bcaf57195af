import { DISTINCTIVE_PLATFORM_METHODS, PLATFORM_OBJECT_EVIDENCE } from '../platforms/platform-methods.js';

const MEMBER_CALL = /(?<![\w$.])([A-Za-z_$][\w$]*)\s*\.\s*([A-Za-z_$][\w$]*)\s*\(/g;

/**
 * Names that, in `text`, stand for the platform's API object: each is called with at least two of
 * the methods only that object has (`e.setStorageSync(…)`, `e.showToast(…)`). A text scan, shared
 * by the analyses of one script (or one module of a compiled bundle); `known` (`wx`, `uni`) are
 * left out, as is `this`.
 */
export function platformObjectNames(text: string, known: ReadonlySet<string>): Set<string> {
  const methods = new Map<string, Set<string>>();
  for (const match of text.matchAll(MEMBER_CALL)) {
    const [, name, method] = match as unknown as [string, string, string];
    if (!DISTINCTIVE_PLATFORM_METHODS.has(method) || known.has(name) || name === 'this') continue;
    let seen = methods.get(name);
    if (!seen) methods.set(name, (seen = new Set()));
    seen.add(method);
  }
  const names = new Set<string>();
  for (const [name, seen] of methods) if (seen.size >= PLATFORM_OBJECT_EVIDENCE) names.add(name);
  return names;
}
