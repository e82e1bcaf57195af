import type { Located, Region } from '../types.js';
import type { AppManifest, ManifestProblem, PermissionScope, SubPackage } from './app-manifest.js';
import { JsonDocument, type JsonNode } from './json-document.js';

export interface ParseAppManifestOptions {
  /** The APIs the platform accepts in `requiredPrivateInfos`; others are reported. */
  knownPrivateInfos?: readonly string[];
  /**
   * The manifest of a compiled package (app-config.json): the compiler moves every page into the
   * top-level `pages`, so a subpackage keeps only its `root`.
   */
  compiled?: boolean;
}

/**
 * Reads app.json into the typed model. Never throws: syntax and type errors become `problems`
 * and every field that can still be read is read.
 */
export function parseAppManifest(file: string, text: string, options: ParseAppManifestOptions = {}): AppManifest {
  try {
    return new AppManifestReader(file, JsonDocument.parse(text), options).read();
  } catch (error) {
    // Defensive: a bug here must not stop the scan of the rest of the mini-app.
    const region = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 }, startOffset: 0, endOffset: 0 };
    const message = `could not read the manifest: ${error instanceof Error ? error.message : String(error)}`;
    const problems = [{ file, region, message }];
    return { file, region, pages: [], subPackages: [], plugins: [], usingComponents: [], problems };
  }
}

const quote = JSON.stringify;

class AppManifestReader {
  private readonly problems: ManifestProblem[] = [];

  constructor(
    private readonly file: string,
    private readonly doc: JsonDocument,
    private readonly options: ParseAppManifestOptions,
  ) {
    for (const problem of doc.problems) this.problems.push({ file, ...problem });
  }

  read(): AppManifest {
    const { doc } = this;
    const root = doc.root;
    const manifest: AppManifest = {
      file: this.file,
      region: root ? doc.regionOf(root) : doc.fileRegion,
      pages: [],
      subPackages: [],
      plugins: [],
      usingComponents: [],
      problems: this.problems,
    };
    if (root && !doc.isObject(root)) this.report(root, 'the top-level value must be an object');
    if (doc.isObject(root)) {
      const field = (key: string): JsonNode | undefined => doc.property(root, key)?.valueNode;
      manifest.pages = this.pagePaths(field('pages'), '"pages"') ?? [];
      manifest.subPackages = this.subPackages(root);
      manifest.plugins = this.plugins(field('plugins'));
      manifest.usingComponents = this.usingComponents(field('usingComponents'));
      const privateInfos = this.requiredPrivateInfos(field('requiredPrivateInfos'));
      if (privateInfos) manifest.requiredPrivateInfos = privateInfos;
      const permission = this.permission(field('permission'));
      if (permission) manifest.permission = permission;
      // WeChat's key, and Douyin's and Alipay's, which have no underscores.
      for (const key of ['__usePrivacyCheck__', 'usePrivacyCheck']) {
        const privacyCheck = field(key);
        if (!privacyCheck) continue;
        const value = doc.booleanValue(privacyCheck);
        if (value === undefined) this.report(privacyCheck, `"${key}" must be a boolean`);
        else manifest.usePrivacyCheck ??= doc.located(privacyCheck, value);
      }
      const appIds = field('navigateToMiniProgramAppIdList');
      if (appIds) {
        const list = this.strings(appIds, '"navigateToMiniProgramAppIdList" must be an array of appid strings');
        if (list) manifest.navigateToMiniProgramAppIdList = list;
      }
    }
    this.problems.sort((a, b) => a.region.startOffset - b.region.startOffset);
    return manifest;
  }

  private report(node: JsonNode | Region, message: string): void {
    const region = 'type' in node ? this.doc.regionOf(node) : node;
    this.problems.push({ file: this.file, region, message });
  }

  /** Non-empty strings of an array; other entries are reported with `message` and skipped. */
  private strings(node: JsonNode, message: string): Located<string>[] | undefined {
    const items = this.doc.arrayItems(node);
    if (!items) {
      this.report(node, message);
      return undefined;
    }
    const result: Located<string>[] = [];
    for (const item of items) {
      const value = this.doc.stringValue(item);
      if (value === undefined || value === '') this.report(item, message);
      else result.push(this.doc.located(item, value));
    }
    return result;
  }

  private pagePaths(node: JsonNode | undefined, name: string): Located<string>[] | undefined {
    return node ? this.strings(node, `${name} must be an array of page paths`) : undefined;
  }

  /** WeChat spells it `subPackages` (and accepts `subpackages`); ByteDance documents `subpackages`. */
  private subPackages(root: JsonNode): SubPackage[] {
    const result: SubPackage[] = [];
    const spellings = this.doc.properties(root).filter((p) => p.key === 'subPackages' || p.key === 'subpackages');
    const used = new Set<string>();
    for (const property of spellings) {
      if (used.has(property.key)) continue; // a duplicate key: the duplicate-key problem covers it
      used.add(property.key);
      if (used.size === 2) {
        this.report(property.keyNode, 'both "subPackages" and "subpackages" are given; use one of them');
      }
    }
    for (const key of used) {
      const node = this.doc.property(root, key)?.valueNode;
      if (!node) continue;
      const message = `${quote(key)} must be an array of {"root", "pages"} objects`;
      const items = this.doc.arrayItems(node);
      if (!items) {
        this.report(node, message);
        continue;
      }
      items.forEach((item, index) => {
        const subPackage = this.subPackage(item, `${key}[${index}]`, message);
        if (subPackage) result.push(subPackage);
      });
    }
    return result;
  }

