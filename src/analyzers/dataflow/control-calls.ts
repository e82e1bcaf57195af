import type { TSESTree } from '@typescript-eslint/types';
import type { ChoiceDialog, PermissionPrompts } from '../../platforms/permission-prompts.js';
import { own } from '../../util/own.js';
import { unwrapTypeScript } from '../api-calls.js';
import type { Node } from '../traverse.js';
import { optionValue, staticString, type ApiCallTarget, type CallShape } from './api-target.js';
import type { ControlCall } from './fragment.js';
import { isGranted } from './auth-setting-guards.js';

const CALLBACKS = ['success', 'fail', 'complete'] as const;

/**
 * Records a permission prompt, a choice dialog or a settings-page call with the callbacks it is
 * given, for the prompt analysis (control-graph.ts). Other calls are not recorded.
 */
export function recordControlCall(target: ApiCallTarget, method: string, api: string, node: TSESTree.CallExpression, call: CallShape): void {
  const table = target.options.catalog.permissionPrompts;
  const role = roleOf(table, method);
  if (!role) return;
  const options = call.nodes[0];
  const callbacks = { success: [] as string[], fail: [] as string[], complete: [] as string[] };
  for (const name of CALLBACKS) {
    for (const ref of target.field(call.args[0] ?? [], name, node, false)) if (!ref.shallow) callbacks[name].push(ref.key);
  }
  const record: ControlCall = { role, method, api, location: target.location(node), callbacks, ...(target.owner && { owner: target.owner }), ...(target.options.thirdParty && { thirdParty: true }) };
  if (role === 'choice' && isForced(target, table, method, options)) record.forced = true;
  if (role === 'prompt' && isSilent(target, table, method, options)) record.silent = true;
  // A settings page that cannot open on load, or that answers a failure (whose prompt, if listed, is judged for it).
  if (role === 'settings' && (table.settingsNeedTap || target.failDepth > 0)) record.silent = true;
  const scope = method === 'authorize' ? optionString(target, options, 'scope') : undefined;
  if (scope !== undefined) record.scope = scope;
  const permission = role === 'prompt' ? (scope ?? (table.promptScopes && own(table.promptScopes, method))) : undefined;
  if (permission !== undefined) record.permission = permission;
  // `getSetting` said the permission is granted on this arm: the call shows no dialog.
  if (role === 'prompt' && permission !== undefined && isGranted(target.scopeFacts, permission)) record.silent = true;
  target.fragment.controlCalls.push(record);
}

function roleOf(table: PermissionPrompts, method: string): ControlCall['role'] | undefined {
  if (own(table.prompts, method) !== undefined) return 'prompt';
  if (own(table.choiceDialogs, method) !== undefined) return 'choice';
  return table.settingsPages.includes(method) ? 'settings' : undefined;
}

/** A dialog the user cannot decline: one button, no cancel button, or a `success` that does the same for both. */
function isForced(target: ApiCallTarget, table: PermissionPrompts, method: string, options: Node | undefined): boolean {
  const dialog = own(table.choiceDialogs, method)!;
  return dialog.oneButton === true || hidesCancel(dialog, options) || ignoresAnswer(target, dialog, options);
}

/** `showModal({ showCancel: false })`. */
function hidesCancel(dialog: ChoiceDialog, options: Node | undefined): boolean {
  if (dialog.cancelOption === undefined) return false;
  const value = optionValue(options as TSESTree.Node | undefined, dialog.cancelOption);
  const plain = value && (unwrapTypeScript(value as Node) as TSESTree.Node);
  // `showCancel: !1`, as minifiers write false.
  const minified = plain?.type === 'UnaryExpression' && plain.operator === '!' && plain.argument.type === 'Literal' && plain.argument.value === 1;
  return minified || (plain?.type === 'Literal' && plain.value === false);
}

/**
 * `showModal({ success: () => wx.openSetting() })`: a `success` written in place that never reads
 * which button was tapped (`res.confirm`, `res.cancel`) does the same for both: the user cannot
 * decline. A callback handed by name may read it elsewhere, and counts as reading it.
 */
function ignoresAnswer(target: ApiCallTarget, dialog: ChoiceDialog, options: Node | undefined): boolean {
  if (dialog.answerField === undefined) return false;
  const success = optionValue(options as TSESTree.Node | undefined, 'success');
  const fn = success && (unwrapTypeScript(success as Node) as TSESTree.Node);
  if (fn?.type !== 'FunctionExpression' && fn?.type !== 'ArrowFunctionExpression') return false;
  const body = target.options.text.slice(fn.range[0], fn.range[1]);
  return !new RegExp(`\\b(?:${dialog.answerField}|cancel)\\b`).test(body);
}

/**
 * Every value of the switching option is a silent one (`scopes: ['auth_base']`), or, where the
 * platform's default is silent, the option is left out. A value the code computes (`scopes` a
 * parameter) is taken as silent too: whether it asks is the caller's choice, not known here.
 */
function isSilent(target: ApiCallTarget, table: PermissionPrompts, method: string, options: Node | undefined): boolean {
  const rule = table.silentWhen;
  if (!rule || rule.method !== method) return false;
  const object = options && (unwrapTypeScript(options) as TSESTree.Node);
  if (object?.type !== 'ObjectExpression' || object.properties.some((property) => property.type !== 'Property')) return true;
  const value = optionValue(object, rule.option);
  if (!value) return rule.byDefault;
  const plain = unwrapTypeScript(value as Node) as TSESTree.Node;
  const items = plain.type === 'ArrayExpression' ? plain.elements : [plain];
  const texts = items.map((item) => (item && item.type !== 'SpreadElement' ? staticString(target, item) : undefined));
  if (texts.some((text) => text === undefined)) return true;
  return texts.every((text) => rule.values.includes(text!));
}

function optionString(target: ApiCallTarget, options: Node | undefined, name: string): string | undefined {
  const value = optionValue(options as TSESTree.Node | undefined, name);
  return value ? staticString(target, value) : undefined;
}
