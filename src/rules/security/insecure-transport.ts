import type { TSESTree } from '@typescript-eslint/types';
import { staticPropertyName, unwrapTypeScript } from '../../analyzers/api-calls.js';
import {
  ConstantResolver,
  knownPrefix,
  type ModuleSummary,
  type Origin,
  type StringValues,
} from '../../analyzers/constants.js';
import { literalValue } from '../../analyzers/templates.js';
import type { Flow } from '../../analyzers/dataflow/index.js';
import type { Listeners } from '../../analyzers/traverse.js';
import type { RelatedLocation, Severity, SourceLocation } from '../../types.js';
import { createRule, type FileContext, type Report } from '../rule.js';
import { networkCallUrl } from './network-urls.js';
import { insecureUrl, isNotShipped, mergeListeners, sharedConstantCollector, type CapturedUse, type InsecureUrl } from './support.js';

const ID = 'insecure-transport';
/** Uses of one URL listed per finding (a base URL's every request wrapper and upload); the rest are counted. */
const MAX_RELATED = 12;
/** Steps of a traced URL listed per finding. */
const MAX_STEPS = 5;
/** Options of HTTP client libraries (axios-style `create`, luch-request, flyio) that prefix every request URL. */
const BASE_URL_KEYS = new Set(['baseURL', 'baseUrl']);
const CLIENT_FACTORIES = new Set(['create', 'setConfig', 'config', 'init']);
const CLIENT_CONFIG_OBJECTS = new Set(['defaults', 'config']);

/** Where a URL is used: `wx.request (url)`, `<web-view src>`, `HTTP client baseURL`. */
type Sink = CapturedUse;

/**
 * What the file phase leaves for the project phase. Everything is keyed by the file it came from and
 * replaced when that file is analysed again, so a long-lived host that re-checks files without a
 * project phase (an editor integration) keeps one entry per file, not one per check.
 */
interface State {
  modules: Map<string, ModuleSummary>;
  /** Sinks whose value depends on other modules, by file: resolved in the project phase. */
  deferred: Map<string, Sink[]>;
  /** Origins already reported (`file:start`). */
  reported: Set<string>;
}

const newState = (): State => ({ modules: new Map(), deferred: new Map(), reported: new Set() });

/** Forgets what an earlier analysis of `file` reported, before it is analysed again. */
function forgetReported(state: State, file: string): void {
  const prefix = `${file}:`;
  for (const key of state.reported) if (key.startsWith(prefix)) state.reported.delete(key);
}

interface Hit {
  url: InsecureUrl;
  origin: Origin | undefined;
}

/** The insecure URLs among a value's alternatives, each with the literal that starts it. */
function insecureHits(values: StringValues): Hit[] {
  const hits: Hit[] = [];
  const seen = new Set<string>();
  for (const alternative of values.alternatives) {
    // The literal the URL starts with: `''.concat(BASE)` starts at BASE's literal, not at the empty string.
    const first = alternative.find((part) => 'hole' in part || part.text !== '');
    if (!first || 'hole' in first) continue;
    const prefix = knownPrefix(alternative);
    const url = insecureUrl(prefix.text, prefix.complete);
    if (!url || url.scope === 'loopback') continue;
    const key = first.origin ? `${first.origin.file}:${first.origin.start}` : `?${url.display}`;
    if (seen.has(key)) continue;
    seen.add(key);
    hits.push({ url, origin: first.origin });
  }
  return hits;
}

interface Group {
  url: InsecureUrl;
  location: SourceLocation;
  thirdParty: boolean;
  sinks: Sink[];
  /** Extra related locations (the data assignment feeding a web-view). */
  extra: RelatedLocation[];
}

function compareLocations(a: SourceLocation, b: SourceLocation): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.region.startOffset - b.region.startOffset;
}

function describe(location: SourceLocation): string {
  return `${location.file}:${location.region.start.line}:${location.region.start.column}`;
}

