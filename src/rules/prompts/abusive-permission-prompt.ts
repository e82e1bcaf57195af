import { pathTo, reachFrom, type ControlGraph, type ResolvedControlCall } from '../../analyzers/dataflow/control-graph.js';
import type { FlowStep, RelatedLocation } from '../../types.js';
import { createRule } from '../rule.js';

type Reason = { kind: 'on-load'; entry: string; steps: FlowStep[] } | { kind: 'repeats'; asks: ResolvedControlCall[] } | { kind: 'forced-settings'; settings: ResolvedControlCall };
type Entries = ReadonlyMap<string, string>;

export default createRule({
  meta: {
    id: 'abusive-permission-prompt',
    description: 'A permission prompt runs with no user action (on page load or launch), asks again after a refusal, or forces the settings page.',
    rationale:
      'A permission dialog the user did not ask for, shown as a page opens, trains users to tap \u201callow\u201d without reading, and ' +
      'one that comes back after a refusal, or a fail path whose only button opens the settings page, takes the choice away. ' +
      'Platform reviews reject both (WeChat 运营规范 on authorisation, Alipay and Douyin alike), and MiniChecker (ASE 2024) found ' +
      'them across real mini-apps. Ask from the control that needs the permission, and respect a refusal.',
    severity: 'warning',
    tags: ['privacy'],
    cwe: [359],
    precision: 'medium',
    securitySeverity: 4.0,
    dataflow: true,
  },
  checkProject(context) {
    const control = context.facts.dataflow?.control;
    if (!control) return;
    const userChoice = callbacksAfterChoice(control);
    const onLoad = reachFrom(control, control.entries.map((entry) => entry.fn), userChoice);
    const entryName = new Map(control.entries.map((entry) => [entry.fn, entry.name]));
    const ungranted = ungrantedReach(control, userChoice, onLoad);
    const forcedSettings = new Set<ResolvedControlCall>();
    for (const call of control.calls) {
      if (call.role !== 'prompt' || call.silent || call.owner === undefined) continue;
      const reasons: Reason[] = [];
      const reach = onLoad.has(call.owner) ? ungranted(call) : undefined;
      if (reach?.has(call.owner)) {
        const path = pathTo(reach, call.owner);
        reasons.push({ kind: 'on-load', entry: entryOf(entryName, path), steps: steps(control, path) });
      }
      reasons.push(...afterRefusal(control, call, userChoice));
      if (reasons.length === 0) continue;
      const onLoadReason = reasons.find((reason) => reason.kind === 'on-load');
      const settings = reasons.find((reason) => reason.kind === 'forced-settings');
      if (settings) forcedSettings.add(settings.settings);
      const related = relatedCalls(reasons);
      context.report({
        location: call.location,
        message: message(call, reasons),
        ...(onLoadReason && { codeFlow: [...onLoadReason.steps, { location: call.location, message: `${call.api} asks here` }] }),
        ...(related.length > 0 && { relatedLocations: related }),
        ...(call.thirdParty && { thirdParty: true }),
        properties: { api: call.api, patterns: reasons.map((reason) => reason.kind) },
      });
    }
    for (const call of control.calls) {
      if (call.role !== 'settings' || call.silent || call.owner === undefined || !onLoad.has(call.owner) || forcedSettings.has(call)) continue;
      const path = pathTo(onLoad, call.owner);
      context.report({
        location: call.location,
        message: `${call.api} opens the settings page from ${entryOf(entryName, path)} with no user action; offer it from a control, and accept a refusal.`,
        codeFlow: [...steps(control, path), { location: call.location, message: `${call.api} opens the settings page here` }],
        ...(call.thirdParty && { thirdParty: true }),
        properties: { api: call.api, patterns: ['settings-on-load'] },
      });
    }
  },
});

/** The settings page a refusal forces, and the prompts that ask again after it. */
function relatedCalls(reasons: readonly Reason[]): RelatedLocation[] {
  return reasons.flatMap((reason) => {
    if (reason.kind === 'forced-settings') return [{ location: reason.settings.location, message: `${reason.settings.api} opened after the refusal` }];
    return reason.kind === 'repeats' ? reason.asks.map((ask) => ({ location: ask.location, message: `${ask.api} asks again here` })) : [];
  });
}

function entryOf(entryName: Entries, path: readonly string[]): string {
  return entryName.get(path[0]!) ?? 'a lifecycle handler';
}

/**
 * What the lifecycle entries reach without passing through the success callback of a prompt of the
 * same permission: once the user has granted it there (`getLocation({ success: () => sdk.reverseGeocoder() })`,
 * whose SDK asks for the location again, or `authorize({ scope: 'scope.userLocation', success: () =>
 * wx.getLocation() })`), asking again shows nothing. One search per permission, on
 * demand; a permission whose prompts have no success callback reaches what `onLoad` reaches.
 */
