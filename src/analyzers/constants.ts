/**
 * A small, bounded constant evaluator for the strings rules care about (URLs, code passed to eval).
 *
 * Two phases, so that it fits the one shared traversal per file:
 * 1. While a script is traversed, `createConstantCollector` records a {@link ModuleSummary}: the
 *    bindings of every scope (`const`, and `let`/`var` that are never assigned again), what the
 *    module exports (ES `export`, CommonJS `module.exports`/`exports.x`) and what it imports
 *    (`import`, `require`), and the object passed to `App({...})`. Rules turn the expressions
 *    they care about into symbolic values with `capture(node)`; nothing is evaluated yet.
 * 2. A {@link ConstantResolver} evaluates symbolic values to the strings they can be, following
 *    bindings within the file and, when given the summaries of the other files of the bundle,
 *    imports across modules (relative, root-absolute and bare specifiers among the bundle's files)
 *    and `getApp().globalData.x` into app.js.
 *
 * What it understands: string, number and template literals; `+` concatenation; `a ? b : c`,
 * `a || b`, `a ?? b` (every branch is a possible value); object literals with static keys and
 * member access on them; TypeScript-only wrappers. Everything else (calls, parameters, values
 * assigned after declaration, computed keys, array methods) is unknown, shown as a hole.
 *
 * Bounds: at most {@link MAX_ALTERNATIVES} alternatives per value, {@link MAX_STEPS} evaluation
 * steps per query, expressions captured at most {@link MAX_CAPTURE_DEPTH} levels deep, and cycles
 * (`a = b + ''; b = a`) cut. All of it is deterministic: same input, same alternatives, same order.
 */

export * from './constant-collector.js';
export * from './constant-resolver.js';
