import type { TSESTree } from '@typescript-eslint/types';
import type { Variable } from '@typescript-eslint/scope-manager';
import { IDENTITY_FIELD, INERT_PROPERTIES, RECORD_FIELD } from '../../platforms/flows.js';
import { unwrapTypeScript } from '../api-calls.js';
import type { Node } from '../traverse.js';
import { extensionKey, fieldKey, hiddenField, isInstanceKey, RECORD_VIEW, SET_SUFFIX, type Ref } from './fragment.js';
import { namesARecord, sensitiveNameLabel } from './names.js';
import { isConstantName } from './extract-options.js';
import { chainText, isCompiledTaroState, memberName, propertyName, shallow } from './extract-syntax.js';
import { PLAIN_THIS } from './extract-base.js';
import { StatementExtractor } from './extract-statements.js';

/** Variables, assignment targets, destructuring patterns and fields: where values are written and read. */
export abstract class PatternExtractor extends StatementExtractor {
  protected abstract namespaceAlias(identifier: TSESTree.Identifier): string | undefined;

  /**
   * `x = value` as a statement of a function's own body (no branch or loop around it), for a local
   * that no closure sees: from here on `x` is the new value only. The one place the analysis follows
   * statement order, so that a value overwritten before use is not reported.
   */
  protected strongUpdate(assignment: TSESTree.AssignmentExpression): boolean {
    if (assignment.operator !== '=' || assignment.left.type !== 'Identifier') return false;
    const variable = this.variables.get(assignment.left);
    const definition = variable?.defs[0];
    if (!variable || variable.defs.length !== 1 || definition?.type !== 'Variable') return false;
    const home = variable.scope.variableScope;
    if (!variable.references.every((reference) => reference.from.variableScope === home)) return false;
    this.variableKey(assignment.left);
    const value = this.expression(assignment.right);
    const key = this.node(`v:${this.fileId}@${assignment.left.range[0]}`, assignment.left, assignment.left.name);
    this.keys.set(variable, key);
    this.copy(value, key);
    return true;
  }

  variableKey(identifier: TSESTree.Identifier): string {
    const variable = this.variables.get(identifier);
    if (!variable) return this.node(`g:${identifier.name}`, identifier);
    let key = this.keys.get(variable);
    if (!key) {
      const declaration = variable.defs[0]?.name ?? identifier;
      key = `v:${this.fileId}@${declaration.range[0]}`;
      this.keys.set(variable, key);
      this.node(key, declaration, identifier.name);
    }
    return key;
  }

  bindPattern(pattern: TSESTree.Node, value: Ref[]): void {
    switch (pattern.type) {
      case 'Identifier':
        this.copy(value, this.variableKey(pattern));
        return;
      case 'AssignmentPattern':
        this.bindPattern(pattern.left, [...value, ...this.expression(pattern.right)]);
        return;
      case 'ObjectPattern': {
        // `const { password, ...profile } = form`: the fields named beside a rest are taken out of what it keeps.
        const rest = pattern.properties.some((property) => property.type === 'RestElement');
        for (const property of pattern.properties) {
          if (property.type === 'RestElement') this.bindPattern(property.argument, value);
          else {
            const name = propertyName(property);
            this.bindPattern(property.value, name ? this.field(value, name, property.key, true, !rest) : shallow(value));
          }
        }
        return;
      }
      case 'ArrayPattern':
        for (const element of pattern.elements) if (element) this.bindPattern(element.type === 'RestElement' ? element.argument : element, this.elementsOf(value));
        return;
      case 'RestElement':
        this.bindPattern(pattern.argument, value);
        return;
      case 'MemberExpression':
        for (const target of this.targets(pattern)) this.copy(value, target);
        return;
      default:
        if ('expression' in pattern && pattern.expression) this.bindPattern(pattern.expression as TSESTree.Node, value);
    }
  }

  /** Variables that take each key of an object in turn (`for (const k in o)`, `Object.keys(o).forEach((k) => …)`), with the object's path. */
  private readonly keyIterations = new Map<Variable, string>();

  /** `key` takes the keys of `over` (an object for `for…in`, else `Object.keys(o)` or `Object.entries(o)`). */
  protected noteKeyIteration(key: TSESTree.Node | undefined, over: TSESTree.Node, forIn: boolean): void {
    const name = key?.type === 'ArrayPattern' ? key.elements[0] : key;
    const object = forIn ? over : keysCallObject(over);
    const path = object && chainText(object);
    const variable = name?.type === 'Identifier' ? this.variables.get(name) : undefined;
    if (variable && path !== undefined) this.keyIterations.set(variable, path);
  }

  /**
   * `target[key] = source[key]` where `key` takes each key of `source`: a hand-written merge or clone
   * copies every field under its own name, as Object.assign does, so `target` gets `source`'s fields.
   * Not a list of keys (`for (const k of ['nickName'])`). Plain names and fields only, which reading twice cannot change.
   */
  protected copyKeyByKey(assignment: TSESTree.AssignmentExpression): void {
    const left = unwrapTypeScript(assignment.left) as TSESTree.Node;
    const right = unwrapTypeScript(assignment.right) as TSESTree.Node;
    if (assignment.operator !== '=' || left.type !== 'MemberExpression' || right.type !== 'MemberExpression' || !left.computed || !right.computed) return;
    if (left.property.type !== 'Identifier' || right.property.type !== 'Identifier' || left.property.name !== right.property.name) return;
    const key = this.variables.get(right.property);
    const iterated = key && this.keyIterations.get(key);
    if (iterated === undefined || iterated !== chainText(right.object) || chainText(left.object) === undefined) return;
    const source = this.expression(right.object);
    for (const target of this.targets(left.object)) this.copy(source, target);
  }

