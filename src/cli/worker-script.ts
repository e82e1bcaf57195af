import { statSync } from 'node:fs';

/**
 * The script a scan worker runs: the build's bundle (scripts/bundle-cli.mjs; one file loads faster
 * than the hundred modules it is made of) when it exists and is at least as new as those modules,
 * else the modules themselves, so a compile without the bundling step never runs stale code.
 */
export function workerScript(bundle: URL, modules: URL): URL {
  try {
    return statSync(bundle).mtimeMs >= statSync(modules).mtimeMs ? bundle : modules;
  } catch {
    return modules;
  }
}
