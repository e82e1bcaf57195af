import type { Flow } from '../../analyzers/dataflow/index.js';

/** Whether the authenticated caller (getWXContext's OPENID, the injected userInfo.openId) is part of what reaches the sink: the records are the caller's own. */
export function ownedByCaller(flows: readonly Flow[]): boolean {
  return flows.some((flow) => flow.label === 'caller-identity');
}
