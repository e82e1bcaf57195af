import type { TSESTree } from '@typescript-eslint/types';
import type { Node } from '../traverse.js';
import type { FlowLabel } from '../../platforms/flows.js';
import type { ExtractOptions } from './extract-options.js';
import { collectIdentifiers, compact } from './extract-syntax.js';
import type { FlowFragment, Ref } from './fragment.js';
import { moduleExportName } from '../module-export-name.js';

/** What the module statements need of the extractor (extract-statements.ts). */
export interface ModuleTarget {
  readonly options: ExtractOptions;
  readonly fragment: FlowFragment;
  readonly moduleKey: string;
  copy(refs: readonly Ref[], target: string): void;
  variableKey(identifier: TSESTree.Identifier): string;
  statement(node: TSESTree.Node | null | undefined): void;
  source(label: FlowLabel, origin: string, at: Node, named?: FlowLabel, text?: string): Ref;
}

/** `export { a as b }`, `export const x = …`, `export { y } from './m'`: the module's fields. */
export function exportNamed(target: ModuleTarget, node: TSESTree.ExportNamedDeclaration): void {
  if (node.source) {
    const from = target.options.resolve(node.source.value);
    if (!from) return;
    for (const specifier of node.specifiers) {
      target.copy([{ key: `m:${target.options.fileIds.of(from)}.${moduleExportName(specifier.local)}` }], `${target.moduleKey}.${moduleExportName(specifier.exported)}`);
    }
    return;
  }
  if (node.declaration) {
    target.statement(node.declaration);
    const names: TSESTree.Identifier[] = [];
    if (node.declaration.type === 'VariableDeclaration') for (const declarator of node.declaration.declarations) collectIdentifiers(declarator.id, names);
    else if ('id' in node.declaration && node.declaration.id?.type === 'Identifier') names.push(node.declaration.id);
    for (const name of names) target.copy([{ key: target.variableKey(name) }], `${target.moduleKey}.${name.name}`);
  }
  for (const specifier of node.specifiers) {
    if (specifier.local.type !== 'Identifier') continue;
    target.copy([{ key: target.variableKey(specifier.local) }], `${target.moduleKey}.${moduleExportName(specifier.exported)}`);
  }
}

/** `import a, { b } from './m'`: the bindings get the module's fields; an SDK's package also gives its handle. */
export function importDeclaration(target: ModuleTarget, node: TSESTree.ImportDeclaration): void {
  const sdk = sdkHandle(target, node.source.value, node);
  if (sdk.length > 0) for (const specifier of node.specifiers) if (specifier.type !== 'ImportSpecifier' || moduleExportName(specifier.imported) === 'default') target.copy(sdk, target.variableKey(specifier.local));
  const from = target.options.resolve(node.source.value);
  if (!from) return;
  const module = `m:${target.options.fileIds.of(from)}`;
  for (const specifier of node.specifiers) {
    const local = target.variableKey(specifier.local);
    if (specifier.type === 'ImportNamespaceSpecifier') target.copy([{ key: module }], local);
    // A CommonJS module's default is its exports (Babel's and webpack's interop): which one, the graph decides.
    else if (specifier.type === 'ImportDefaultSpecifier') target.fragment.defaultImports.push([module, local]);
    else target.copy([{ key: `${module}.${moduleExportName(specifier.imported)}` }], local);
  }
}

/** A tracking SDK loaded here (`import sa from 'sa-sdk-miniprogram'`, `require('./ald-stat')`): its handle, a source traced to its method calls anywhere. */
export function sdkHandle(target: ModuleTarget, specifier: string, at: Node): Ref[] {
  const sdk = target.options.sdkHandles?.sdkOf(specifier);
  return sdk ? [target.source('sdk-handle', `loaded from '${compact(specifier)}'`, at, undefined, sdk)] : [];
}

