import type { ManifestProblem } from './app-manifest.js';
import { JsonDocument } from './json-document.js';

export interface ProjectLayout {
  /** POSIX path of the mini-app source relative to the scanned root; '' for the root itself. */
  appRoot: string;
  /** POSIX path of a plugin project, when one is configured. */
  pluginRoot?: string;
  /** POSIX path of the cloud functions (project.config.json `cloudfunctionRoot`), when one is configured. */
  cloudFunctionRoot?: string;
  /** The project file that set `appRoot`. */
  source?: string;
  /** project.config.json `packOptions.ignore`: what the developer tools leave out of the uploaded package. */
  packIgnore: PackIgnoreRule[];
  problems: ManifestProblem[];
}

/** One `packOptions.ignore` entry; `value` is relative to the mini-app root for `file` and `folder`. */
export interface PackIgnoreRule {
  type: 'folder' | 'file' | 'suffix' | 'prefix' | 'regexp' | 'glob';
  value: string;
}

const PACK_IGNORE_TYPES: ReadonlySet<string> = new Set(['folder', 'file', 'suffix', 'prefix', 'regexp', 'glob']);
/** Entries past this many are not read: a hand-written list is short. */
const MAX_PACK_IGNORE_RULES = 1000;

interface ProjectFile {
  file: string;
  rootKey: string;
  pluginKey?: string;
  cloudKey?: string;
}

/**
 * Developer-tool project files, in the order they are consulted; the first that sets a key wins.
 * Taro's project.tt.json / project.qq.json are build templates, not read by the platform tools.
 */
const PROJECT_FILES: readonly ProjectFile[] = [
  // WeChat, QQ and ByteDance developer tools.
  { file: 'project.config.json', rootKey: 'miniprogramRoot', pluginKey: 'pluginRoot', cloudKey: 'cloudfunctionRoot' },
  // Alipay.
  { file: 'mini.project.json', rootKey: 'miniprogramRoot', pluginKey: 'pluginRoot' },
  // Baidu.
  { file: 'project.swan.json', rootKey: 'smartProgramRoot' },
];

/** Finds where the mini-app's source lives, from the project files at the scanned root. */
export function readProjectLayout(readJson: (relPath: string) => string | undefined): ProjectLayout {
  const layout: ProjectLayout = { appRoot: '', packIgnore: [], problems: [] };
  let appRootDecided = false;
  let pluginRootDecided = false;
  for (const { file, rootKey, pluginKey, cloudKey } of PROJECT_FILES) {
    let text: string | undefined;
    try {
      text = readJson(file);
    } catch {
      text = undefined; // an unreadable project file is the bundle's to report
    }
    if (text === undefined) continue;
    const doc = JsonDocument.parse(text);
    const report = (region: ManifestProblem['region'], message: string): void => {
      layout.problems.push({ file, region, message });
    };
    for (const problem of doc.problems) report(problem.region, problem.message);
    if (doc.root && !doc.isObject(doc.root)) {
      report(doc.regionOf(doc.root), 'the top-level value must be an object');
      continue;
    }
    /** The normalised path under `key`; undefined when it is absent or unusable (then reported). */
    const readPath = (key: string, fallback = 'using the project root instead'): string | undefined => {
      const node = doc.property(doc.root, key)?.valueNode;
      if (!node) return undefined;
      const raw = doc.stringValue(node);
      if (raw === undefined) {
        report(doc.regionOf(node), `${JSON.stringify(key)} must be a string (a path relative to the project)`);
        return undefined;
      }
      const normalised = normaliseRelativePath(raw);
      if (typeof normalised === 'string') return normalised;
      report(doc.regionOf(node), `${JSON.stringify(key)} ${normalised.error}; ${fallback}`);
      return undefined;
    };
    if (!appRootDecided && doc.property(doc.root, rootKey)) {
      appRootDecided = true;
      const appRoot = readPath(rootKey);
      if (appRoot !== undefined) {
        layout.appRoot = appRoot;
        layout.source = file;
      }
    }
    if (pluginKey && !pluginRootDecided && doc.property(doc.root, pluginKey)) {
      pluginRootDecided = true;
      const pluginRoot = readPath(pluginKey);
      if (pluginRoot !== undefined) layout.pluginRoot = pluginRoot;
    }
    if (file === 'project.config.json') layout.packIgnore = packIgnoreRules(doc);
    if (cloudKey && layout.cloudFunctionRoot === undefined && doc.property(doc.root, cloudKey)) {
      const cloudRoot = readPath(cloudKey, 'no cloud functions were read');
      if (cloudRoot) layout.cloudFunctionRoot = cloudRoot;
    }
  }
  return layout;
}

/** The well-formed entries of `packOptions.ignore`; others are left out (the tools skip them too). */
function packIgnoreRules(doc: JsonDocument): PackIgnoreRule[] {
  const items = doc.arrayItems(doc.property(doc.property(doc.root, 'packOptions')?.valueNode, 'ignore')?.valueNode) ?? [];
  const rules: PackIgnoreRule[] = [];
  for (const item of items.slice(0, MAX_PACK_IGNORE_RULES)) {
    const type = doc.stringValue(doc.property(item, 'type')?.valueNode);
    const value = doc.stringValue(doc.property(item, 'value')?.valueNode);
    if (type !== undefined && PACK_IGNORE_TYPES.has(type) && value) rules.push({ type: type as PackIgnoreRule['type'], value });
  }
  return rules;
}

/**
 * 'miniprogram/' → 'miniprogram', './src' → 'src', '.' → ''. Backslashes count as separators
 * because projects edited on Windows write them. Absolute and escaping paths are refused.
 */
export function normaliseRelativePath(raw: string): string | { error: string } {
  const path = raw.replace(/\\/g, '/');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.startsWith('~')) {
    return { error: `must be a relative path, not ${JSON.stringify(raw)}` };
  }
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return { error: `${JSON.stringify(raw)} points outside the project` };
      segments.pop();
    } else segments.push(segment);
  }
  return segments.join('/');
}
