import type { TSESTree } from '@typescript-eslint/types';
import { staticPropertyName, unwrapTypeScript } from '../../analyzers/api-calls.js';
import type { Listeners, Node } from '../../analyzers/traverse.js';
import { isFunction } from '../../analyzers/tracker-syntax.js';
import { customTrackers, trackerIndex } from '../../platforms/trackers.js';
import { createRule, type FileReport } from '../rule.js';
import { isNotShipped } from './support.js';

const ID = 'extradata-without-appid-check';
const COMPARISONS = new Set(['===', '==', '!==', '!=']);
/** How far up a read's enclosing members and operators are followed. */
const MAX_WALK = 64;
const APP_ID = /appid/i;
/** Where a value is taken in rather than only tested: stored, declared, passed on, returned, put in an object or array. */
const TAKING = new Set(['AssignmentExpression', 'VariableDeclarator', 'CallExpression', 'NewExpression', 'Property', 'ReturnStatement', 'ArrayExpression', 'SpreadElement', 'AssignmentPattern']);


/** `options.referrerInfo.extraData`, `referrerInfo.extraData` (destructured), `res.referrerInfo['extraData']`. */
function isExtraDataRead(member: TSESTree.MemberExpression): boolean {
  if (staticPropertyName(member) !== 'extraData') return false;
  const object = unwrapTypeScript(member.object);
  if (object.type === 'Identifier') return object.name === 'referrerInfo';
  return object.type === 'MemberExpression' && staticPropertyName(object) === 'referrerInfo';
}

/**
 * `onLoad(options) { options.referrerInfo.extraData }`: a page's `onLoad` is handed the page's query,
 * which never holds referrerInfo (only App.onLaunch/onShow and getLaunchOptionsSync/getEnterOptionsSync
 * do), so the read is of nothing another mini-app sends.
 */
function readsPageQuery(member: TSESTree.MemberExpression, ancestors: readonly Node[]): boolean {
  let root = unwrapTypeScript(member.object);
  while (root.type === 'MemberExpression') root = unwrapTypeScript(root.object);
  if (root.type !== 'Identifier') return false;
  // Bounded like the walks below: hostile code nests thousands of `||` around each read.
  let index = ancestors.length - 1;
  while (index >= 0 && index >= ancestors.length - MAX_WALK && !isFunction(ancestors[index]!)) index--;
  const fn = (index >= ancestors.length - MAX_WALK ? ancestors[index] : undefined) as TSESTree.FunctionLike | undefined;
  const holder = ancestors[index - 1];
  const param = fn?.params[0];
  return param?.type === 'Identifier' && param.name === root.name && holder?.type === 'Property' && !holder.computed && holder.key.type === 'Identifier' && holder.key.name === 'onLoad';
}

/**
 * Whether the member chain the read starts (`referrerInfo.extraData.sourceId`) is taken in: the
 * chain, or a `||`/`?:` around it, is assigned, declared, passed, returned or put in a literal.
 * A test of it (`if (referrerInfo.extraData && …)`) is not.
 */
function isTaken(ancestors: readonly Node[], start: Node): boolean {
  let child = start;
  // Bounded: hostile code nests thousands of `||` around each read.
  for (let index = ancestors.length - 1; index >= 0 && index >= ancestors.length - MAX_WALK; index--) {
    const parent = ancestors[index]!;
    const chained = (parent.type === 'MemberExpression' && parent.object === child) || parent.type === 'ChainExpression' || parent.type === 'TSNonNullExpression' || parent.type === 'TSAsExpression';
    const chosen = (parent.type === 'LogicalExpression' && parent.right === child) || (parent.type === 'LogicalExpression' && parent.operator !== '&&') || (parent.type === 'ConditionalExpression' && parent.test !== child);
    if (chained || chosen) {
      child = parent;
      continue;
    }
    if (parent.type === 'CallExpression' && parent.callee === child) return false;
    if (parent.type === 'AssignmentExpression') return parent.right === child;
    if (parent.type === 'VariableDeclarator') return parent.init === child;
    return TAKING.has(parent.type);
  }
  return false;
}

/** Where a test's value goes on up to the branch it decides. */
const TESTING = new Set(['LogicalExpression', 'ChainExpression', 'TSNonNullExpression', 'TSAsExpression']);

/**
 * The branch a field of the data decides (`if (referrerInfo.extraData.paid)`, `extraData.status ===
 * 'ok' ? … : …`): the `if` or `?:` whose test the read's chain ends in, through `&&`, `||`, `!` and
 * comparisons. Presence of the data itself (`if (referrerInfo.extraData)`) decides nothing.
 */