  /** The nodes an assignment target writes. */
  protected targets(target: TSESTree.Node): string[] {
    const node = unwrapTypeScript(target) as TSESTree.Node;
    if (node.type === 'Identifier') return [this.variableKey(node)];
    if (node.type !== 'MemberExpression') return [];
    if (this.isModuleExports(node)) return [this.moduleKey];
    const name = memberName(node);
    if (isCompiledTaroState(node, name)) return [this.node(`${this.instance}.data`, node)];
    // `wx.goPage = (page, query) => …`: a method the app adds to the platform object, which its calls of `wx.goPage` reach.
    if (name !== undefined && node.object.type === 'Identifier' && this.namespaceAlias(node.object)) return [this.node(extensionKey(name), node, `${node.object.name}.${name}`)];
    if (name === undefined) this.expression(node.property as TSESTree.Expression);
    const bases = this.expression(node.object as TSESTree.Expression).filter((ref) => !ref.shallow);
    const keys: string[] = [];
    if (name !== undefined) keys.push(...this.thisWrite(bases, name, node));
    for (const base of bases) {
      const key = fieldKey(base.key, this.fieldName(base.key, name ?? '[]'));
      if (key) keys.push(this.node(key, node));
    }
    return keys;
  }

  /**
   * A write of field `name` on a function's own `this` (see FlowFragment.thisWrites): recorded, and
   * also kept under the function's own `#set` node, which holds only what the function writes there
   * (its `this` gets every field of every receiver, and may have no room left for the value's fields).
   */
  protected thisWrite(bases: readonly Ref[], name: string, at: Node): string[] {
    const owner = this.context.thisOwner;
    if (owner === undefined || PLAIN_THIS.test(this.context.this) || !bases.some((base) => base.key === this.context.this)) return [];
    this.fragment.thisWrites.push([owner, name]);
    const key = fieldKey(`${owner}${SET_SUFFIX}`, name);
    return key ? [this.node(key, at)] : [];
  }

  /** `k~record`: k's own value with its personal data left out (propagate.ts masks it there). */
  protected recordView(key: string, at: Node): Ref {
    if (key.endsWith(RECORD_VIEW)) return { key, shallow: true };
    const view = this.node(`${key}${RECORD_VIEW}`, at);
    this.fragment.copies.push([`${key}^`, view]);
    return { key: view, shallow: true };
  }

  /** Component `properties` and `data` are one namespace (`this.properties.x` is `this.data.x`). */
  protected fieldName(base: string, name: string): string {
    return name === 'properties' && base.startsWith('i:') && !base.includes('.') ? 'data' : name;
  }

  /**
   * The value of `base.name`: the field, and the whole base's own value; for a field that names a
   * record (RECORD_FIELD), the base's own value without its personal data (a record view). `holds`: the
   * object keeps what the field is named (false where the code takes the field out of it).
   */
  field(base: readonly Ref[], name: string, at: Node, byName = true, holds = true): Ref[] {
    if (INERT_PROPERTIES.has(name)) return [];
    const record = RECORD_FIELD.test(name) && !IDENTITY_FIELD.test(name);
    const refs: Ref[] = [];
    for (const ref of base) {
      if (ref.shallow) {
        refs.push(record ? this.recordView(ref.key, at) : ref);
        continue;
      }
      const key = fieldKey(ref.key, this.fieldName(ref.key, name));
      if (key) refs.push({ key: this.node(key, at) });
      refs.push(record ? this.recordView(ref.key, at) : { key: ref.key, shallow: true });
    }
    // `KEYS.TOKEN`, or `KEYS.sessionToken` of a table of strings, names a constant (a storage key), not the token itself.
    const label = byName && !isConstantName(name) && !(base.length > 0 && base.every((ref) => this.stringTables.has(ref.key))) ? sensitiveNameLabel(name) : undefined;
    if (label && base.length > 0) {
      const named = this.source('named', `a value named ${name}`, at, label);
      // A record known by its name (`userInfo`) is personal as a whole; a field read off it (`info.level`) is what its own name says.
      // Not on an object a reassigned variable holds (see `holds`): a deep read of its earlier value would take it.
      const fields = namesARecord(name) && holds ? refs.filter((ref) => !ref.shallow) : [];
      for (const ref of fields) {
        const whole = fieldKey(ref.key, hiddenField(name));
        if (whole) this.copy([named], this.node(whole, at));
      }
      if (fields.length === 0) refs.push(named);
      // The object holds what the field's name says wherever it goes (a login response stored whole stores the token read off it
      // elsewhere): kept in a hidden field (`~token`), which a deep read of the object sees and a read of the field does not.
      // Not the App or a page: an instance holds everything the app keeps, and logging it is not logging a response.
      for (const ref of holds ? base : []) {
        const holder = ref.shallow || isInstanceKey(ref.key) ? undefined : fieldKey(ref.key, hiddenField(name));
        if (holder) this.copy([named], this.node(holder, at));
      }
    }
    return refs;
  }

  elementsOf(collection: readonly Ref[]): Ref[] {
    return collection.flatMap((ref) => (ref.shallow ? [ref] : [{ key: fieldKey(ref.key, '[]') ?? ref.key }, { key: ref.key, shallow: true }]));
  }
}

/** `o` of `Object.keys(o)` and `Object.entries(o)`. */
function keysCallObject(raw: TSESTree.Node): TSESTree.Node | undefined {
  const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
  if (node.type !== 'CallExpression' || node.arguments.length !== 1 || node.callee.type !== 'MemberExpression') return undefined;
  const text = chainText(node.callee);
  return text === 'Object.keys' || text === 'Object.entries' ? (node.arguments[0] as TSESTree.Node) : undefined;
}
