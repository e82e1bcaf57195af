import type { Flow, SinkRecord } from '../../analyzers/dataflow/index.js';
import type { FlowLabel } from '../../platforms/flows.js';
import { sensitiveNameLabel } from '../../analyzers/dataflow/names.js';
import { createRule } from '../rule.js';
import { bestFlow, capitalise, carried, describeLabels, flowsBySink, pathReport } from './support.js';

/** Who the user is, or what signs them in: what a page loaded in a web-view must not be handed in its URL. */
export const IDENTITY_LABELS: ReadonlySet<FlowLabel> = new Set(['credential', 'openid', 'unionid', 'phone', 'id-number']);

/** A ticket is single-use by design: handing one to the page is the fix, not the leak. */
const ONE_TIME = /ticket$/i;

/** Every parameter of a page's query (the page passes its query on whole). */
const WHOLE_QUERY = '*';

function identities(flows: readonly Flow[]): Flow[] {
  return flows.filter((flow) => IDENTITY_LABELS.has(carried(flow)) && (flow.label !== 'named' || !ONE_TIME.test(flow.source.origin)) && (flow.label === 'named' || IDENTITY_LABELS.has(flow.label)));
}

/**
 * Pages whose `<web-view>` loads a URL built from a page query: the page's file path without its
 * extension → the query parameters that reach it (WHOLE_QUERY when the query goes on whole). Keyed
 * by the web-view's page rather than the query's: when pages share code (a mixin that keeps
 * `this.pageQuery`), the one path traced may start at another page's query.
 */
/** Pages app.json does not list, without extension: no navigation or link opens them, so their web-views load nothing. */
function unopenedPages(unlisted: ReadonlySet<string> | undefined): Set<string> {
  return new Set([...(unlisted ?? [])].map(withoutExtension));
}

function webViewPages(flows: readonly Flow[], unopened: ReadonlySet<string>): Map<string, Set<string>> {
  const pages = new Map<string, Set<string>>();
  for (const flow of flows) {
    if (flow.label !== 'page-query' || flow.sink.kind !== 'web-view') continue;
    const page = withoutExtension(flow.sink.location.file);
    if (unopened.has(page)) continue;
    const fields = pages.get(page) ?? new Set<string>();
    fields.add(flow.queryField ?? WHOLE_QUERY);
    pages.set(page, fields);
  }
  return pages;
}

/** The parameters of `sink.page`'s query its web-view loads, if it has one (the route is relative to the app root, the path to the scan's). */
function withoutExtension(path: string): string {
  return path.replace(/\.[^./]+$/, '');
}

function loadedParameters(pages: ReadonlyMap<string, ReadonlySet<string>>, route: string): ReadonlySet<string> | undefined {
  for (const [page, fields] of pages) if (page === route || page.endsWith(`/${route}`)) return fields;
  return undefined;
}

/** A query parameter that holds the address to load. */
const URL_PARAMETER = /url|src|link|href|path|redirect|target|h5|web/i;

/**
 * Whether the page loads the parameter `sink` sets. When the traced path does not say which
 * parameter the page reads (its query passed on whole, or kept through shared code), the parameter
 * counts if it is the address itself or is named as the identity: a page that appends every option
 * to its URL appends that one too, and an unrelated option (`replace`) is left alone.
 */
function loadsParameter(pages: ReadonlyMap<string, ReadonlySet<string>>, sink: SinkRecord): boolean {
  const fields = sink.page === undefined ? undefined : loadedParameters(pages, sink.page);
  const field = sink.queryField;
  if (fields === undefined) return false;
  if (field === undefined || fields.has(field)) return true;
  if (!fields.has(WHOLE_QUERY)) return false;
  const named = sensitiveNameLabel(field);
  return URL_PARAMETER.test(field) || (named !== undefined && IDENTITY_LABELS.has(named));
}

/**
 * Identities handed to a web-view page, grouped by the navigation that hands them: one per call,
 * whichever query parameters it sets and whichever of the pages a router may open it names.
 */
