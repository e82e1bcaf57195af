import type { TSESTree } from '@typescript-eslint/types';
import type { Variable } from '@typescript-eslint/scope-manager';

/** Elements Babel's helper is asked for; a destructuring names a handful. */
const MAX_ELEMENTS = 16;

/**
 * Array destructuring as Babel and TypeScript compile it: `const [url, setUrl] = useState('')`
 * becomes `var n = _slicedToArray(useState(''), 2), url = n[0], setUrl = n[1]` (minified
 * `n = (0, o.Z)(e, 2)`). The helper hands back its argument's elements, so the call is its
 * argument. Modelled at the call, the bundle's many destructurings do not meet in the helper's one
 * parameter and result, where every page's state would reach every other page.
 *
 * The helper is known by how its result is used, not by its name: a call of two arguments, the
 * second the count N, whose variable is read only by the declarators that follow it, each `n[k]`
 * with k < N. Returns the destructured value, or undefined for any other declarator.
 */
export function destructuredArray(declaration: TSESTree.VariableDeclaration, index: number, variables: ReadonlyMap<TSESTree.Identifier, Variable>): TSESTree.Expression | undefined {
  const declarator = declaration.declarations[index]!;
  const call = declarator.init;
  if (declarator.id.type !== 'Identifier' || call?.type !== 'CallExpression' || call.arguments.length !== 2) return undefined;
  const [array, count] = call.arguments as [TSESTree.CallExpressionArgument, TSESTree.CallExpressionArgument];
  const elements = count.type === 'Literal' && typeof count.value === 'number' ? count.value : 0;
  if (array.type === 'SpreadElement' || !Number.isInteger(elements) || elements < 1 || elements > MAX_ELEMENTS) return undefined;
  const variable = variables.get(declarator.id);
  if (!variable) return undefined;
  const name = declarator.id.name;
  const reads = new Set<TSESTree.Node>();
  for (const later of declaration.declarations.slice(index + 1)) {
    const element = later.init;
    if (element?.type !== 'MemberExpression' || !element.computed || element.object.type !== 'Identifier' || element.object.name !== name) continue;
    if (element.property.type === 'Literal' && typeof element.property.value === 'number' && element.property.value < elements) reads.add(element.object);
  }
  if (reads.size === 0) return undefined;
  return variable.references.every((reference) => reference.init === true || reads.has(reference.identifier)) ? array : undefined;
}