function ungrantedReach(control: ControlGraph, userChoice: ReadonlySet<string>, onLoad: ReadonlyMap<string, string | undefined>): (call: ResolvedControlCall) => ReadonlyMap<string, string | undefined> {
  const byPermission = new Map<string, ReadonlyMap<string, string | undefined>>();
  const roots = control.entries.map((entry) => entry.fn);
  return (call) => {
    const permission = `${call.method}\0${call.scope ?? ''}`;
    let reach = byPermission.get(permission);
    if (!reach) {
      const granted = control.calls.filter((other) => other.role === 'prompt' && grants(other, call)).flatMap((other) => other.callbacks.success);
      // Calls made only where getSetting says the permission is granted reach nothing that asks for it.
      reach = granted.length === 0 && call.permission === undefined ? onLoad : reachFrom(control, roots, new Set([...userChoice, ...granted]), call.permission);
      byPermission.set(permission, reach);
    }
    return reach;
  };
}

/** Pickers (`chooseLocation`, `choosePoi`, `chooseAddress`): a dialog every time they run. */
const PICKER = /^choose/;

/**
 * Whether, once the user accepts `prompt`, `call` asks nothing: the same prompt again, or a call whose
 * only dialog is the permission the prompt's success shows was granted (`getLocation` after
 * `authorize({ scope: 'scope.userLocation' })`, `startLocationUpdate` after `getLocation` succeeded).
 * A picker (`chooseLocation`, `chooseAddress`) opens every time it runs, granted or not, and its
 * success grants nothing.
 */
function grants(prompt: ResolvedControlCall, call: ResolvedControlCall): boolean {
  if (prompt.method === call.method && prompt.scope === call.scope) return true;
  const granted = prompt.method === 'authorize' ? prompt.scope : PICKER.test(prompt.method) ? undefined : prompt.permission;
  return granted !== undefined && granted === call.permission && !PICKER.test(call.method);
}

/** The success and complete callbacks of dialogs where the user taps a choice: what runs there, the user asked for. */
function callbacksAfterChoice(control: ControlGraph): Set<string> {
  const blocked = new Set<string>();
  for (const call of control.calls) if (call.role === 'choice' && !call.forced) for (const fn of [...call.callbacks.success, ...call.callbacks.complete]) blocked.add(fn);
  return blocked;
}

/** What the prompt's fail callbacks run: the prompt's own function again, or the settings page. */
function afterRefusal(control: ControlGraph, call: ResolvedControlCall, userChoice: ReadonlySet<string>): Reason[] {
  if (call.callbacks.fail.length === 0) return [];
  const reached = reachFrom(control, call.callbacks.fail, userChoice);
  const reasons: Reason[] = [];
  // Back to the function that asked, to the same prompt, or to `authorize` for the permission it needed
  // (`fail: () => wx.authorize({ scope: 'scope.writePhotosAlbum' })` after saving an image). Another API
  // of that permission (`chooseLocation` after `getLocation` failed) is more often a way around it.
  const samePermission = (other: ResolvedControlCall): boolean => (other.method === call.method && other.scope === call.scope) || (other.method === 'authorize' && call.permission !== undefined && other.permission === call.permission);
  const again = control.calls.filter((other) => other.role === 'prompt' && !other.silent && samePermission(other) && other.owner !== undefined && reached.has(other.owner));
  if (reached.has(call.owner!) || again.length > 0) reasons.push({ kind: 'repeats', asks: again.filter((other) => other !== call) });
  const settings = control.calls.find((other) => other.role === 'settings' && other.owner !== undefined && reached.has(other.owner));
  if (settings) reasons.push({ kind: 'forced-settings', settings });
  return reasons;
}

function steps(control: ControlGraph, path: readonly string[]): FlowStep[] {
  return path.flatMap((fn, index) => {
    const location = control.location(fn);
    return location ? [{ location, message: index === 0 ? 'runs with no user action' : 'called from the step before' }] : [];
  });
}

function message(call: ResolvedControlCall, reasons: readonly Reason[]): string {
  const parts = reasons.map((reason) => {
    if (reason.kind === 'on-load') return `runs from ${reason.entry} with no user action`;
    if (reason.kind === 'repeats') return 'runs again from its own fail callback after the user refuses';
    return `sends the user to ${reason.settings.api} after a refusal, with no way to decline`;
  });
  const what = call.scope ? `(${call.scope})` : '';
  return `${call.api}${what ? ` ${what}` : ''} ${joinParts(parts)}; ask for a permission from the control that needs it, and accept a refusal.`;
}

function joinParts(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