function decidedBranch(ancestors: readonly Node[], start: Node): TSESTree.IfStatement | TSESTree.ConditionalExpression | undefined {
  let child = start;
  let field = false;
  for (let index = ancestors.length - 1; index >= 0 && index >= ancestors.length - MAX_WALK; index--) {
    const parent = ancestors[index]!;
    if (parent.type === 'MemberExpression' && parent.object === child) field = true;
    else if ((parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') && parent.test === child) return field ? parent : undefined;
    else if (!TESTING.has(parent.type) && !(parent.type === 'UnaryExpression' && parent.operator === '!') && !(parent.type === 'BinaryExpression' && COMPARISONS.has(parent.operator))) return undefined;
    child = parent;
  }
  return undefined;
}

/** `null`, `undefined`, `''`: comparing with these tests presence, not the sender. */
function isEmpty(node: Node): boolean {
  const value = unwrapTypeScript(node);
  return (value.type === 'Literal' && (value.value === null || value.value === '')) || (value.type === 'Identifier' && value.name === 'undefined') || value.type === 'UnaryExpression';
}

/** A name or member that holds an app id (`appId`, `referrerInfo.appId`, `opts.appid`). */
function isAppIdValue(node: Node, text: string): boolean {
  const value = unwrapTypeScript(node);
  return (value.type === 'Identifier' || value.type === 'MemberExpression') && APP_ID.test(text.slice(value.range[0], value.range[1]));
}

/** A comparison of an app id with a value, or an app id handed to a check (`TRUSTED.includes(appId)`, `isPartner(referrerInfo.appId)`). */
function checksAppId(node: Node, text: string): boolean {
  if (node.type === 'BinaryExpression' && COMPARISONS.has(node.operator)) {
    const left = node.left as Node;
    return (isAppIdValue(left, text) && !isEmpty(node.right)) || (isAppIdValue(node.right, text) && !isEmpty(left));
  }
  if (node.type === 'CallExpression') {
    const callee = unwrapTypeScript(node.callee);
    const logging = callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'console';
    return !logging && node.arguments.some((argument) => isAppIdValue(argument, text));
  }
  if (node.type === 'SwitchStatement') return isAppIdValue(node.discriminant, text);
  return false;
}

/** The program and the functions around a node, outermost first. */
function enclosingFunctions(ancestors: readonly Node[]): Node[] {
  return ancestors.filter((node, index) => index === 0 || isFunction(node));
}

export default createRule({
  meta: {
    id: ID,
    description: 'referrerInfo.extraData is taken in by a function that never checks referrerInfo.appId.',
    rationale:
      'Any mini-app can open another with `navigateToMiniProgram` and the `extraData` of its choosing. Data read from ' +
      '`referrerInfo.extraData` and kept (in globalData, storage, a variable the app goes on to use) without comparing ' +
      '`referrerInfo.appId` with the apps expected to send it lets every other mini-app feed the receiver forged input: ' +
      'the first step of Cross-Miniapp Request Forgery (CMRF, CCS 2022).',
    severity: 'warning',
    tags: ['security'],
    cwe: [346],
    precision: 'medium',
    securitySeverity: 5.3,
  },
  createScriptListeners(context): Listeners {
    const { file } = context;
    // Analytics SDKs record launch options as they come; their files are not the app's intake.
    if (isNotShipped(file.path) || file.thirdParty || trackerIndex(customTrackers(context.settings)).moduleTracker(file.path)) return {};
    const reads: { node: TSESTree.MemberExpression; functions: Node[]; decides?: boolean }[] = [];
    const checked = new Set<Node>();
    const noteCheck = (node: Node, ancestors: readonly Node[]): void => {
      if (!checksAppId(node, context.text)) return;
      const functions = enclosingFunctions(ancestors);
      checked.add(functions[functions.length - 1]!);
    };
    return {
      MemberExpression(node, ancestors) {
        const member = node as TSESTree.MemberExpression;
        if (!isExtraDataRead(member) || readsPageQuery(member, ancestors)) return;
        if (isTaken(ancestors, member)) reads.push({ node: member, functions: enclosingFunctions(ancestors) });
        else if (decidedBranch(ancestors, member)) reads.push({ node: member, functions: enclosingFunctions(ancestors), decides: true });
      },
      BinaryExpression: noteCheck,
      CallExpression: noteCheck,
      SwitchStatement: noteCheck,
      'Program:exit'() {
        const reported = new Set<number>();
        // A test in a function that also takes the data in guards that use (`if (!d.token) return; … d.token`): the use is reported.
        const taking = new Set(reads.filter((read) => !read.decides).map((read) => read.functions[read.functions.length - 1]));
        for (const { node, functions, decides } of reads) {
          // A check anywhere in the reading function, or in one around it, covers the read.
          if (functions.some((fn) => checked.has(fn))) continue;
          if (decides && taking.has(functions[functions.length - 1])) continue;
          const line = context.region(node.range[0], node.range[1]).start.line;
          if (reported.has(line)) continue;
          reported.add(line);
          const report: FileReport = {
            range: node.range,
            message:
              `referrerInfo.extraData is ${decides ? 'tested here to decide what the app does' : 'taken in here'}, and nothing in this function checks referrerInfo.appId: any mini-app can open ` +
              `this one with extraData of its choosing${decides ? ' and take this branch' : ''}. Compare referrerInfo.appId with the apps you expect before using the data.`,
          };
          context.report(report);
        }
      },
    };
  },
});