function buildReport(group: Group): Report & { severity?: Severity } {
  const { url } = group;
  const sinks = [...group.sinks].sort((a, b) => compareLocations(a.location, b.location));
  const labels = [...new Set(sinks.map((sink) => sink.label))];
  const first = sinks[0]!;
  const sameSpot = sinks.length === 1 && compareLocations(first.location, group.location) === 0;
  const where = sameSpot ? '' : ` at ${describe(first.location)}${sinks.length > 1 ? ` and ${sinks.length - 1} more place${sinks.length > 2 ? 's' : ''}` : ''}`;
  const scheme = url.scheme === 'ws' ? 'WebSocket' : 'HTTP';
  const host = url.host === '' ? 'a host decided at run time' : url.hostComplete ? url.host : `${url.host}…`;
  let message = `Plain-${scheme} URL ${url.display} reaches ${labels.join(', ')}${where}: traffic to ${host} is unencrypted, so anyone on the network path can read or change it. Use ${url.scheme === 'ws' ? 'wss' : 'https'}://.`;
  let severity: Severity | undefined;
  if (url.scope === 'private') {
    message += ' The host is a private-network address, most likely a development server left in the bundle; release builds only reach registered HTTPS domains.';
    severity = 'note';
  }
  const relatedLocations: RelatedLocation[] = [...group.extra];
  for (const sink of sinks.slice(0, MAX_RELATED)) {
    if (compareLocations(sink.location, group.location) !== 0) relatedLocations.push({ location: sink.location, message: `used as the URL of ${sink.label} here` });
  }
  if (sinks.length > MAX_RELATED) message += ` (${sinks.length - MAX_RELATED} more uses not listed)`;
  return {
    location: group.location,
    message,
    ...(severity ? { severity } : {}),
    ...(relatedLocations.length > 0 ? { relatedLocations } : {}),
    thirdParty: group.thirdParty,
    properties: {
      scheme: url.scheme,
      ...(url.host !== '' ? { host: url.host } : {}),
      privateNetwork: url.scope === 'private',
      sinks: labels,
    },
  };
}

/** Groups hits by the literal they start at, so a base URL used by twenty requests is one finding. */
function addHits(groups: Map<string, Group>, hits: Hit[], sink: Sink, locate: (origin: Origin) => { location: SourceLocation; thirdParty: boolean } | undefined, reported: Set<string>, extra: RelatedLocation[] = []): void {
  for (const hit of hits) {
    const key = hit.origin ? `${hit.origin.file}:${hit.origin.start}` : `${sink.location.file}:${sink.location.region.startOffset}:${hit.url.display}`;
    if (reported.has(key)) continue;
    let group = groups.get(key);
    if (!group) {
      const place = hit.origin ? locate(hit.origin) : undefined;
      group = { url: hit.url, location: place?.location ?? sink.location, thirdParty: place?.thirdParty ?? sink.thirdParty, sinks: [], extra: [] };
      groups.set(key, group);
    }
    group.sinks.push(sink);
    for (const item of extra) if (!group.extra.some((existing) => compareLocations(existing.location, item.location) === 0)) group.extra.push(item);
  }
}

/** Sinks where a plain-HTTP URL is loaded: what the data flow calls them, for messages. */
const URL_SINK_KINDS: ReadonlySet<string> = new Set(['network', 'web-view']);

/**
 * A plain-HTTP URL the data flow traced to the start of a request's or web-view's URL, through
 * variables, fields, page data, parameters and modules (constants were judged already).
 */
