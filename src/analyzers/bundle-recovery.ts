import type { TSESTree } from '@typescript-eslint/types';
import type { FileNotification } from '../types.js';
import type { ParsedScript } from './parse-script.js';

/** Broken modules blanked out of one bundle before it is given up as a whole. */
const MAX_BROKEN_MODULES = 4;

/** `define("pages/a/a.js", function (…) {` at the start of a line or after the previous module. */
const MODULE_START = /(?:^|[;}\n])[ \t]*define\(\s*(["'])([^"'\n]{1,300})\1\s*,/g;

interface ModuleSpan {
  path: string;
  start: number;
  end: number;
}

/** The modules a compiled service bundle defines, each from its `define(` to the next one. */
function moduleSpans(text: string): ModuleSpan[] {
  const starts: { path: string; start: number }[] = [];
  for (const match of text.matchAll(MODULE_START)) {
    const lead = match[0].search(/define\(/);
    starts.push({ path: match[2]!, start: match.index + lead });
  }
  return starts.map((item, index) => ({ ...item, end: starts[index + 1]?.start ?? text.length }));
}

/** `text` with the span's characters turned to spaces, its line breaks kept: every other offset stays where it was. */
function blank(text: string, span: ModuleSpan): string {
  return text.slice(0, span.start) + text.slice(span.start, span.end).replace(/[^\r\n\u2028\u2029]/g, ' ') + text.slice(span.end);
}

export interface RecoveredBundle {
  ast: TSESTree.Program;
  /** One syntax error per module left out. */
  notifications: FileNotification[];
}

/**
 * A compiled service bundle whose one broken module (a de-minifier that split a regular expression
 * across lines) would otherwise lose the whole bundle: each module holding a syntax error is blanked
 * out in place and the rest parsed again, so positions are unchanged and the other modules are
 * analysed. Undefined when an error lies outside every module, or too many modules are broken. A
 * module runs to the next `define(`: the last one takes the code after it, and an error an earlier
 * module causes further on may be charged to the module where the parser stops.
 */
export function recoverBundle(text: string, firstError: Extract<ParsedScript, { ok: false }>, parse: (text: string) => ParsedScript): RecoveredBundle | undefined {
  const spans = moduleSpans(text);
  if (spans.length < 2) return undefined;
  const notifications: FileNotification[] = [];
  let current = text;
  let failure = firstError;
  for (let attempt = 0; attempt < MAX_BROKEN_MODULES; attempt++) {
    const offset = failure.offset;
    const span = offset === undefined ? undefined : spans.find((candidate) => candidate.start <= offset && offset < candidate.end);
    if (!span) return undefined;
    const { notification } = failure;
    notifications.push({ ...notification, message: notification.message.replace(/; file not analysed$/, `; module "${span.path}" not analysed, the rest of the bundle is`) });
    current = blank(current, span);
    const parsed = parse(current);
    if (parsed.ok) return { ast: parsed.ast, notifications };
    if (parsed.offset !== undefined && parsed.offset >= span.start && parsed.offset < span.end) return undefined;
    failure = parsed;
  }
  return undefined;
}
