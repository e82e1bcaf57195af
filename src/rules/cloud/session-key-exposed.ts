import type { SinkRecord } from '../../analyzers/dataflow/index.js';
import type { SinkKind } from '../../platforms/flows.js';
import { createRule } from '../rule.js';
import { bestFlow, flowsBySink, isServerLog, pathReport } from '../dataflow/support.js';

/** Where a session key must never go, and how to say so. */
const EXPOSED: Partial<Record<SinkKind, string>> = {
  'cloud-return': 'is returned to the client',
  storage: 'is written to the device\u2019s storage',
  log: 'is written to a log',
  tracker: 'is sent to a tracking SDK',
  clipboard: 'is copied to the clipboard',
  'web-view': 'is put into a web-view URL',
  'cross-app': 'is handed to another mini-app',
};

/** `session_key`, `sessionKey`, `session-key`: the name the platform's login response gives it. */
const SESSION_KEY = /session[_-]?key/i;
/** A storage key that is the session key itself (`sessionKey`, `wx_session_key`), not something about it (`sessionKeyExpireAt`). */
const SESSION_KEY_ENTRY = /^(?:\w*[_-])?session[_-]?key$/i;

export default createRule({
  meta: {
    id: 'session-key-exposed',
    description: 'The session_key from code2Session is returned to the client, stored, logged or handed on.',
    rationale:
      'WeChat\u2019s `session_key` signs and decrypts the user\u2019s data (`encryptedData`, phone numbers, `getUserProfile` signatures). ' +
      'The platform\u2019s rule is that it never leaves the server: a client that holds it can forge or decrypt what the server trusts, ' +
      'and one stored or logged on the device is readable by anyone with the device or the log.',
    severity: 'error',
    tags: ['security', 'privacy'],
    cwe: [522, 200],
    precision: 'medium',
    securitySeverity: 7.5,
    platforms: ['wechat', 'qq', 'bytedance', 'baidu'],
    dataflow: true,
  },
  checkProject(context) {
    const dataflow = context.facts.dataflow;
    if (!dataflow) return;
    const reported = new Set<SinkRecord>();
    for (const [sink, flows] of flowsBySink(dataflow.flows)) {
      const what = EXPOSED[sink.kind];
      // A cloud function's own log stays on the server, where the key belongs.
      if (!what || isServerLog(sink)) continue;
      const flow = bestFlow(flows.filter((candidate) => candidate.label === 'named' && candidate.source.named === 'credential' && SESSION_KEY.test(candidate.source.origin)));
      if (!flow) continue;
      reported.add(sink);
      context.report({
        location: sink.location,
        message: `The session key (${flow.source.origin}) ${what} through ${sink.api}; it must stay on the server.`,
        ...pathReport(flow),
        ...(sink.thirdParty && { thirdParty: true }),
        properties: { sink: sink.api, sinkKind: sink.kind },
      });
    }
    // `setStorageSync('sessionKey', res.data)`: whatever the value's path, the key says what is kept.
    for (const sink of dataflow.sinks) {
      if (sink.kind !== 'storage' || sink.inert || sink.storageKey === undefined || !SESSION_KEY_ENTRY.test(sink.storageKey) || reported.has(sink)) continue;
      context.report({
        location: sink.location,
        message: `A value is written to the device\u2019s storage under the key "${sink.storageKey}" through ${sink.api}: a session key must stay on the server.`,
        ...(sink.thirdParty && { thirdParty: true }),
        properties: { sink: sink.api, sinkKind: sink.kind, storageKey: sink.storageKey },
      });
    }
  },
});