function addFlowHit(groups: Map<string, Group>, flowGroups: Set<Group>, flow: Flow, reported: Set<string>): void {
  // A value that may be replaced before use (`base = SECURE` after `let base = 'http://…'`) is left out, as constants are.
  if (!flow.viaUrl || flow.overwritable || !URL_SINK_KINDS.has(flow.sink.kind)) return;
  const url = insecureUrl(flow.source.text ?? '', false);
  if (!url || url.scope === 'loopback') return;
  const origin = flow.source.location;
  const key = `${origin.file}:${origin.region.startOffset}`;
  if (reported.has(key)) return;
  const sink: Sink = { label: flow.sink.kind === 'web-view' ? flow.sink.api : `${flow.sink.api} (url)`, value: { kind: 'unknown' }, location: flow.sink.location, thirdParty: flow.sink.thirdParty ?? false };
  let group = groups.get(key);
  if (group && !flowGroups.has(group)) {
    // The constants found this URL, with their uses; a use only the flow reaches (a `var` written in both arms) joins them.
    if (!group.sinks.some((existing) => within(existing.location, sink.location))) group.sinks.push(sink);
    return;
  }
  if (!group) {
    group = { url, location: origin, thirdParty: sink.thirdParty, sinks: [], extra: [] };
    groups.set(key, group);
    flowGroups.add(group);
  }
  if (!group.sinks.some((existing) => compareLocations(existing.location, sink.location) === 0)) group.sinks.push(sink);
  for (const step of flow.steps.slice(1, -1)) {
    if (group.extra.length >= MAX_STEPS) break;
    if (!group.extra.some((existing) => compareLocations(existing.location, step.location) === 0)) group.extra.push({ location: step.location, message: `the URL is held in ${step.message} here` });
  }
}

/** Whether `inner` lies inside `outer` (a request's URL inside the request call). */
function within(inner: SourceLocation, outer: SourceLocation): boolean {
  return inner.file === outer.file && inner.region.startOffset >= outer.region.startOffset && inner.region.endOffset <= outer.region.endOffset;
}

function finish(groups: Map<string, Group>, reported: Set<string>, emit: (report: Report) => void): void {
  const keys = [...groups.keys()].sort((a, b) => compareLocations(groups.get(a)!.location, groups.get(b)!.location) || (a < b ? -1 : a > b ? 1 : 0));
  for (const key of keys) {
    reported.add(key);
    emit(buildReport(groups.get(key)!));
  }
}

function scriptListeners(context: FileContext): Listeners {
  const { file } = context;
  if (isNotShipped(file.path) || file.kind !== 'script') return {};
  const state = context.state(newState);
  const { collector, listeners: collectorListeners } = sharedConstantCollector(context);
  state.modules.set(file.path, collector.module);
  const sinks: Sink[] = [];
  const deferred: Sink[] = [];
  state.deferred.set(file.path, deferred);
  forgetReported(state, file.path);
  const at = (node: TSESTree.Node): SourceLocation => ({ file: file.path, region: context.region(node.range[0], node.range[1]) });

  const own: Listeners = {
    CallExpression(node) {
      const url = networkCallUrl(node as TSESTree.CallExpression, collector.capture);
      if (url) sinks.push({ label: url.label, value: url.value, location: at(url.node), thirdParty: file.thirdParty });
    },
    Property(node, ancestors) {
      const property = node as TSESTree.Property;
      // Objects are everywhere: look at the key's name before anything else.
      const rawKey = property.key;
      const key = rawKey.type === 'Identifier' ? rawKey.name : rawKey.type === 'Literal' ? String(rawKey.value) : undefined;
      if (key === undefined || !BASE_URL_KEYS.has(key) || (property.computed && rawKey.type === 'Identifier')) return;
      const owner = ancestors[ancestors.length - 2];
      if (!owner || (owner.type !== 'CallExpression' && owner.type !== 'NewExpression')) return;
      const callee = unwrapTypeScript(owner.callee);
      const method = callee.type === 'MemberExpression' ? staticPropertyName(callee) : undefined;
      if (owner.type === 'CallExpression' && (method === undefined || !CLIENT_FACTORIES.has(method))) return;
      sinks.push({ label: `HTTP client ${key}`, value: collector.capture(property.value), location: at(property.value), thirdParty: file.thirdParty });
    },
    AssignmentExpression(node) {
      const assignment = node as TSESTree.AssignmentExpression;
      const left = assignment.left;
      if (assignment.operator !== '=' || left.type !== 'MemberExpression') return;
      const key = staticPropertyName(left);
      if (key === undefined || !BASE_URL_KEYS.has(key) || left.object.type !== 'MemberExpression') return;
      const holder = staticPropertyName(left.object);
      if (holder === undefined || !CLIENT_CONFIG_OBJECTS.has(holder)) return;
      sinks.push({ label: `HTTP client ${key}`, value: collector.capture(assignment.right), location: at(assignment.right), thirdParty: file.thirdParty });
    },
    'Program:exit'() {
      // Within the file now (this also serves linters that only run file checks); what depends on other modules waits for the project phase.
      const local = new ConstantResolver([collector.module], { local: true });
      const groups = new Map<string, Group>();
      const locate = (origin: Origin) => (origin.file === file.path ? { location: { file: file.path, region: context.region(origin.start, origin.end) }, thirdParty: file.thirdParty } : undefined);
      for (const sink of sinks) {
        const values = local.strings(sink.value);
        addHits(groups, insecureHits(values), sink, locate, state.reported);
        if (values.external) deferred.push(sink);
      }
      finish(groups, state.reported, (report) => context.reportAt(report));
    },
  };
  return mergeListeners(collectorListeners, own);
}

