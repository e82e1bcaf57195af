import type { TSESTree } from '@typescript-eslint/types';

/** A property's name as written (`name:`, `'name':`), not a computed one. */
export function propertyKey(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === 'Identifier') return property.key.name;
  if (property.key.type === 'Literal' && typeof property.key.value === 'string') return property.key.value;
  return undefined;
}
