import type { Flow, SinkRecord } from '../../analyzers/dataflow/index.js';
import { IDENTITY_LABELS } from '../../platforms/flows.js';
import type { SourceLocation } from '../../types.js';
import { sensitiveNameLabel } from '../../analyzers/dataflow/names.js';
import { createRule } from '../rule.js';
import { bestFlow, capitalise, carried, describeLabels, flowsBySink, pathReport, withOtherPlaces } from './support.js';
import { withoutExtension } from '../../analyzers/dataflow/page-routes.js';
import { loadsParameter, unopenedPages, webViewPages, type WebViewPages } from './web-view-pages.js';
import { pageCrossing } from './page-crossing.js';

/** A ticket is single-use by design: handing one to the page is the fix, not the leak. */
const ONE_TIME = /ticket$/i;

function identities(flows: readonly Flow[], possible: (flow: Flow) => boolean): Flow[] {
  return flows.filter((flow) => possible(flow) && IDENTITY_LABELS.has(carried(flow)) && (flow.label !== 'named' || !ONE_TIME.test(flow.source.origin)) && (flow.label === 'named' || IDENTITY_LABELS.has(flow.label)));
}

/** Every identity's read and the other ways it reaches the URL, besides the path a finding shows. */
function otherPlaces(flows: readonly Flow[]): SourceLocation[] {
  return flows.flatMap((flow) => [flow.source.location, ...(flow.otherWays ?? [])]);
}

/** Named as the identity itself: a page that appends every option to its URL appends it too. */
function namesIdentity(field: string): boolean {
  const named = sensitiveNameLabel(field);
  return named !== undefined && IDENTITY_LABELS.has(named);
}

/**
 * Identities handed to a web-view page, grouped by the navigation that hands them: one per call,
 * whichever query parameters it sets and whichever of the pages a router may open it names.
 */
function handovers(bySink: ReadonlyMap<SinkRecord, Flow[]>, pages: WebViewPages, possible: (flow: Flow) => boolean): { pages: Set<string>; flows: Flow[] }[] {
  const groups = new Map<string, { pages: Set<string>; flows: Flow[] }>();
  for (const [sink, flows] of bySink) {
    if (sink.kind !== 'page-handover' || !loadsParameter(pages, sink, namesIdentity)) continue;
    const found = identities(flows, possible);
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
    // A path into another page's code through a helper both pages call is the analysis merging the helper's calls.
    const possible = pageCrossing(dataflow);
    // Handed to a web-view page in its query: reported where it is handed over, once per navigation.
    const handedOver = new Set<string>();
    for (const handover of handovers(bySink, pages, possible)) {
      const flow = bestFlow(handover.flows);
      if (!flow) continue;
      for (const page of handover.pages) handedOver.add(page);
      const routes = [...handover.pages].sort();
      const labels = [...new Set(handover.flows.map(carried))].sort();
      const fields = [...new Set(handover.flows.map((each) => each.sink.queryField).filter((field): field is string => field !== undefined))].sort();
      context.report({
        location: flow.sink.location,
        message: `${capitalise(describeLabels(labels))}, ${flow.source.origin}, ${labels.length > 1 ? 'are' : 'is'} passed to ${routes.length > 1 ? 'pages' : 'page'} ${routes.join(' or ')}${fields.length > 0 ? ` in ${fields.map((field) => `\`${field}\``).join(', ')}` : ''}, which puts ${labels.length > 1 ? 'them' : 'it'} into the URL its <web-view> loads; pass the page a short-lived one-time ticket instead.`,
        ...withOtherPlaces(pathReport(flow), otherPlaces(handover.flows), 'the identity also reaches the URL from here'),
        ...(flow.sink.thirdParty && { thirdParty: true }),
        properties: { sink: flow.sink.api, page: routes.join(' '), data: labels },
      });
    }
    for (const [sink, flows] of bySink) {
      if (sink.kind !== 'web-view' || unopened.has(withoutExtension(sink.location.file))) continue;
      const found = identities(flows, possible).filter((flow) => flow.viaQuery === undefined || !handedOver.has(flow.viaQuery));
      const flow = bestFlow(found);
      if (!flow) continue;
      const labels = [...new Set(found.map(carried))].sort();
      context.report({
        location: sink.location,
        message: `${capitalise(describeLabels(labels))}, ${flow.source.origin}, ${labels.length > 1 ? 'are' : 'is'} put into the URL ${sink.api} loads; pass the page a short-lived one-time ticket instead.`,
        ...withOtherPlaces(pathReport(flow), otherPlaces(found), 'the identity also reaches the URL from here'),
        ...(sink.thirdParty && { thirdParty: true }),
        properties: { sink: sink.api, data: labels },
      });
    }
  },
});
