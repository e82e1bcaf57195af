import type { TSESTree } from '@typescript-eslint/types';
import { staticPropertyName } from './api-calls.js';
import { childNodes, type Node } from './traverse.js';
import { memberChain, personalDataOfName, propertyKey, unwrap, type PersonalDataHit, type Range } from './tracker-syntax.js';

/** Reads from storage whose key names the data (`getStorageSync('phone')`). */
const STORAGE_READS = new Set(['getStorageSync', 'getStorage']);
/** Nodes looked at, at most, when searching a value for personal data. */
const PERSONAL_SCAN_BUDGET = 400;
/** Another party's id (`authorId`, `sellerUserId`, `toUid`): whose it is, its own name says, and it is not the user's. */
const OTHER_PARTY_ID = /^(?:author|creator|owner|seller|merchant|shop|store|target|to|friend|receiver|sender|poster|publisher|followee|followed|peer|anchor|doctor|teacher|host|partner)_?(?:user_?|member_?)?(?:id|uid)$/i;

/** The name a value is read by (`authorId` of `this.data.authorId`), if it is a plain read. */
function readName(node: Node): string | undefined {
  const value = unwrap(node);
  return value.type === 'Identifier' ? value.name : value.type === 'MemberExpression' ? staticPropertyName(value) : undefined;
}

/** An object literal, or a config module's exports by name: where a dotted path can be looked up. */
export type Keyed = TSESTree.ObjectExpression | Map<string, { value: Node; range: Range }>;

/** What the tracker detector knows of values in one file: constants followed, static strings, config lookups. */
export class TrackerValues {
  constructor(private readonly constants: ReadonlyMap<string, Node>) {}

  resolveConstant(node: Node, seen = new Set<string>()): Node {
    const value = unwrap(node);
    if (value.type === 'Identifier' && !seen.has(value.name)) {
      const constant = this.constants.get(value.name);
      if (constant) {
        seen.add(value.name);
        return this.resolveConstant(constant, seen);
      }
    }
    return value;
  }

  /** The static text an expression starts with, and the literal nodes it was read from. */
  staticPrefix(node: Node, used: Range[], depth = 0): { text: string; complete: boolean } {
    if (depth > 20) return { text: '', complete: false };
    const value = this.resolveConstant(node);
    if (value.type === 'Literal') {
      if (typeof value.value === 'string' || typeof value.value === 'number') {
        used.push(value.range);
        return { text: String(value.value), complete: true };
      }
      return { text: '', complete: false };
    }
    if (value.type === 'TemplateLiteral') {
      let text = '';
      for (let i = 0; i < value.quasis.length; i++) {
        const quasi = value.quasis[i]!;
        used.push(quasi.range);
        text += quasi.value.cooked ?? quasi.value.raw;
        const expression = value.expressions[i];
        if (!expression) return { text, complete: true };
        const inner = this.staticPrefix(expression, used, depth + 1);
        text += inner.text;
        if (!inner.complete) return { text, complete: false };
      }
      return { text, complete: true };
    }
    if (value.type === 'BinaryExpression' && value.operator === '+') {
      const left = this.staticPrefix(value.left, used, depth + 1);
      if (!left.complete) return left;
      const right = this.staticPrefix(value.right, used, depth + 1);
      return { text: left.text + right.text, complete: right.complete };
    }
    return { text: '', complete: false };
  }

  staticString(node: Node | undefined): string | undefined {
    if (!node) return undefined;
    const result = this.staticPrefix(node, []);
    return result.complete ? result.text : undefined;
  }

  objectOf(node: Node | undefined): TSESTree.ObjectExpression | undefined {
    if (!node) return undefined;
    const value = this.resolveConstant(node);
    return value.type === 'ObjectExpression' ? value : undefined;
  }

  propertyOf(object: TSESTree.ObjectExpression, key: string): TSESTree.Property | undefined {
    for (const property of object.properties) if (property.type === 'Property' && propertyKey(property) === key) return property;
    return undefined;
  }

