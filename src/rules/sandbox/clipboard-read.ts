import { FRAMEWORK_CLIPBOARD_READ_APIS, type PlatformCatalog } from '../../platforms/types.js';
import type { Usage } from '../../types.js';
import { byLocation, consentFlowOf, unanalysedNote, type ConsentFlow } from '../consent-flow.js';
import { describeUsage, viaNote } from '../describe-usage.js';
import { createRule, type ProjectFacts } from '../rule.js';
import { own } from '../../util/own.js';

/** True for a use of the platform's clipboard-read API, or a framework's (`uni.getClipboardData`). */
function readsClipboard(platform: PlatformCatalog, usage: Usage, calledShims: ReadonlySet<string>): boolean {
  if (usage.kind !== 'api' || !usage.namespace) return false;
  // The body of a converter's shim reads only when the app calls the shim: a shim nothing calls is no read.
  if (usage.shim !== undefined && (platform.clipboardReadShims ?? []).includes(usage.shim) && !calledShims.has(usage.shim)) return false;
  const names = own(FRAMEWORK_CLIPBOARD_READ_APIS, usage.namespace) ?? (platform.globals.includes(usage.namespace) ? platform.clipboardReadApis : []);
  return names.includes(usage.name) || (usage.via === 'alias' && (platform.clipboardReadShims ?? []).includes(usage.name));
}

function where(usage: Usage): string {
  const { file, region } = usage.location;
  return `${file}:${region.start.line}`;
}

/** What the consent situation means for this read, as the end of the message. */
function consentClause(facts: ProjectFacts, consent: ConsentFlow): string {
  if (!consent.supported) {
    return `${facts.platform.displayName} gives mini-apps no privacy-consent flow to put in front of it, so only the code decides when it runs.`;
  }
  const first = consent.evidence[0];
  if (first) {
    return `The mini-app has a privacy consent flow (${describeUsage(first)} at ${where(first)}), so the platform holds the read until the user agrees to the privacy guide.`;
  }
  return `The mini-app has no privacy consent flow (${consent.missing}${unanalysedNote(facts)}), so its own agreement is never shown before the read.`;
}

export default createRule({
  meta: {
    id: 'clipboard-read',
    description: 'Code reads the system clipboard, which every app on the device shares.',
    rationale:
      'The clipboard is shared by every app on the phone: it often holds what the user copied elsewhere, such as passwords, ' +
      'one-time codes, addresses, phone numbers or share tokens of other apps. A mini-app that reads it, especially on launch ' +
      'or on every page show, collects that data without the user doing anything. WeChat and Douyin list the clipboard among ' +
      'the privacy interfaces that must be declared in the privacy guide and wait for the user\'s consent.',
    severity: 'warning',
    tags: ['privacy'],
    cwe: [359],
    precision: 'high',
    securitySeverity: 4.3,
  },
  checkProject({ facts, report }) {
    const shims = facts.platform.clipboardReadShims ?? [];
    const calledShims = new Set(facts.usages.filter((usage) => usage.via === 'alias' && usage.called && shims.includes(usage.name)).map((usage) => usage.name));
    const reads = facts.usages.filter((usage) => readsClipboard(facts.platform, usage, calledShims)).sort(byLocation);
    if (reads.length === 0) return;
    const consent = consentFlowOf(facts);
    const clause = consentClause(facts, consent);
    const state = !consent.supported ? 'unsupported' : consent.evidence.length > 0 ? 'present' : 'absent';
    for (const usage of reads) {
      report({
        location: usage.location,
        message:
          `${describeUsage(usage)}${viaNote(usage)} reads the system clipboard, which every app on the device shares: it can hold ` +
          `passwords, codes or addresses the user copied elsewhere. ${clause} Read it only when the user asks (a paste button)` +
          (consent.supported ? ', and declare the clipboard in the privacy guide.' : '.'),
        thirdParty: usage.thirdParty,
        properties: { api: describeUsage(usage), consentFlow: state },
      });
    }
  },
});
