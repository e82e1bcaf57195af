import type { FlowLabel } from '../../platforms/flows.js';
import { createRule } from '../rule.js';
import { bestFlow, capitalise, carried, describeLabels, flowsBySink, pathReport } from './support.js';

/** Who the user is, or what signs them in: what a page loaded in a web-view must not be handed in its URL. */
export const IDENTITY_LABELS: ReadonlySet<FlowLabel> = new Set(['credential', 'openid', 'unionid', 'phone', 'id-number']);

/** A ticket is single-use by design: handing one to the page is the fix, not the leak. */
const ONE_TIME = /ticket$/i;

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
    for (const [sink, flows] of flowsBySink(dataflow.flows)) {
      if (sink.kind !== 'web-view') continue;
      const identities = flows.filter(
        (flow) => IDENTITY_LABELS.has(carried(flow)) && (flow.label !== 'named' || !ONE_TIME.test(flow.source.origin)) && (flow.label === 'named' || IDENTITY_LABELS.has(flow.label)),
      );
      const flow = bestFlow(identities);
      if (!flow) continue;
      const labels = [...new Set(identities.map(carried))].sort();
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