  /** A dotted path in an object (or in a config module's exports): the value and where it is written. */
  lookup(root: Keyed, path: string): { value: Node; range: Range } | undefined {
    let current: Keyed | undefined = root;
    let found: { value: Node; range: Range } | undefined;
    for (const segment of path.split('.')) {
      if (!current) return undefined;
      if (current instanceof Map) found = current.get(segment);
      else {
        const property = this.propertyOf(current, segment);
        found = property ? { value: unwrap(property.value), range: property.range } : undefined;
      }
      if (!found) return undefined;
      current = this.objectOf(found.value);
    }
    return found;
  }

  isTrue(node: Node): boolean {
    const value = this.resolveConstant(node);
    return (value.type === 'Literal' && value.value === true) || (value.type === 'UnaryExpression' && value.operator === '!' && value.argument.type === 'Literal' && value.argument.value === 0);
  }

  isFalse(node: Node): boolean {
    const value = this.resolveConstant(node);
    return (value.type === 'Literal' && (value.value === false || value.value === null || value.value === '' || value.value === 0))
      || (value.type === 'UnaryExpression' && value.operator === '!' && value.argument.type === 'Literal' && value.argument.value === 1);
  }

  /** The key of a storage read (`getStorageSync('OPENID')`), when it is a constant. */
  private storageKeyRead(raw: Node): string | undefined {
    const node = unwrap(raw);
    if (node.type !== 'CallExpression') return undefined;
    const chain = memberChain(node.callee);
    const last = chain?.props[chain.props.length - 1];
    const key = last && STORAGE_READS.has(last) ? node.arguments[0] : undefined;
    return key ? this.staticString(key) : undefined;
  }

  scanPersonal(start: Node | undefined, hits: PersonalDataHit[]): void {
    if (!start) return;
    const stack: Node[] = [start];
    const seenConstants = new Set<string>();
    let budget = PERSONAL_SCAN_BUDGET;
    const add = (name: string | undefined, range: Range): void => {
      if (!name || OTHER_PARTY_ID.test(name)) return;
      const type = personalDataOfName(name);
      if (type && !hits.some((hit) => hit.type === type && hit.evidence === name)) hits.push({ type, evidence: name, range });
    };
    while (stack.length > 0 && budget-- > 0) {
      const node = unwrap(stack.pop()!);
      switch (node.type) {
        case 'Identifier': {
          add(node.name, node.range);
          const constant = this.constants.get(node.name);
          if (constant && !seenConstants.has(node.name)) {
            seenConstants.add(node.name);
            stack.push(constant);
          }
          break;
        }
        case 'MemberExpression':
          add(staticPropertyName(node), node.property.range);
          stack.push(node.object);
          break;
        case 'Property': {
          // `userId: this.data.authorId`, `user_id: getStorageSync('OPENID')`: the value's own name says whose id,
          // and what kind, is sent, whatever the key calls it.
          const read = readName(node.value as Node) ?? this.storageKeyRead(node.value as Node);
          if (!(read !== undefined && (OTHER_PARTY_ID.test(read) || personalDataOfName(read) !== undefined))) add(propertyKey(node), node.key.range);
          if (!(node.shorthand && node.value.type === 'Identifier')) stack.push(node.value);
          else if (this.constants.has(node.value.name)) stack.push(node.value);
          break;
        }
        case 'CallExpression': {
          const chain = memberChain(node.callee);
          const name = this.storageKeyRead(node);
          if (name) add(name, node.range);
          for (const argument of node.arguments) stack.push(argument);
          if (chain && chain.props.length > 0) stack.push(chain.root);
          break;
        }
        case 'FunctionExpression':
        case 'ArrowFunctionExpression':
        case 'Literal':
          break;
        default:
          for (const child of childNodes(node)) stack.push(child);
      }
    }
  }
}
