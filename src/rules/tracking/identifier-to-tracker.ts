import { createRule } from '../rule.js';
import { trackerAnalysis, type TrackerCall } from '../../analyzers/trackers.js';
import { PERSONAL_DATA_LABELS, type PersonalDataType } from '../../platforms/privacy-data.js';
import { customTrackers, trackerIndex } from '../../platforms/trackers.js';

/** Identifiers the platform issued itself: its own analytics already knows them. */
const PLATFORM_ISSUED = new Set<PersonalDataType>(['openid', 'unionid']);

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function relevantHits(call: TrackerCall) {
  return call.personalData.filter((hit) => !(call.tracker.kind === 'platform' && PLATFORM_ISSUED.has(hit.type)));
}

export default createRule({
  meta: {
    id: 'identifier-to-tracker',
    description: 'A user identifier or personal data (openid, unionid, phone, location, profile, device id) is handed to a tracking SDK.',
    rationale:
      'An identifier turns anonymous analytics into a per-person record: with the openid, unionid, login id or phone ' +
      'number, a tracker can join every event a user produces, across sessions and across mini-apps that use the same ' +
      'SDK, and link it to other data about the same person. Location and profile data sent as event properties go to ' +
      'the same servers. Each such hand-over must be declared in the privacy guide and is usually unnecessary.',
    severity: 'warning',
    tags: ['privacy', 'tracking'],
    cwe: [359],
    precision: 'high',
    securitySeverity: 5.5,
  },
  createScriptListeners(context) {
    const index = trackerIndex(customTrackers(context.settings));
    return trackerAnalysis(context, index, (analysis) => {
      for (const call of [...analysis.calls, ...analysis.logWrites]) {
        const hits = relevantHits(call);
        if (hits.length === 0) continue;
        const types = [...new Set(hits.map((hit) => hit.type))];
        const labels = types.map((type) => PERSONAL_DATA_LABELS[type]);
        const evidence = [...new Set(hits.map((hit) => hit.evidence))].filter((name) => name !== call.method && !types.some((type) => type.replace(/-/g, '') === name.toLowerCase().replace(/[^a-z0-9]/g, '')));
        const because = evidence.length > 0 ? ` (${list(evidence)})` : '';
        const subject = `the user's ${list(labels)}`;
        const what = call.role === 'config-file' || call.role === 'init'
          ? `${call.callee} configures ${call.tracker.name} to collect ${subject} by itself${because}: the tracker can tie everything it records to this person.`
          : call.role === 'log'
            ? `${call.callee} writes ${subject}${because} to the ${call.tracker.name}, which uploads it to the platform's log service.`
            : `${call.callee} hands ${subject}${because} to ${call.tracker.name}: the tracker can tie everything it records to this person.`;
        const range = call.role === 'config-file' ? hits[0]!.range : call.range;
        context.report({
          range,
          message: what,
          properties: {
            sdk: call.tracker.id,
            sdkName: call.tracker.name,
            method: call.method,
            dataType: types[0]!,
            dataTypes: types,
            ...(call.event !== undefined ? { event: call.event } : {}),
            ...(call.hosts.length > 0 ? { hosts: [...call.hosts] } : {}),
          },
        });
      }
    });
  },
});
