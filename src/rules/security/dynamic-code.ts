import type { TSESTree } from '@typescript-eslint/types';
import { moduleSpecifierOf, staticPropertyName, unwrapTypeScript } from '../../analyzers/api-calls.js';
import { ConstantResolver, isConstant, UNKNOWN, type SymValue } from '../../analyzers/constants.js';
import type { Listeners, Node } from '../../analyzers/traverse.js';
import { isFunction } from '../../analyzers/tracker-syntax.js';
import { createRule } from '../rule.js';
import { API_NAMESPACES, GLOBAL_OBJECTS, isNotShipped, mergeListeners, sharedConstantCollector } from './support.js';

/**
 * JavaScript interpreters written in JavaScript. Mini-app runtimes disable `eval` and `new Function`;
 * shipping an interpreter brings them back, typically to run code fetched after review.
 */
const INTERPRETERS = new Set(['eval5', 'sval', 'js-interpreter']);
const TIMERS = new Set(['setTimeout', 'setInterval', 'setImmediate']);
/** A constant code string that reaches the platform API (`wx.getLocation(...)`) hides the call from reviewers. */
const PLATFORM_CALL = new RegExp(`(?:^|[^\\w$.])(?:${[...API_NAMESPACES].join('|')})\\s*(?:\\.|\\[)`);

type Kind = 'eval' | 'function' | 'timer' | 'constructor';

interface Candidate {
  kind: Kind;
  /** What was called, as written: `eval`, `new Function`, `setTimeout`, `fn.constructor.constructor`. */
  callee: string;
  node: TSESTree.Node;
  /** The code the call evaluates (all arguments of Function, joined). */
  code: SymValue;
  /** The argument is written as a string (literal, template, `+`): always reported for timers. */
  writtenAsString: boolean;
}

function isGlobalMember(node: Node, name: string): boolean {
  const callee = unwrapTypeScript(node);
  if (callee.type === 'Identifier') return callee.name === name;
  if (callee.type === 'MemberExpression' && staticPropertyName(callee) === name) {
    const object = unwrapTypeScript(callee.object);
    return object.type === 'Identifier' && GLOBAL_OBJECTS.has(object.name);
  }
  // (0, eval)(code): an indirect call, same effect.
  if (callee.type === 'SequenceExpression') return isGlobalMember(callee.expressions[callee.expressions.length - 1]!, name);
  return false;
}

/** `x.constructor.constructor`, `(function(){}).constructor`, `Function.prototype.constructor`: the Function constructor by another name. */
function isConstructorChain(node: Node): string | undefined {
  const callee = unwrapTypeScript(node);
  if (callee.type !== 'MemberExpression' || staticPropertyName(callee) !== 'constructor') return undefined;
  const object = unwrapTypeScript(callee.object);
  if (object.type === 'MemberExpression' && staticPropertyName(object) === 'constructor') return 'x.constructor.constructor';
  if (object.type === 'FunctionExpression' || object.type === 'ArrowFunctionExpression') return '(function () {}).constructor';
  if (object.type === 'MemberExpression' && staticPropertyName(object) === 'prototype' && unwrapTypeScript(object.object).type === 'Identifier' && (unwrapTypeScript(object.object) as TSESTree.Identifier).name === 'Function') {
    return 'Function.prototype.constructor';
  }
  return undefined;
}

function writtenAsString(node: Node | undefined): boolean {
  if (!node) return false;
  const expression = unwrapTypeScript(node);
  return (expression.type === 'Literal' && typeof expression.value === 'string') || expression.type === 'TemplateLiteral' || (expression.type === 'BinaryExpression' && expression.operator === '+');
}

/** How far up a `JSON.parse ? … : eval(…)` test is looked for: the call, its `()` and a wrapping expression. */
const FALLBACK_DEPTH = 4;
/** How far up the block of a call's own function is looked for (jQuery's `parseJSON`). */
const MAX_STATEMENT_WALK = 64;

/**
 * `typeof JSON != "undefined" && JSON.parse ? JSON.parse(s) : new Function("return (" + s + ")")()`:
 * the branch taken where `JSON` is missing, as bundled libraries (ECharts, old jQuery) parse JSON on
 * engines without it. Every mini-app runtime has `JSON.parse`, so that branch never runs.
 */
function isJsonFallback(call: Node, ancestors: readonly Node[], text: string): boolean {
  return isElseOfJsonTest(call, ancestors, text) || afterJsonReturn(call, ancestors, text);
}

