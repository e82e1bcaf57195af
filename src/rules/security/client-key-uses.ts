import type { TSESTree } from '@typescript-eslint/types';
import { propertyKeyName } from '../../analyzers/constants.js';
import { ConstantResolver } from '../../analyzers/constant-resolver.js';
import type { FileContext } from '../../analyzers/context.js';
import type { SymValue } from '../../analyzers/symbolic-values.js';
import type { Listeners, Node } from '../../analyzers/traverse.js';
import { type ClientKeyService, clientKeyConstructor, clientKeyServiceOfUrl } from '../../catalogs/client-keys.js';
import { staticPropertyName } from '../../analyzers/api-calls.js';
import { leadingText, trailingText } from './secret-context.js';
import { mergeListeners, sharedConstantCollector } from './support.js';
import { fileLiteralsOf } from './file-literals.js';

const IN_URL = "sends it as the key parameter of a URL on the service's host";

interface KeyUse {
  value: SymValue;
  service: ClientKeyService;
  where: string;
}

/** A string constant of this file used as a web service's key: its text, where its literal is, and the service. */
export interface ClientKeyUse {
  text: string;
  start: number;
  end: number;
  service: ClientKeyService;
  /** How the file uses it, for messages: `passes it as the "key" option of AMapWX`. */
  where: string;
}

/**
 * Constants a file hands to a web service as its key through a variable: the key parameter of a
 * URL on the service's host (`` `https://restapi.amap.com/v3/geocode/geo?key=${key}&…` ``,
 * `'https://apis.map.qq.com/…?key=' + KEY`) or the key option of its SDK's constructor
 * (`var key = '…'; new amapFile.AMapWX({ key: key })`). The literal carries no name that says
 * which service it is for; the use does. Read through the shared constant evaluator, within the file.
 */
export function clientKeyUses(context: FileContext): { listeners: Listeners; keys(): ClientKeyUse[] } {
  const { collector, listeners: collectorListeners } = sharedConstantCollector(context);
  const uses: KeyUse[] = [];
  const capture = (node: Node, service: ClientKeyService, where: string): void => {
    if (node.type === 'Identifier' || node.type === 'MemberExpression') uses.push({ value: collector.capture(node), service, where });
  };
  const own: Listeners = {
    TemplateLiteral(node) {
      const template = node as TSESTree.TemplateLiteral;
      const service = clientKeyServiceOfUrl(template.quasis[0]?.value.cooked ?? '');
      if (!service) return;
      template.expressions.forEach((expression, index) => {
        if (endsWithKeyParameter(template.quasis[index]?.value.cooked ?? '', service)) capture(expression as Node, service, IN_URL);
      });
    },
    BinaryExpression(node) {
      const binary = node as TSESTree.BinaryExpression;
      const before = binary.operator === '+' ? trailingText(binary.left as Node) : undefined;
      if (before === undefined || !endsWithKeyParameter(before, undefined)) return;
      const service = clientKeyServiceOfUrl(leadingText(binary.left as Node));
      if (service && endsWithKeyParameter(before, service)) capture(binary.right as Node, service, IN_URL);
    },
    NewExpression(node) {
      const created = node as TSESTree.NewExpression;
      const callee = created.callee;
      const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticPropertyName(callee) : undefined;
      const service = name === undefined ? undefined : clientKeyConstructor(name);
      const options = created.arguments[0];
      if (!service || options?.type !== 'ObjectExpression') return;
      for (const property of options.properties) {
        const option = property.type === 'Property' ? propertyKeyName(property) : undefined;
        if (option !== undefined && service.keyNames.includes(option)) capture((property as TSESTree.Property).value as Node, service, `passes it as the "${option}" option of ${name}`);
      }
    },
  };
  return {
    listeners: mergeListeners(collectorListeners, own),
    keys() {
      const local = new ConstantResolver([collector.module], { local: true });
      const keys: ClientKeyUse[] = [];
      for (const use of uses) for (const literal of fileLiteralsOf(local, use.value, context.file.path)) keys.push({ ...literal, service: use.service, where: use.where });
      return keys;
    },
  };
}

/** Whether URL text ends with one of the service's key parameters (`…?key=`, `…&ak=`); any service's names when `service` is undefined. */
function endsWithKeyParameter(text: string, service: ClientKeyService | undefined): boolean {
  const parameter = /[?&]([A-Za-z_]+)=$/.exec(text)?.[1];
  if (parameter === undefined) return false;
  return service === undefined || service.keyNames.includes(parameter);
}
