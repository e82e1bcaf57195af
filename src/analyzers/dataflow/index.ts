import { posix } from 'node:path';
import { JsonDocument } from '../../manifest/json-document.js';
import type { FlowCatalog } from '../../platforms/flows.js';
import type { BundleFile } from '../../types.js';
import type { TemplateElement } from '../templates.js';
import type { FileIds, FlowFragment, SinkRecord } from './fragment.js';
import { FlowGraph, type DataFlowResult } from './solve.js';
import { templateFlows } from './template-flows.js';
import { pageRoute } from './extract-options.js';
import { listedRoutes, withoutExtension } from './page-routes.js';

export type { DataFlowResult, Flow, FlowStats } from './solve.js';
export type { SinkRecord, SourceRecord } from './fragment.js';

/** A template as the flow analysis needs it. */
export interface TemplateFlowFacts {
  file: string;
  elements: readonly TemplateElement[];
  thirdParty: boolean;
  /** A template recovered from a compiled package (compiled-templates.ts): the page it was compiled from, `pages/a/a`. */
  page?: string;
}

export interface DataFlowInput {
  catalog: FlowCatalog;
  /** Every file of the bundle (scripts to pair templates with, JSON configs for usingComponents). */
  files: readonly BundleFile[];
  /** Path of app.json, for app-wide usingComponents. */
  manifestPath?: string;
  fragments: readonly FlowFragment[];
  templates: readonly TemplateFlowFacts[];
  /** The ids the fragments were extracted with. */
  fileIds: FileIds;
}

const SCRIPT_EXTENSIONS = ['.js', '.ts'];

/**
 * Builds the project's flow graph as files are analysed: a module's fragment joins the graph at
 * once, so its records need not be kept until the end. Templates are joined last, when every script
 * they may belong to is known.
 */
export class DataFlowBuilder {
  private readonly graph = new FlowGraph();
  private readonly templates: TemplateFlowFacts[] = [];
  private readonly modules = new Set<string>();

  constructor(
    private readonly catalog: FlowCatalog,
    private readonly fileIds: FileIds,
  ) {}

  addFragment(fragment: FlowFragment): void {
    this.modules.add(fragment.file);
    this.graph.add(fragment);
  }

  addTemplate(template: TemplateFlowFacts): void {
    this.templates.push(template);
  }

  /** Traces sources to sinks. `files`: every file of the bundle (scripts, JSON configs for usingComponents). */
  finish(files: readonly BundleFile[], manifestPath?: string): DataFlowResult {
    const scripts = new Set(this.modules);
    for (const file of files) if (file.kind === 'script') scripts.add(file.path);
    const json = new Map(files.filter((file) => file.kind === 'json').map((file) => [file.path, file]));
    const scriptOf = (base: string): string | undefined => {
      for (const candidate of [...SCRIPT_EXTENSIONS.map((ext) => base + ext), ...SCRIPT_EXTENSIONS.map((ext) => `${base}/index${ext}`)]) if (scripts.has(candidate)) return candidate;
      return undefined;
    };
    const appRoot = manifestPath ? posix.dirname(manifestPath) : '.';
    const appComponents = manifestPath ? usingComponents(json.get(manifestPath), appRoot, appRoot, scriptOf) : new Map<string, string>();
    for (const template of this.templates) {
      const page = template.page;
      if (page !== undefined) {
        const fragments = compiledPageScripts(scripts, page, template.file).map((script) => templateFlows({ file: template.file, elements: template.elements, script, components: appComponents, catalog: this.catalog, thirdParty: template.thirdParty, fileIds: this.fileIds, route: page }));
        for (const fragment of joinSinksByPlace(fragments)) this.graph.add(fragment);
        continue;
      }
      const base = withoutExtension(template.file);
      const script = scriptOf(base);
      if (!script) continue;
      const components = new Map([...appComponents, ...usingComponents(json.get(`${base}.json`), posix.dirname(base), appRoot, scriptOf)]);
      this.graph.add(templateFlows({ file: template.file, elements: template.elements, script, components, catalog: this.catalog, thirdParty: template.thirdParty, fileIds: this.fileIds, route: pageRoute(template.file, appRoot) }));
    }
    const routes = manifestPath ? appRoutes(json, manifestPath) : undefined;
    const unopened = manifestPath ? unlistedPages(this.templates, json, routes, appRoot, scriptOf) : [];
    return { ...this.graph.solve(new Set(unopened.map((file) => `i:${this.fileIds.of(file)}`)), routes ?? []), unlistedPages: new Set(unopened), ...(routes && { routes }) };
  }
}

/**
 * The scripts a compiled page's template belongs to: its module wherever a bundle holds it
 * (`app-service.js/pages/a/a.js` read from a folder, `pages/a/a.js` from a package), and a
 * decompiled copy beside the bundle. Sorted, so the graph is built in the same order every run.
 */
