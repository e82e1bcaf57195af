import type { FlowLabel } from '../../platforms/flows.js';
import { storedDataLabel } from '../../analyzers/dataflow/names.js';
import { createRule } from '../rule.js';
import { bestFlow, capitalise, carried, describeLabels, flowReport, flowsBySink, isCiphertext, isSensitive, keyEndsInTime, readsOnlyItsTime } from './support.js';

/**
 * Never evidence on their own: clipboard text, and login codes (single-use, valid for minutes, and
 * worth nothing without the AppSecret the server keeps).
 */
const NEUTRAL_LABELS: ReadonlySet<FlowLabel> = new Set(['clipboard', 'login-code']);

/**
 * An entry whose key names a business, a thing or the app's own settings (`shopInfo`, `storeDetail`, `system`,
 * `siteConfig`, `'merchant_cache_' + code`): its `latitude` or `phone` is the shop's or the service desk's, not
 * the user's, whether the name is a field its entry is used with or one the value written is read by.
 */
const BUSINESS_KEY = /shop|store|merchant|mall|hotel|restaurant|company|goods|product|seller|business|venue|branch|system|site|config|setting/i;

/** Things a key may name as a whole word (`currentPet`, `car_info`; not `card`): their `avatar` or `name` is the thing's. */
const THING_WORDS: ReadonlySet<string> = new Set(['pet', 'pets', 'car', 'cars', 'vehicle', 'device', 'house', 'room', 'book', 'course', 'article', 'video', 'song', 'music', 'movie', 'game', 'team', 'club']);

/**
 * Whose name a record's `<prefix>Name` field holds when it is a person's or a place the user is in (`nickName`,
 * `receiver_name`, `cityName`); any other prefix (`cinemaName`, `stationName`) says the record describes that thing.
 */
const PERSON_OR_PLACE = /^(?:user|nick|real|true|full|first|last|given|family|middle|display|screen|account|login|member|customer|contact|consignee|receiver|recipient|buyer|sender|owner|person|patient|student|my|wx|wechat|alipay|card|link|city|province|district|county|area|region|country|street|town|address|location|position|file|page|tab|class)$/i;
const PREFIXED_NAME = /^([a-z]+?)_?name$/i;

function namesAThing(fields: readonly string[]): boolean {
  return fields.some((field) => {
    const prefix = PREFIXED_NAME.exec(field)?.[1];
    return prefix !== undefined && prefix.length >= 3 && !PERSON_OR_PLACE.test(prefix);
  });
}

function ownsPersonalFields(key: string | undefined, entryFields: readonly string[]): boolean {
  if (namesAThing(entryFields)) return false;
  if (key === undefined) return true;
  const words = key.split(/[^A-Za-z]+|(?<=[a-z])(?=[A-Z])/).map((word) => word.toLowerCase());
  return !BUSINESS_KEY.test(key) && !words.some((word) => THING_WORDS.has(word));
}