function isElseOfJsonTest(call: Node, ancestors: readonly Node[], text: string): boolean {
  let child: Node = call;
  for (let index = ancestors.length - 1; index >= 0 && index >= ancestors.length - FALLBACK_DEPTH; index--) {
    const parent = ancestors[index]!;
    if ((parent.type === 'ConditionalExpression' || parent.type === 'IfStatement') && parent.alternate === child) {
      const source = (node: Node): string => text.slice(node.range[0], node.range[1]);
      return testsForJson(source(parent.test)) && /\bJSON\.parse\s*\(/.test(source(parent.consequent));
    }
    child = parent;
  }
  return false;
}

/**
 * jQuery's `parseJSON` and its copies: `if (window.JSON && window.JSON.parse) return window.JSON.parse(data);`
 * first, then the same function's fallback `Function("return " + data)()`: the call comes after a
 * statement of its function that returns `JSON.parse` whenever the engine has it.
 */
function afterJsonReturn(call: Node, ancestors: readonly Node[], text: string): boolean {
  // Bounded: hostile code nests thousands of `||` around each call (`eval(a) || eval(b) || …`).
  let index = ancestors.length - 1;
  while (index >= 0 && index >= ancestors.length - MAX_STATEMENT_WALK && ancestors[index]!.type !== 'BlockStatement') index--;
  const block = index >= ancestors.length - MAX_STATEMENT_WALK ? (ancestors[index] as TSESTree.BlockStatement | undefined) : undefined;
  const statement = ancestors[index + 1] ?? call;
  if (block?.type !== 'BlockStatement' || !(ancestors[index - 1] && isFunction(ancestors[index - 1]!))) return false;
  const source = (node: Node): string => text.slice(node.range[0], node.range[1]);
  for (const earlier of block.body) {
    if (earlier === statement) return false;
    if (earlier.type === 'IfStatement' && testsForJson(source(earlier.test)) && /^(?:\{\s*)?return\b[^;]*\bJSON\.parse\s*\(/.test(source(earlier.consequent))) return true;
  }
  return false;
}

/**
 * A test of whether the engine has `JSON` (`typeof JSON != "undefined" && JSON.parse`, `window.JSON`),
 * not of a value against the string "JSON" (`msg.format === 'JSON'`, a format label).
 */
function testsForJson(test: string): boolean {
  return /(?<![\w$'"])JSON(?![\w$'"])/.test(test.replace(/(['"])(?:(?!\1)[^\\]|\\.)*\1/g, '""')) && !/(['"])JSON\1/i.test(test);
}

function interpreterSpecifier(node: Node): TSESTree.StringLiteral | undefined {
  const specifier = moduleSpecifierOf(node);
  if (specifier === undefined || !INTERPRETERS.has(specifier)) return undefined;
  return node.type === 'ImportDeclaration' ? node.source : ((node as TSESTree.CallExpression).arguments[0] as TSESTree.StringLiteral);
}

export default createRule({
  meta: {
    id: 'dynamic-code',
    description: 'Code is built from strings at run time (eval, new Function, string timers, constructor tricks, bundled interpreters).',
    rationale:
      'Code evaluated from a string is code the platform never reviewed: a mini-app can fetch it after approval and change what ' +
      'it does, and any attacker who controls part of the string (a server response, a page parameter, storage) runs code with ' +
      'all of the mini-app\u2019s permissions. Mini-app runtimes disable eval and new Function for this reason; working around that ' +
      'with constructor chains or a bundled interpreter is the same risk, hidden.',
    severity: 'error',
    tags: ['security'],
    cwe: [95],
    precision: 'high',
    securitySeverity: 7.8,
  },
  createScriptListeners(context): Listeners {
    const { file } = context;
    if (isNotShipped(file.path)) return {};
    const { collector, listeners: collectorListeners } = sharedConstantCollector(context);
    const candidates: Candidate[] = [];

    const codeOf = (args: readonly TSESTree.CallExpressionArgument[]): SymValue => {
      if (args.some((argument) => argument.type === 'SpreadElement')) return UNKNOWN;
      const parts = args.map((argument) => collector.capture(argument));
      return parts.length === 1 ? parts[0]! : { kind: 'concat', parts };
    };

    // Asked only of the calls that run code: the walk up the ancestors is not paid for every call.
    const add = (candidate: Candidate, ancestors: readonly Node[]): void => {
      if (!isJsonFallback(candidate.node, ancestors, context.text)) candidates.push(candidate);
    };

    const consider = (call: TSESTree.CallExpression | TSESTree.NewExpression, ancestors: readonly Node[]): void => {
      const args = call.arguments;
      if (args.length === 0) return;
      if (call.type === 'CallExpression' && isGlobalMember(call.callee, 'eval')) {
        add({ kind: 'eval', callee: 'eval', node: call, code: codeOf(args.slice(0, 1)), writtenAsString: writtenAsString(args[0]) }, ancestors);
        return;
      }
      if (isGlobalMember(call.callee, 'Function')) {
        add({ kind: 'function', callee: call.type === 'NewExpression' ? 'new Function' : 'Function', node: call, code: codeOf(args), writtenAsString: writtenAsString(args[args.length - 1]) }, ancestors);
        return;
      }
      const chain = isConstructorChain(call.callee);
      if (chain) {
        add({ kind: 'constructor', callee: chain, node: call, code: codeOf(args), writtenAsString: writtenAsString(args[args.length - 1]) }, ancestors);
        return;
      }
      if (call.type !== 'CallExpression') return;
      const timer = [...TIMERS].find((name) => isGlobalMember(call.callee, name));
      if (timer) {
        const first = args[0]!;
        const expression = unwrapTypeScript(first);
        if (expression.type === 'FunctionExpression' || expression.type === 'ArrowFunctionExpression' || first.type === 'SpreadElement') return;
        add({ kind: 'timer', callee: timer, node: call, code: codeOf(args.slice(0, 1)), writtenAsString: writtenAsString(first) }, ancestors);
      }
    };

    const own: Listeners = {
      CallExpression(node, ancestors) {
        consider(node as TSESTree.CallExpression, ancestors);
        const specifier = interpreterSpecifier(node);
        if (specifier) reportInterpreter(specifier);
      },
      NewExpression(node, ancestors) {
        consider(node as TSESTree.NewExpression, ancestors);
      },
      ImportDeclaration(node) {
        const specifier = interpreterSpecifier(node);
        if (specifier) reportInterpreter(specifier);
      },
      'Program:exit'() {
        const resolver = new ConstantResolver([collector.module], { local: true });
        for (const candidate of candidates) {
          const values = resolver.strings(candidate.code);
          const constant = isConstant(values);
          const text = constant ? values.alternatives.map((alternative) => alternative.map((piece) => ('text' in piece ? piece.text : '')).join('')).join('\n') : '';
          const hidesApi = constant && PLATFORM_CALL.test(text);
          const what = candidate.kind === 'timer' ? `${candidate.callee}() with a string` : `${candidate.callee}()`;
          if (candidate.kind === 'timer') {
            // A timer given a variable that is not a known string is most likely given a function.
            if (!candidate.writtenAsString && !constant) continue;
            report(
              candidate.node.range,
              `${what} runs the string as code, which escapes platform review${constant ? '' : '; this one is built at run time, so whoever controls a part of it can inject code'}. Pass a function instead.`,
              candidate.kind,
              candidate.callee,
            );
            continue;
          }
          // Constant code (`Function('return this')()` in bundled libraries) is fixed at build time: only worth a report when it hides platform calls.
          if (constant && !hidesApi) continue;
          report(
            candidate.node.range,
            hidesApi
              ? `${what} runs a fixed string that calls the platform API, which hides the call from reviewers and tools. Call the API directly.`
              : `${what} runs a string built at run time as code. If any part of it comes from a server, storage or page parameters, whoever controls that part runs code with the mini-app\u2019s permissions, outside platform review. Replace it with data-driven logic.`,
            candidate.kind,
            candidate.callee,
          );
        }
      },
    };

    function report(range: readonly [number, number], message: string, kind: string, callee: string): void {
      context.report({ range, message, properties: { kind, callee } });
    }

    function reportInterpreter(specifier: TSESTree.StringLiteral): void {
      report(
        specifier.range,
        `"${specifier.value}" is a JavaScript interpreter written in JavaScript: it runs code that is not in the reviewed package, ` +
          'which is what mini-app runtimes disable eval and new Function to prevent. Remove it and ship the logic as code.',
        'interpreter',
        specifier.value,
      );
    }

    return mergeListeners(collectorListeners, own);
  },
});
