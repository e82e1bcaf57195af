import type { Flow } from '../../analyzers/dataflow/index.js';
import type { RelatedLocation } from '../../types.js';

/** Every step of a flow's path as a related location: in a cloud function the read of `event` and the query are often lines apart. */
export function pathLocations(flow: Flow): RelatedLocation[] {
  return flow.steps.slice(0, -1).map((step) => ({ location: step.location, message: step.message }));
}

/** Whether the authenticated caller (getWXContext's OPENID, the injected userInfo.openId) is part of what reaches the sink: the records are the caller's own. */
export function ownedByCaller(flows: readonly Flow[]): boolean {
  return flows.some((flow) => flow.label === 'caller-identity');
}
