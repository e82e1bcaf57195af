import type { SinkKind } from '../../platforms/flows.js';
import type { FlowLabel } from '../../platforms/flows.js';
import { hostOfUrl } from '../../analyzers/trackers.js';
import { hostAllowed } from '../../config/policy.js';
import { customTrackers, trackerIndex } from '../../platforms/trackers.js';
import type { SinkRecord } from '../../analyzers/dataflow/index.js';
import { createRule, type RuleSettings } from '../rule.js';
import { IDENTITY_LABELS } from '../../platforms/flows.js';
import { bestFlow, capitalise, carried, describeLabels, flowReport, flowsBySink, isCiphertext, isServerLog, isSensitive, readsOnlyItsTime } from './support.js';

/** Where data leaves the user's control, and how to say so. */
const LEAK_SINKS: Partial<Record<SinkKind, string>> = {
  tracker: 'a tracking SDK',
  log: 'a log',
  clipboard: 'the clipboard every other app can read',
  'web-view': 'a web-view URL',
  'cross-app': 'another mini-app',
  network: 'a third-party server',
};

/** Values known only by their name: identifiers and credentials count wherever they go. */
const NAMED_LEAKS: ReadonlySet<FlowLabel> = new Set(['openid', 'unionid', 'credential', 'id-number']);
/**
 * Sinks that hand data to another party: there, any personal data known by name counts. Not the
 * clipboard: a copy button for an order's contact number is what the user asked for; traced data
 * and identifiers still count there.
 */
const OTHER_PARTY: ReadonlySet<SinkKind> = new Set(['cross-app', 'web-view', 'network']);

/**
 * Whether a value known only by its name (`res.data.phoneNumber`) is evidence enough at a sink.
 * Identifiers handed to a tracker by name are identifier-to-tracker's findings, not repeated here;
 * a log keeps data on the device, so only identifiers and credentials count there.
 */
function namedLeak(kind: SinkKind, label: FlowLabel): boolean {
  if (kind === 'tracker') return false;
  return NAMED_LEAKS.has(label) || (OTHER_PARTY.has(kind) && label !== 'user-input');
}

function thirdPartyHost(sink: SinkRecord, settings: RuleSettings): string | undefined {
  const host = sink.url ? hostOfUrl(sink.url) : undefined;
  if (!host || hostAllowed(host, settings.policy?.allowedHosts ?? [])) return undefined;
  return trackerIndex(customTrackers(settings)).hostTracker(host) ? host : undefined;
}

export default createRule({
  meta: {
    id: 'sensitive-data-leak',
    description: 'Personal data reaches a tracker, a third-party server, the clipboard, a web-view URL, another mini-app or a log.',
    rationale:
      'Once personal data leaves the mini-app it is out of the user\u2019s and the developer\u2019s control: analytics SDKs join it ' +
      'with interaction histories, URLs and logs are kept by servers and log collectors, the clipboard is shared with every ' +
      'app on the device, and another mini-app receiving extraData may be anyone\u2019s. Each such transfer must be declared in ' +
      'the privacy policy and is usually unnecessary.',
    severity: 'error',
    tags: ['privacy', 'security'],
    cwe: [359, 200, 532],
    precision: 'medium',
    securitySeverity: 7.5,
    dataflow: true,
  },
  checkProject(context) {
    const dataflow = context.facts.dataflow;
    if (!dataflow) return;
    for (const [sink, flows] of flowsBySink(dataflow.flows)) {
      const where = LEAK_SINKS[sink.kind];
      if (!where || isServerLog(sink)) continue;
      const host = sink.kind === 'network' ? thirdPartyHost(sink, context.settings) : undefined;
      if (sink.kind === 'network' && !host) continue;
      const leaking = flows
        .filter((flow) => (flow.label === 'named' ? namedLeak(sink.kind, carried(flow)) : isSensitive(flow.label)))
        // Identities in a web-view URL are identity-to-webview's findings.
        .filter((flow) => sink.kind !== 'web-view' || !IDENTITY_LABELS.has(carried(flow)))
        // What was read off the clipboard and put back there was already every app's to read.
        .filter((flow) => sink.kind !== 'clipboard' || carried(flow) !== 'clipboard')
        // A login code is single-use and expires in minutes, and ciphertext only the developer's server opens: in the device's own log they give nobody anything.
        .filter((flow) => sink.kind !== 'log' || (carried(flow) !== 'login-code' && !isCiphertext(flow)))
        .filter((flow) => !readsOnlyItsTime(flow));
      if (leaking.length === 0) continue;
      const flow = bestFlow(leaking);
      context.report({
        location: sink.location,
        message: `${capitalise(describeLabels(leaking.map(carried)))}, ${flow!.source.origin}, ${new Set(leaking.map(carried)).size > 1 ? 'reach' : 'reaches'} ${where}${host ? ` (${host})` : ''} through ${sink.api}.`,
        ...flowReport(flow),
        ...(sink.thirdParty && { thirdParty: true }),
        properties: { sink: sink.api, sinkKind: sink.kind, data: [...new Set(leaking.map(carried))].sort(), ...(host && { host }) },
      });
    }
  },
});
