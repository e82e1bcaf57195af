import type { SourceLocation } from '../../types.js';
import { compactLabel, PARSED, type FlowUnit, type NodeInfo } from './fragment.js';

/** Characters of a call's text looked at for its closing parenthesis, and shown at most. */
const CALL_TEXT_SPAN = 200;
/** `t:<file>@<start>[-<end>][~parsed]#call`: a call's result (JSON.parse's marked as a parsed record). */
const CALL_RESULT = new RegExp(`^t:([^@.]+)@(\\d+)(?:-(\\d+))?(?:${PARSED})?#call[+^]*$`);

/**
 * Where the temporaries of the graph are in the code: the extractor keeps no record of them, but
 * their keys carry their file's id and offset (`t:<file>@<offset>`; a call after the first of a chain also its end). Each file's text is found
 * once, through any record of a node of that file.
 */
export class TemporaryPlaces {
  private units: Map<string, FlowUnit> | undefined;

  constructor(private readonly info: ReadonlyMap<string, NodeInfo>) {}

  /**
   * A call's result on a path (`urlfix(url, 'token=' + token)`): a step worth showing, as the line
   * where the value is built into another. Other temporaries (object literals) are not shown.
   */
  callResult(key: string): NodeInfo | undefined {
    const match = CALL_RESULT.exec(key);
    if (!match) return undefined;
    const unit = this.unitOf(match[1]!);
    const start = Number(match[2]);
    if (!unit || start >= unit.text.length) return undefined;
    const end = match[3] === undefined ? callEnd(unit.text, start) : Math.min(Number(match[3]), start + CALL_TEXT_SPAN, unit.text.length);
    return { unit, start, end, label: compactLabel(unit.text.slice(start, end)) };
  }

  /** Where any temporary starts (a join, an object literal, a call's result). */
  placeOf(key: string): SourceLocation | undefined {
    const match = /^t:([^@.]+)@(\d+)/.exec(key);
    const unit = match ? this.unitOf(match[1]!) : undefined;
    const start = Number(match?.[2]);
    return unit && start < unit.text.length ? { file: unit.file, region: unit.region(start, start + 1) } : undefined;
  }

  private unitOf(id: string): FlowUnit | undefined {
    if (!this.units) {
      this.units = new Map();
      for (const [known, info] of this.info) {
        const file = 'unit' in info ? /^[a-z]+:([^@.]+)@/.exec(known)?.[1] : undefined;
        if (file !== undefined && !this.units.has(file)) this.units.set(file, (info as { unit: FlowUnit }).unit);
      }
    }
    return this.units.get(id);
  }
}

/** The end of the call starting at `start`: its closing parenthesis, strings skipped, within a bound. */
function callEnd(text: string, start: number): number {
  const limit = Math.min(text.length, start + CALL_TEXT_SPAN);
  let depth = 0;
  let quote = '';
  for (let index = start; index < limit; index++) {
    const char = text[index]!;
    if (quote) {
      if (char === '\\') index++;
      else if (char === quote) quote = '';
    } else if (char === '"' || char === "'" || char === '`') quote = char;
    else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return index + 1;
  }
  return limit;
}