function compiledPageScripts(scripts: ReadonlySet<string>, page: string, renderFile: string): string[] {
  const names = SCRIPT_EXTENSIONS.map((ext) => `${page}${ext}`);
  const found = [...scripts].filter((script) => names.some((name) => script === name || script.endsWith(`/${name}`))).sort();
  // The compiler splits render and logic code in pairs (chunk_3.webview.js with chunk_3.appservice.js, page-frame.js with app-service.js): the pair's module is the page's.
  const bundles = serviceBundlesOf(renderFile).map((bundle) => `${bundle}/`);
  const paired = found.filter((script) => bundles.some((bundle) => script.startsWith(bundle)));
  return paired.length > 0 ? paired : found;
}

/** The logic-layer bundles compiled with a render-layer file. */
function serviceBundlesOf(renderFile: string): string[] {
  const chunk = /^(.*?)([^/]+)\.webview\.js$/.exec(renderFile);
  if (chunk) return [`${chunk[1]}${chunk[2]}.appservice.js`];
  const folder = renderFile.includes('/') ? renderFile.slice(0, renderFile.lastIndexOf('/') + 1) : '';
  return [`${folder}app-service.js`, `${folder}appservice.app.js`];
}

/**
 * One element of a compiled template read for each copy of its page's module (a subpackage's
 * bundle and its chunk both hold it) is still one element: its sinks become one, whose values are
 * every copy's.
 */
function joinSinksByPlace(fragments: FlowFragment[]): FlowFragment[] {
  const kept = new Map<string, SinkRecord>();
  for (const fragment of fragments) {
    fragment.sinks = fragment.sinks.filter((sink) => {
      const place = `${sink.kind}:${sink.api}:${sink.location.region.startOffset}`;
      const first = kept.get(place);
      if (!first) {
        kept.set(place, sink);
        return true;
      }
      first.inputs.push(...sink.inputs);
      if (sink.urlInputs) first.urlInputs = [...(first.urlInputs ?? []), ...sink.urlInputs];
      return false;
    });
  }
  return fragments;
}

/** Joins every module's and template's flows into one graph and traces sources to sinks. */
export function analyseDataFlow(input: DataFlowInput): DataFlowResult {
  const builder = new DataFlowBuilder(input.catalog, input.fileIds);
  for (const fragment of input.fragments) builder.addFragment(fragment);
  for (const template of input.templates) builder.addTemplate(template);
  return builder.finish(input.files, input.manifestPath);
}

/**
 * Page scripts app.json does not list: a script with its own template and no `"component": true`
 * config, whose route is in neither `pages` nor a subpackage's. No link or navigation can open such
 * a page, so its lifecycle never runs. Empty when app.json lists no pages, or lists them in a shape
 * that cannot be read (nothing to compare with).
 */
function unlistedPages(templates: readonly TemplateFlowFacts[], json: ReadonlyMap<string, BundleFile>, routes: readonly string[] | undefined, appRoot: string, scriptOf: (base: string) => string | undefined): string[] {
  const listed = new Set((routes ?? []).map((route) => posix.normalize(posix.join(appRoot, route))));
  if (listed.size === 0) return [];
  const unlisted: string[] = [];
  for (const template of templates) {
    const base = withoutExtension(template.file);
    const script = scriptOf(base);
    if (!script || listed.has(posix.normalize(base)) || isComponentConfig(json.get(`${base}.json`))) continue;
    unlisted.push(script);
  }
  return unlisted;
}

function appRoutes(json: ReadonlyMap<string, BundleFile>, manifestPath: string): string[] | undefined {
  return listedRoutes(JsonDocument.parse(json.get(manifestPath)?.text ?? '', { lenient: true }));
}

function isComponentConfig(file: BundleFile | undefined): boolean {
  if (!file) return false;
  const doc = JsonDocument.parse(file.text, { lenient: true });
  return doc.booleanValue(doc.property(doc.root, 'component')?.valueNode) === true;
}

/** `usingComponents` of a page or component config: tag → the component's script. */
function usingComponents(file: BundleFile | undefined, dir: string, appRoot: string, scriptOf: (base: string) => string | undefined): Map<string, string> {
  const result = new Map<string, string>();
  if (!file) return result;
  // A JSON tree, not a parsed object: a "__proto__" key must stay a key, not become the object's prototype.
  const doc = JsonDocument.parse(file.text, { lenient: true });
  for (const { key: tag, valueNode } of doc.properties(doc.property(doc.root, 'usingComponents')?.valueNode)) {
    const target = doc.stringValue(valueNode);
    if (target === undefined || target.includes('://')) continue;
    const base = posix.normalize(target.startsWith('/') ? posix.join(appRoot, target) : posix.join(dir, target)).replace(/^\.\//, '');
    const script = scriptOf(base) ?? scriptOf(posix.join('miniprogram_npm', target));
    if (script) result.set(tag.toLowerCase(), script);
  }
  return result;
}