function handovers(bySink: ReadonlyMap<SinkRecord, Flow[]>, pages: ReadonlyMap<string, ReadonlySet<string>>): { pages: Set<string>; flows: Flow[] }[] {
  const groups = new Map<string, { pages: Set<string>; flows: Flow[] }>();
  for (const [sink, flows] of bySink) {
    if (sink.kind !== 'page-handover' || !loadsParameter(pages, sink)) continue;
    const found = identities(flows);
    if (found.length === 0) continue;
    const key = `${sink.location.file}:${sink.location.region.startOffset}`;
    const group = groups.get(key) ?? { pages: new Set<string>(), flows: [] };
    group.pages.add(sink.page!);
    group.flows.push(...found);
    groups.set(key, group);
  }
  return [...groups.values()];
}

export default createRule({
  meta: {
    id: 'identity-to-webview',
    description: 'A token, session id, openid, unionid or phone number is put into the URL a web-view loads.',
    rationale:
      'A `<web-view>` page is an ordinary H5 page: its URL is kept in the server\u2019s and every proxy\u2019s logs, sent on as the ' +
      '`Referer` of everything the page loads, and visible to every script the page includes. Mini-apps routinely append the ' +
      'user\u2019s token or openid to it so that the page can sign the user in, which hands the session to whoever sees the URL ' +
      '(MiCoScan, 2025, found this across hundreds of thousands of mini-apps). An H5 domain several mini-apps embed receives ' +
      'the identities of all their users.',
    severity: 'error',
    tags: ['security', 'privacy'],
    cwe: [598, 200],
    precision: 'medium',
    securitySeverity: 7.5,
    dataflow: true,
  },
  checkProject(context) {
    const dataflow = context.facts.dataflow;
    if (!dataflow) return;
    const unopened = unopenedPages(dataflow.unlistedPages);
    const pages = webViewPages(dataflow.flows, unopened);
    const bySink = flowsBySink(dataflow.flows);
    // Handed to a web-view page in its query: reported where it is handed over, once per navigation.
    const handedOver = new Set<string>();
    for (const handover of handovers(bySink, pages)) {
      const flow = bestFlow(handover.flows);
      if (!flow) continue;
      for (const page of handover.pages) handedOver.add(page);
      const routes = [...handover.pages].sort();
      const labels = [...new Set(handover.flows.map(carried))].sort();
      const fields = [...new Set(handover.flows.map((each) => each.sink.queryField).filter((field): field is string => field !== undefined))].sort();
      context.report({
        location: flow.sink.location,
        message: `${capitalise(describeLabels(labels))}, ${flow.source.origin}, ${labels.length > 1 ? 'are' : 'is'} passed to ${routes.length > 1 ? 'pages' : 'page'} ${routes.join(' or ')}${fields.length > 0 ? ` in ${fields.map((field) => `\`${field}\``).join(', ')}` : ''}, which puts ${labels.length > 1 ? 'them' : 'it'} into the URL its <web-view> loads; pass the page a short-lived one-time ticket instead.`,
        ...pathReport(flow),
        ...(flow.sink.thirdParty && { thirdParty: true }),
        properties: { sink: flow.sink.api, page: routes.join(' '), data: labels },
      });
    }
    for (const [sink, flows] of bySink) {
      if (sink.kind !== 'web-view' || unopened.has(withoutExtension(sink.location.file))) continue;
      const found = identities(flows).filter((flow) => flow.viaQuery === undefined || !handedOver.has(flow.viaQuery));
      const flow = bestFlow(found);
      if (!flow) continue;
      const labels = [...new Set(found.map(carried))].sort();
      context.report({
        location: sink.location,
        message: `${capitalise(describeLabels(labels))}, ${flow.source.origin}, ${labels.length > 1 ? 'are' : 'is'} put into the URL ${sink.api} loads; pass the page a short-lived one-time ticket instead.`,
        ...pathReport(flow),
        ...(sink.thirdParty && { thirdParty: true }),
        properties: { sink: sink.api, data: labels },
      });
    }
  },
});
