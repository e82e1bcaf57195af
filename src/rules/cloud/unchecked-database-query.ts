import { createRule } from '../rule.js';
import { bestFlow, flowsBySink, pathReport } from '../dataflow/support.js';
import { ownedByCaller } from './support.js';

const ACTION = { write: 'changes', remove: 'removes', read: 'reads' } as const;

export default createRule({
  meta: {
    id: 'unchecked-database-query',
    description: 'A cloud function lets client data decide which records a database write or removal touches, or passes a client\u2019s condition whole, with no check that they are the caller\u2019s.',
    rationale:
      'A cloud function runs with full access to the database, and any user can call it with any data. When `event.id` picks ' +
      'the document an `update` or `remove` changes, or `event.query` becomes the whole `where` condition, every user can change ' +
      'or read every other user\u2019s records (an insecure direct object reference). Keep the records to the caller\u2019s own: ' +
      'add `_openid: OPENID` from `cloud.getWXContext()` to the condition, or compare the record\u2019s owner with it first.',
    severity: 'error',
    tags: ['security'],
    cwe: [639, 284],
    precision: 'medium',
    securitySeverity: 7.5,
    platforms: ['wechat', 'qq'],
    dataflow: true,
  },
  checkProject(context) {
    const dataflow = context.facts.dataflow;
    if (!dataflow) return;
    for (const [sink, flows] of flowsBySink(dataflow.flows)) {
      const database = sink.database;
      if (sink.kind !== 'database' || !database) continue;
      // Reading public data by an id the client names is what a read is for; a condition taken whole is not.
      if (database.operation === 'read' && !database.wholeCondition) continue;
      if (ownedByCaller(flows)) continue;
      // A test around the call that reads the caller counts as the check (above); one that reads only client data is client-supplied-identity's.
      const flow = bestFlow(flows.filter((candidate) => (candidate.label === 'client-event' || candidate.label === 'client-identity') && !candidate.guarded && !candidate.viaCondition));
      if (!flow) continue;
      const how = database.wholeCondition ? 'takes its whole condition from the client' : `${ACTION[database.operation]} the records the client names`;
      context.report({
        location: sink.location,
        message: `${sink.api} ${how} (${flow.source.origin}), with no check that they belong to the caller (cloud.getWXContext().OPENID).`,
        ...pathReport(flow),
        properties: { sink: sink.api, operation: database.operation },
      });
    }
  },
});
