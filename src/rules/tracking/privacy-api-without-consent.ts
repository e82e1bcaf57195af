import type { TSESTree } from '@typescript-eslint/types';
import { createRule } from '../rule.js';
import { describeUsage } from '../describe-usage.js';
import { staticPropertyName, unwrapTypeScript } from '../../analyzers/api-calls.js';
import type { Listeners, Node } from '../../analyzers/traverse.js';
import { PERSONAL_DATA_LABELS, PLATFORM_PRIVACY, privacyInterfaceOf } from '../../platforms/privacy-data.js';
import { FRAMEWORK_NAMESPACES } from '../../platforms/types.js';
import { byLocation, consentFlowOf, unanalysedNote } from '../consent-flow.js';

type FunctionNode = TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration;

interface Watched {
  fn: FunctionNode;
  name: string;
  declaration: TSESTree.Identifier;
  used: boolean;
  call: TSESTree.CallExpression;
}


const MAX_RELATED = 5;

export default createRule({
  meta: {
    id: 'privacy-api-without-consent',
    description: 'Privacy interfaces are used but the mini-app has no privacy-agreement consent flow, or a consent handler never calls resolve.',
    rationale:
      'WeChat (since 2023-10-17) and Douyin let a privacy interface run only after the user has agreed to the mini-app\'s ' +
      'privacy guide. The mini-app is expected to show its own agreement and report consent with a button ' +
      'open-type="agreePrivacyAuthorization" and onNeedPrivacyAuthorization/requirePrivacyAuthorize; without it, users ' +
      'meet a generic platform prompt at best, and reviewers see no consent flow. A handler registered with ' +
      'onNeedPrivacyAuthorization that never calls its resolve leaves every privacy call waiting forever.',
    severity: 'warning',
    tags: ['privacy', 'correctness'],
    cwe: [359],
    precision: 'medium',
    securitySeverity: 5.0,
    platforms: ['wechat', 'bytedance', 'alipay'],
  },
  createScriptListeners(context): Listeners {
    const privacy = PLATFORM_PRIVACY[context.platform.id];
    const handlerApi = privacy.consentHandlerApi;
    if (!privacy.hasConsentFlow || !handlerApi) return {};
    const namespaces = new Set([...context.platform.globals, ...FRAMEWORK_NAMESPACES]);
    const functions = new Map<string, FunctionNode>();
    const watched: Watched[] = [];
    const byName = new Map<string, Watched[]>();
    const pendingNames: { name: string; call: TSESTree.CallExpression }[] = [];

    const watch = (fn: FunctionNode, call: TSESTree.CallExpression): void => {
      const first = fn.params[0];
      if (first && first.type !== 'Identifier') return; // destructured or rest: cannot tell
      const entry: Watched = { fn, name: first?.name ?? '', declaration: first as TSESTree.Identifier, used: false, call };
      watched.push(entry);
      if (!first) return;
      const list = byName.get(first.name) ?? [];
      list.push(entry);
      byName.set(first.name, list);
    };

    return {
      FunctionDeclaration(node) {
        const declaration = node as TSESTree.FunctionDeclaration;
        if (declaration.id) functions.set(declaration.id.name, declaration);
      },
      VariableDeclarator(node) {
        const declarator = node as TSESTree.VariableDeclarator;
        const init = declarator.init ? unwrapTypeScript(declarator.init) : undefined;
        if (declarator.id.type === 'Identifier' && init && (init.type === 'FunctionExpression' || init.type === 'ArrowFunctionExpression')) {
          functions.set(declarator.id.name, init);
        }
      },
      CallExpression(node) {
        const call = node as TSESTree.CallExpression;
        const callee = unwrapTypeScript(call.callee);
        if (callee.type !== 'MemberExpression' || staticPropertyName(callee) !== handlerApi) return;
        const object = unwrapTypeScript(callee.object);
        if (object.type !== 'Identifier' || !namespaces.has(object.name)) return;
        const handler = call.arguments[0] ? unwrapTypeScript(call.arguments[0]) : undefined;
        if (!handler) return;
        if (handler.type === 'FunctionExpression' || handler.type === 'ArrowFunctionExpression') watch(handler, call);
        else if (handler.type === 'Identifier') pendingNames.push({ name: handler.name, call });
      },
      Identifier(node, ancestors) {
        if (byName.size === 0) return;
        const identifier = node as TSESTree.Identifier;
        const entries = byName.get(identifier.name);
        if (!entries) return;
        for (const entry of entries) {
          if (entry.used || identifier === entry.declaration) continue;
          if (ancestors.includes(entry.fn as Node)) entry.used = true;
        }
      },
      'Program:exit'() {
        // A named handler declared in this file: look at its body now that the walk is over.
        for (const { name, call } of pendingNames) {
          const fn = functions.get(name);
          if (!fn) continue;
          const first = fn.params[0];
          if (first && first.type !== 'Identifier') continue;
          const used = first ? context.text.slice(fn.body.range[0], fn.body.range[1]).match(new RegExp(`(?<![\\w$.])${first.name.replace(/\$/g, '\\$')}(?![\\w$])`)) !== null : false;
          if (!used) watched.push({ fn, name: first?.name ?? '', declaration: first as TSESTree.Identifier, used: false, call });
        }
        for (const entry of watched) {
          if (entry.used) continue;
          context.report({
            range: entry.call.range,
            message: entry.name
              ? `The handler registered with ${handlerApi} never calls or keeps ${entry.name === 'resolve' ? 'its resolve argument' : `its first argument "${entry.name}" (the resolve callback)`}: privacy interfaces that trigger it wait forever and neither agreement nor refusal reaches the platform.`
              : `The handler registered with ${handlerApi} takes no resolve argument: privacy interfaces that trigger it wait forever and neither agreement nor refusal reaches the platform.`,
            properties: { problem: 'resolve-never-called', api: handlerApi },
          });
        }
      },
    };
  },
  checkProject({ facts, report }) {
    const consent = consentFlowOf(facts);
    if (!consent.supported || consent.evidence.length > 0) return;
    const uses = facts.usages.filter((usage) => privacyInterfaceOf(facts.platform.id, usage.kind, usage.name) !== undefined).sort(byLocation);
    if (uses.length === 0) return;
    // Prefer pointing at the mini-app's own code; shipped SDKs need consent just the same.
    const primary = uses.find((usage) => !usage.thirdParty) ?? uses[0]!;
    const names = [...new Set(uses.map(describeUsage))];
    const dataTypes = [...new Set(uses.map((usage) => privacyInterfaceOf(facts.platform.id, usage.kind, usage.name)!.data))];
    const shown = names.slice(0, 6);
    const more = names.length > shown.length ? ` and ${names.length - shown.length} more` : '';
    const weaker = unanalysedNote(facts);
    report({
      location: primary.location,
      message:
        `${describeUsage(primary)} is a privacy interface (${PERSONAL_DATA_LABELS[privacyInterfaceOf(facts.platform.id, primary.kind, primary.name)!.data]})` +
        (names.length > 1 ? `, one of ${names.length} the mini-app uses (${shown.join(', ')}${more}),` : ',') +
        ` but the mini-app has no privacy-agreement consent flow: ${consent.missing} anywhere${weaker}.`,
      relatedLocations: uses
        .filter((usage) => usage !== primary)
        .slice(0, MAX_RELATED)
        .map((usage) => ({ location: usage.location, message: `${describeUsage(usage)} is also a privacy interface` })),
      thirdParty: primary.thirdParty,
      properties: { problem: 'no-consent-flow', interfaces: names, dataTypes, unanalysedFiles: facts.unanalysedFiles.length },
    });
  },
});
