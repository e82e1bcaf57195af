import { createRule } from '../rule.js';
import { bestFlow, flowsBySink, pathReport } from '../dataflow/support.js';
import { ownedByCaller } from './support.js';

export default createRule({
  meta: {
    id: 'client-supplied-identity',
    description: 'A cloud function takes the caller\u2019s identity (openid, user id, role) from the data the client sent and uses it to pick the records it changes or to sign what it writes.',
    rationale:
      'Whatever a mini-app passes to `callFunction({ data })` arrives in the function\u2019s `event`, and anyone can call the function ' +
      'with any data. An `event.openid` or `event.userId` is therefore a claim, not an identity: a function that trusts it lets one ' +
      'user read or change another\u2019s records. The platform authenticates the caller itself: `cloud.getWXContext().OPENID` (or ' +
      'the `event.userInfo.openId` it injects) is the identity to use.',
    severity: 'error',
    tags: ['security'],
    cwe: [639, 807],
    precision: 'medium',
    securitySeverity: 8.1,
    platforms: ['wechat', 'qq'],
    dataflow: true,
  },
  checkProject(context) {
    const dataflow = context.facts.dataflow;
    if (!dataflow) return;
    for (const [sink, flows] of flowsBySink(dataflow.flows)) {
      if (sink.kind !== 'database' && sink.kind !== 'database-write') continue;
      // A condition that also names the authenticated caller keeps the query to the caller's own records.
      if (sink.kind === 'database' && ownedByCaller(flows)) continue;
      // Reading by a user id is how public profiles are shown (a viewed user's medals or posts); writes act as someone.
      if (sink.database?.operation === 'read') continue;
      const flow = bestFlow(flows.filter((candidate) => candidate.label === 'client-identity' && !candidate.guarded));
      if (!flow) continue;
      const field = flow.source.text ?? 'identity';
      const role = sink.kind === 'database' ? `to pick the records it ${sink.database?.operation === 'remove' ? 'removes' : 'changes'}` : 'as the owner of what it writes';
      // `if (userId === row.userId) update(…)`: the claimed identity decides which records the call changes.
      const use = flow.viaCondition ? `runs when a check on event.${field}, which the client sends and can set to anyone's, passes: the claim decides which records it ${sink.database?.operation === 'remove' ? 'removes' : 'changes'}` : `uses event.${field}, which the client sends and can set to anyone's, ${role}`;
      context.report({
        location: sink.location,
        message: `${sink.api} ${use}; take the caller from cloud.getWXContext().OPENID instead.`,
        ...pathReport(flow),
        properties: { sink: sink.api, field },
      });
    }
  },
});