  private subPackage(node: JsonNode, name: string, notObject: string): SubPackage | undefined {
    const { doc } = this;
    if (!doc.isObject(node)) {
      this.report(node, notObject);
      return undefined;
    }
    const rootNode = doc.property(node, 'root')?.valueNode;
    const root = doc.stringValue(rootNode);
    if (!rootNode || root === undefined || root === '') {
      this.report(rootNode ?? node, `${name}.root must be a non-empty string`);
      return undefined;
    }
    const pagesNode = doc.property(node, 'pages')?.valueNode;
    if (!pagesNode && !this.options.compiled) this.report(node, `${name}.pages must be an array of page paths`);
    return { root: doc.located(rootNode, root), pages: this.pagePaths(pagesNode, `${name}.pages`) ?? [] };
  }

  private plugins(node: JsonNode | undefined): AppManifest['plugins'] {
    const result: AppManifest['plugins'] = [];
    if (!node) return result;
    const { doc } = this;
    if (!doc.isObject(node)) {
      this.report(node, '"plugins" must be an object mapping aliases to {"provider", "version"}');
      return result;
    }
    for (const { key, keyNode, valueNode } of doc.properties(node)) {
      if (!valueNode) continue;
      const name = `plugins[${quote(key)}]`;
      if (!doc.isObject(valueNode)) {
        this.report(valueNode, `${name} must be an object with "provider" and "version"`);
        continue;
      }
      const plugin: AppManifest['plugins'][number] = { alias: doc.located(keyNode, key) };
      const providerNode = doc.property(valueNode, 'provider')?.valueNode;
      const provider = doc.stringValue(providerNode);
      if (providerNode && provider) plugin.provider = doc.located(providerNode, provider);
      else this.report(providerNode ?? valueNode, `${name}.provider must be a non-empty string (the plugin's appid)`);
      const versionNode = doc.property(valueNode, 'version')?.valueNode;
      if (versionNode && doc.stringValue(versionNode) === undefined) {
        this.report(versionNode, `${name}.version must be a string`);
      }
      result.push(plugin);
    }
    return result;
  }

  private usingComponents(node: JsonNode | undefined): AppManifest['usingComponents'] {
    const result: AppManifest['usingComponents'] = [];
    if (!node) return result;
    const { doc } = this;
    if (!doc.isObject(node)) {
      this.report(node, '"usingComponents" must be an object mapping component names to paths');
      return result;
    }
    for (const { key, keyNode, valueNode } of doc.properties(node)) {
      if (!valueNode) continue;
      const path = doc.stringValue(valueNode);
      if (!path) this.report(valueNode, `usingComponents[${quote(key)}] must be a non-empty path string`);
      else result.push({ name: doc.located(keyNode, key), path: doc.located(valueNode, path) });
    }
    return result;
  }

  private requiredPrivateInfos(node: JsonNode | undefined): AppManifest['requiredPrivateInfos'] {
    if (!node) return undefined;
    const entries = this.strings(node, '"requiredPrivateInfos" must be an array of strings');
    if (!entries) return undefined;
    const known = this.options.knownPrivateInfos;
    const seen = new Set<string>();
    for (const entry of entries) {
      if (known && !known.includes(entry.value)) {
        this.report(
          entry.region,
          `'${entry.value}' cannot be listed in requiredPrivateInfos: only these APIs can: ${known.join(', ')}`,
        );
      }
      if (seen.has(entry.value)) {
        this.report(entry.region, `'${entry.value}' is listed more than once in requiredPrivateInfos`);
      }
      seen.add(entry.value);
    }
    return { region: this.doc.regionOf(node), entries };
  }

  private permission(node: JsonNode | undefined): AppManifest['permission'] {
    if (!node) return undefined;
    const { doc } = this;
    if (!doc.isObject(node)) {
      this.report(node, '"permission" must be an object mapping scopes to {"desc"}');
      return undefined;
    }
    const scopes: PermissionScope[] = [];
    for (const { key, keyNode, valueNode } of doc.properties(node)) {
      if (!valueNode) continue;
      if (!key.startsWith('scope.')) {
        this.report(keyNode, `permission key ${quote(key)} is not an authorization scope (scope.…)`);
        continue;
      }
      const name = `permission[${quote(key)}]`;
      const scope: PermissionScope = { scope: doc.located(keyNode, key) };
      scopes.push(scope);
      if (!doc.isObject(valueNode)) {
        this.report(valueNode, `${name} must be an object with a "desc"`);
        continue;
      }
      const descNode = doc.property(valueNode, 'desc')?.valueNode;
      const desc = doc.stringValue(descNode);
      // An empty or blank purpose is no purpose: leave `desc` absent so rules treat it as missing.
      if (descNode && desc !== undefined && desc.trim() !== '') scope.desc = doc.located(descNode, desc);
      else this.report(descNode ?? valueNode, `${name}.desc must be a non-empty string`);
    }
    return { region: doc.regionOf(node), scopes };
  }
}
