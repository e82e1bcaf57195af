import type { SinkKind } from '../../platforms/flows.js';
import { createRule } from '../rule.js';
import { bestFlow, flowReport, flowsBySink } from './support.js';

/** Actions a forged request from another mini-app must not drive. */
const PRIVILEGED: ReadonlySet<SinkKind> = new Set(['payment', 'privileged', 'network', 'navigation', 'storage', 'clipboard', 'cross-app', 'web-view', 'file']);

/** Where a launch query, which any opener sets, must not go unchecked. */
const QUERY_SINKS: ReadonlySet<SinkKind> = new Set(['payment', 'privileged']);

export default createRule({
  meta: {
    id: 'unchecked-referrer-data',
    description: 'Data handed over by another mini-app drives a payment, request, navigation or storage write without checking which app sent it.',
    rationale:
      'Any mini-app can open another with `navigateToMiniProgram` and arbitrary `extraData`. A receiver that acts on ' +
      '`referrerInfo.extraData` without comparing `referrerInfo.appId` with the apps it expects lets every other mini-app ' +
      'forge requests in its name: Cross-Miniapp Request Forgery (CMRF, CCS 2022), found in thousands of mini-apps including payments.',
    severity: 'error',
    tags: ['security'],
    cwe: [346, 345],
    precision: 'medium',
    securitySeverity: 8.1,
    dataflow: true,
  },
  checkProject(context) {
    const dataflow = context.facts.dataflow;
    if (!dataflow) return;
    for (const [sink, flows] of flowsBySink(dataflow.flows)) {
      if (!PRIVILEGED.has(sink.kind)) continue;
      // A launch query is also how share links and QR codes open the app: only payments and other
      // privileged APIs count for it, not the requests and navigation every shared page makes.
      const unchecked = flows.filter((flow) => !flow.guarded && (flow.label === 'referrer' || (flow.label === 'launch-query' && QUERY_SINKS.has(sink.kind))));
      const flow = bestFlow(unchecked);
      if (!flow) continue;
      // The source is the lifecycle that receives the options; where the code reads the data is the step that names it.
      const read = flow.steps.slice(1, -1).find((step) => /\b(?:extraData|query)\b/.test(step.message));
      context.report({
        location: sink.location,
        message: `${flow.label === 'referrer' ? 'Data from another mini-app' : 'The launch query, which another mini-app can set'} (${flow.source.origin}) reaches ${sink.api} with no check of referrerInfo.appId against the apps expected to send it.`,
        ...flowReport(flow, ...(read ? [{ location: read.location, message: `read here: ${read.message}` }] : [])),
        ...(sink.thirdParty && { thirdParty: true }),
        properties: { sink: sink.api, sinkKind: sink.kind },
      });
    }
  },
});