export default createRule({
  meta: {
    id: 'sensitive-data-to-storage',
    description: 'Personal data or credentials are written to local storage unencrypted.',
    rationale:
      'Local storage is a plain file in the SuperApp\u2019s data folder: it survives logout, is copied into device backups, and is ' +
      'readable by anyone with the device or a debugging build. Tokens, session keys, openids, phone numbers, locations and ' +
      'profiles kept there outlive the session that needed them. WeChat offers `encrypt: true` on the asynchronous ' +
      '`wx.setStorage` only; the `*Sync` variants cannot encrypt.',
    severity: 'warning',
    tags: ['privacy', 'security'],
    cwe: [312, 922],
    precision: 'medium',
    securitySeverity: 5.5,
    dataflow: true,
  },
  checkProject(context) {
    const dataflow = context.facts.dataflow;
    if (!dataflow) return;
    const bySink = flowsBySink(dataflow.flows.filter((flow) => flow.sink.kind === 'storage'));
    for (const sink of dataflow.sinks) {
      if (sink.kind !== 'storage' || sink.encrypted || sink.inert) continue;
      const all = bySink.get(sink) ?? [];
      // A tracking SDK's own `sid` or `session` is its analytics session, not the user's login: names the SDK's code
      // gives alone do not make it a credential there. A token the app hands the SDK is still one.
      const byName = (label: FlowLabel | undefined, ownName: boolean): FlowLabel | undefined => (sink.trackerSdk && ownName && label === 'credential' ? undefined : label);
      const ownsFields = ownsPersonalFields(sink.storageKey ?? sink.namedEntry ?? sink.keyStart, sink.entryFields ?? []);
      const flows = all.filter((flow) => (ownsFields || flow.label !== 'named') && !flow.viaKey && flow.label !== 'key-name' && !isCiphertext(flow) && !readsOnlyItsTime(flow) && isSensitive(carried(flow)) && !NEUTRAL_LABELS.has(carried(flow)) && (flow.source.named === undefined || byName(flow.source.named, flow.source.trackerSdk === true)));
      const labels = new Set(flows.map(carried));
      const keyLabel = sink.storageKey === undefined ? undefined : byName(storedDataLabel(sink.storageKey), true);
      if (keyLabel) labels.add(keyLabel);
      // A key computed at run time that may be a telling name (`storage.set('token', v)`, `KEYS.TOKEN`),
      // or a key built from constants whose parts tell what it holds (`'userInfo_' + VERSION`).
      const keyFlow = keyLabel === undefined && !keyEndsInTime(sink) ? all.find((flow) => flow.viaKey && flow.label === 'key-name' && byName(flow.source.named, flow.source.trackerSdk === true)) : undefined;
      if (keyFlow) labels.add(keyFlow.source.named!);
      // `setStorageSync(KEYS.USER_INFO, v)`: the constant's name says what is kept under it, whatever its value.
      const keyNameLabel = sink.keyName === undefined ? undefined : byName(storedDataLabel(sink.keyName), true);
      if (keyNameLabel) labels.add(keyNameLabel);
      for (const name of sink.valueNames ?? []) {
        const label = byName(storedDataLabel(name), true);
        if (label) labels.add(label);
      }
      // The fields the entry is used with anywhere (`getStorageSync('u').nick_name`) say what is kept under its key.
      const fieldLabels = new Set<FlowLabel>();
      const telling: string[] = [];
      for (const name of ownsFields ? (sink.entryFields ?? []) : []) {
        const label = byName(storedDataLabel(name), true);
        if (label === undefined || labels.has(label) || fieldLabels.has(label)) continue;
        fieldLabels.add(label);
        telling.push(name);
      }
      // A key that says nothing (`'RESULT'`, `'user'`), whose reads the app keeps as its token or the user's profile (`t.token = read.id`,
      // `globalData.userInfo = read`).
      const keptAs = labels.size === 0 && fieldLabels.size === 0 ? keptUnder(sink.entryPutUnder ?? [], byName) : undefined;
      if (keptAs !== undefined) fieldLabels.add(keptAs.label);
      if (labels.size === 0 && fieldLabels.size === 0) continue;
      const flow = bestFlow(flows) ?? keyFlow;
      const keyText = sink.storageKey ?? keyFlow?.source.text;
      const key = keyText !== undefined ? ` under key "${keyText}"` : keyNameLabel ? ` under the key ${sink.keyName}` : '';
      const origin = flow && flow.label !== 'named' && flow.label !== 'key-name' ? `, ${flow.source.origin},` : '';
      const advice = sink.api.endsWith('Sync') ? 'encrypt it first or keep it on the server' : 'pass `encrypt: true` where the platform supports it, or keep it on the server';
      const by = sink.writtenBy ? `by a storage wrapper (${sink.api} at ${sink.writtenBy.file}:${sink.writtenBy.region.start.line})` : `by ${sink.api}`;
      const fields = `field${telling.length > 1 ? 's' : ''} ${telling.map((name) => `\`${name}\``).join(', ')}`;
      const message =
        keptAs !== undefined
          ? `${capitalise(describeLabels([keptAs.label]))} is written to storage${key} (a read of its entry is kept as \`${keptAs.name}\`) ${by} unencrypted; ${advice}.`
          : labels.size === 0
          ? `${capitalise(describeLabels(fieldLabels))} ${fieldLabels.size > 1 ? 'are' : 'is'} written to storage${key} (its entry is used with the ${fields}) ${by} unencrypted; ${advice}.`
          : `${capitalise(describeLabels(labels))}${origin} ${labels.size > 1 ? 'are' : 'is'} written to storage${key} ${by} unencrypted${fieldLabels.size > 0 ? `, and the ${fields} its entry is used with say${telling.length > 1 ? '' : 's'} it holds ${describeLabels(fieldLabels)} too` : ''}; ${advice}.`;
      context.report({
        location: sink.location,
        message,
        ...flowReport(flow, ...(sink.writtenBy ? [{ location: sink.writtenBy, message: `the write to storage (${sink.api})` }] : [])),
        ...(sink.thirdParty && { thirdParty: true }),
        properties: { sink: sink.api, data: [...labels, ...fieldLabels].sort(), ...(sink.storageKey !== undefined && { storageKey: sink.storageKey }) },
      });
    }
  },
});

/** What a read of an entry is kept as, when that says it is the user's login or profile. */
const KEPT_AS_LABELS: ReadonlySet<FlowLabel> = new Set<FlowLabel>(['credential', 'user-profile']);

function keptUnder(names: readonly string[], byName: (label: FlowLabel | undefined, ownName: boolean) => FlowLabel | undefined): { name: string; label: FlowLabel } | undefined {
  for (const name of names) {
    const label = byName(storedDataLabel(name), true);
    if (label !== undefined && KEPT_AS_LABELS.has(label)) return { name, label };
  }
  return undefined;
}
