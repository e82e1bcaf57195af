import type { SourceLocation } from '../../types.js';
import { nodeLocation, type CallSite, type NodeInfo } from './fragment.js';

const PARAMETER = /^(.+)#p(\d+)$/;

/**
 * Where a value is handed to a function as one of its parameters: the calls that pass it. The graph
 * ties each argument to the parameter itself (`f#p0`), so a step into a helper shows the helper, not
 * the line that called it (`this.open(options.url)`).
 */
export class ArgumentSites {
  private byFunction: Map<string, CallSite[]> | undefined;

  constructor(
    private readonly calls: readonly CallSite[],
    private readonly callees: ReadonlyMap<number, readonly string[]>,
  ) {}

  /** Where each call that passes the node `argument` (its key) as `parameter` (`f#p0`) is written. */
  of(parameter: string, argument: string): SourceLocation[] {
    return this.passing(parameter, argument).map((site) => nodeLocation(site));
  }

  /** The first of those calls, as a node's record. */
  firstOf(parameter: string, argument: string): NodeInfo | undefined {
    return this.passing(parameter, argument)[0];
  }

  private passing(parameter: string, argument: string): NodeInfo[] {
    const match = PARAMETER.exec(parameter);
    if (!match) return [];
    const position = Number(match[2]);
    return this.linkedTo(match[1]!).flatMap((call) => (call.site && call.args[position]?.some((ref) => ref.key === argument) ? [call.site] : []));
  }

  private linkedTo(fn: string): readonly CallSite[] {
    if (this.byFunction === undefined) {
      // Built once, on first ask, over every linked call that has a site: a search per function would scan them all again.
      this.byFunction = new Map();
      for (const [index, callees] of this.callees) {
        const call = this.calls[index]!;
        if (!call.site) continue;
        for (const callee of callees) {
          const list = this.byFunction.get(callee);
          if (list) list.push(call);
          else this.byFunction.set(callee, [call]);
        }
      }
    }
    return this.byFunction.get(fn) ?? [];
  }
}
