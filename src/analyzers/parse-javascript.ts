import { parseModule, parseScript, type ESTree, type Options } from 'meriyah';
import type { TSESTree } from '@typescript-eslint/types';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

/**
 * JavaScript parsed by meriyah (plain JavaScript, so running out of stack is an ordinary error)
 * into the tree typescript-estree builds for the same text: on the 11,500 scripts of the
 * development and smoke corpora the two are equal after `toTypescriptEstreeShape`
 * (test/parse-javascript.test.ts keeps that true for a sample of every construct). It also reads
 * sloppy-mode code typescript-estree refuses, such as legacy octal literals, as the platforms run it.
 */
const OPTIONS: Options = { ranges: { range: true, start: false, end: false }, next: true, webcompat: true, raw: true, globalReturn: true };
/** An import or export statement at the start of a line: likely a module, so tried as one first. */
const MODULE_SYNTAX = /^[ \t]*(?:import[\s{*'"]|export\s)/m;
const MODULE_DECLARATIONS = new Set(['ImportDeclaration', 'ExportNamedDeclaration', 'ExportDefaultDeclaration', 'ExportAllDeclaration']);

/** The tree, or undefined when meriyah rejects the text (the caller then asks typescript-estree). */
export function parseJavaScript(text: string, withComments: boolean): TSESTree.Program | undefined {
  const comments: TSESTree.Comment[] = [];
  const onComment = (type: ESTree.CommentType, value: string, start: number, end: number): void => {
    // typescript-estree leaves a `#!` line out of the comments.
    if (type !== 'HashbangComment') comments.push(comment(type, value, start, end));
  };
  const options: Options = withComments ? { ...OPTIONS, onComment } : OPTIONS;
  // Scripts are the common case; a file that uses import or export is tried as a module first.
  const attempts = MODULE_SYNTAX.test(text) ? [parseModule, parseScript] : [parseScript, parseModule];
  for (const parse of attempts) {
    comments.length = 0;
    let program: ESTree.Program;
    try {
      program = parse(text, options);
    } catch {
      continue;
    }
    toTypescriptEstreeShape(program);
    // As typescript-estree: a module is a file with import or export statements, whatever parsed it.
    program.sourceType = program.body.some((statement) => MODULE_DECLARATIONS.has(statement.type)) ? 'module' : 'script';
    const tree = program as unknown as TSESTree.Program;
    if (withComments) tree.comments = comments;
    return tree;
  }
  return undefined;
}

function comment(type: ESTree.CommentType, value: string, start: number, end: number): TSESTree.Comment {
  return { type: type === 'MultiLine' ? 'Block' : 'Line', value, range: [start, end] } as TSESTree.Comment;
}

const NO_DECORATORS: readonly never[] = Object.freeze([]);
const PATTERN = { decorators: NO_DECORATORS, optional: false };
const CLASS = { abstract: false, declare: false, implements: NO_DECORATORS };
const FUNCTION = { declare: false, expression: false };
/**
 * Fields typescript-estree sets on plain JavaScript that meriyah leaves out, with their values
 * there (found by comparing both trees over the corpora). scope-manager reads several of them
 * (`param.decorators`, `class.implements`). Fields typescript-estree leaves undefined are not listed.
 */
const TYPESCRIPT_ESTREE_DEFAULTS: Readonly<Record<string, object>> = {
  Identifier: PATTERN, ArrayPattern: PATTERN, ObjectPattern: PATTERN, AssignmentPattern: PATTERN, RestElement: PATTERN,
  ArrowFunctionExpression: { id: null },
  FunctionDeclaration: FUNCTION, FunctionExpression: FUNCTION,
  ClassDeclaration: CLASS, ClassExpression: CLASS,
  MethodDefinition: { optional: false, override: false },
  Property: { optional: false },
  PropertyDefinition: { declare: false, definite: false, optional: false, override: false, readonly: false },
  VariableDeclaration: { declare: false },
  VariableDeclarator: { definite: false },
  ImportDeclaration: { importKind: 'value' }, ImportSpecifier: { importKind: 'value' },
  ExportAllDeclaration: { exportKind: 'value' }, ExportDefaultDeclaration: { exportKind: 'value' },
  ExportNamedDeclaration: { exportKind: 'value' }, ExportSpecifier: { exportKind: 'value' },
};

/**
 * Brings meriyah's tree to typescript-estree's shape: the fields above, and template element
 * ranges, which in meriyah span only the text and in typescript-estree start at the backtick or
 * `}` before it and end after the backtick or `${` that closes it.
 */
function toTypescriptEstreeShape(program: ESTree.Program): void {
  const pending: unknown[] = [program];
  while (pending.length > 0) {
    const node = pending.pop() as Record<string, unknown> & { type: string };
    const defaults = TYPESCRIPT_ESTREE_DEFAULTS[node.type];
    if (defaults) Object.assign(node, defaults);
    else if (node.type === 'TemplateElement') {
      const range = node.range as [number, number];
      node.range = [range[0] - 1, range[1] + (node.tail ? 1 : 2)];
    }
    // Indexed loops: this walk meets every node of every script, often before V8 has optimised it,
    // and unoptimised for-of allocates an iterator and a result object per step.
    const keys = visitorKeys[node.type];
    if (keys === undefined) continue;
    for (let k = 0; k < keys.length; k++) {
      const child = node[keys[k]!];
      if (Array.isArray(child)) {
        for (let i = 0; i < child.length; i++) if (child[i]) pending.push(child[i]);
      } else if (child && typeof child === 'object') pending.push(child);
    }
  }
}
