import type { TSESTree } from '@typescript-eslint/types';

/** The name an import or export specifier gives (`a` of `{ a }`, `'a-b'` of `{ 'a-b' as c }`). */
export function moduleExportName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === 'Identifier' ? node.name : node.value;
}