export default createRule({
  meta: {
    id: ID,
    description: 'A plain http:// or ws:// URL reaches a network API or a <web-view> src.',
    rationale:
      'Requests, downloads, uploads, sockets and web pages fetched over plain HTTP or WS can be read and changed by anyone on ' +
      'the network path: public Wi-Fi, a compromised router, a hostile carrier. Session tokens, personal data and the code a ' +
      'web-view runs are exposed. Platforms require HTTPS/WSS for release builds, so a plain URL is also a release that breaks.',
    severity: 'warning',
    tags: ['security'],
    cwe: [319],
    precision: 'high',
    securitySeverity: 5.9,
    dataflow: true,
  },
  createScriptListeners: scriptListeners,
  checkTemplate(context) {
    const { file } = context;
    if (isNotShipped(file.path)) return;
    for (const element of context.template.elements) {
      if (element.name.toLowerCase() !== 'web-view') continue;
      const raw = element.attributes['src'];
      const region = element.attributeRegions['src'];
      if (raw === undefined || region === undefined) continue;
      const location: SourceLocation = { file: file.path, region };
      const literal = literalValue(raw);
      const mustache = raw.indexOf('{{');
      const prefix = literal ?? raw.slice(0, mustache);
      const url = insecureUrl(prefix, literal !== undefined);
      if (url && url.scope !== 'loopback') {
        const sink: Sink = { label: '<web-view src>', value: { kind: 'unknown' }, location, thirdParty: file.thirdParty };
        const report = buildReport({ url, location, thirdParty: file.thirdParty, sinks: [sink], extra: [] });
        context.reportAt(report);
      }
      // `src="{{link}}"`: the page data it is bound to is traced by the data flow (checkProject).
    }
  },
  checkProject(context) {
    const state = context.state(newState);
    const manifestFile = context.facts.manifest?.file;
    const appRoot = manifestFile && manifestFile.includes('/') ? manifestFile.slice(0, manifestFile.lastIndexOf('/')) : '';
    const resolver = new ConstantResolver(state.modules, { appRoot });
    const locate = (origin: Origin) => {
      const module = state.modules.get(origin.file);
      return module ? { location: { file: origin.file, region: module.region(origin.start, origin.end) }, thirdParty: module.thirdParty } : undefined;
    };
    const groups = new Map<string, Group>();
    for (const sinks of state.deferred.values()) for (const sink of sinks) addHits(groups, insecureHits(resolver.strings(sink.value)), sink, locate, state.reported);
    const flowGroups = new Set<Group>();
    for (const flow of context.facts.dataflow?.flows ?? []) addFlowHit(groups, flowGroups, flow, state.reported);
    finish(groups, state.reported, context.report);
  },
});

