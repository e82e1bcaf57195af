import { describe, expect, it } from 'vitest';
import { declarePrivateInfosFix, removePrivateInfoFix } from '../../src/eslint/manifest-fixes.js';
import type { EslintFix } from '../../src/eslint/types.js';

function apply(text: string, fix: EslintFix | undefined): string | undefined {
  return fix ? text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]) : undefined;
}

describe('declarePrivateInfosFix', () => {
  it('appends to a one-line array', () => {
    const text = '{ "requiredPrivateInfos": ["chooseAddress"] }';
    expect(apply(text, declarePrivateInfosFix(text, ['getLocation', 'onLocationChange']))).toBe('{ "requiredPrivateInfos": ["chooseAddress", "getLocation", "onLocationChange"] }');
  });

  it('keeps one entry per line when the array is written so', () => {
    const text = '{\n  "requiredPrivateInfos": [\n    "chooseAddress"\n  ]\n}\n';
    expect(apply(text, declarePrivateInfosFix(text, ['getLocation']))).toBe('{\n  "requiredPrivateInfos": [\n    "chooseAddress",\n    "getLocation"\n  ]\n}\n');
  });

  it('fills an empty array', () => {
    const text = '{"requiredPrivateInfos": [ ]}';
    expect(apply(text, declarePrivateInfosFix(text, ['getLocation']))).toBe('{"requiredPrivateInfos": ["getLocation"]}');
  });

  it('adds the field after the last one, indented like it, with the file\'s line ends', () => {
    const text = '{\r\n    "pages": ["a"],\r\n    "window": {}\r\n}\r\n';
    expect(apply(text, declarePrivateInfosFix(text, ['getLocation']))).toBe('{\r\n    "pages": ["a"],\r\n    "window": {},\r\n    "requiredPrivateInfos": ["getLocation"]\r\n}\r\n');
    expect(apply('{}', declarePrivateInfosFix('{}', ['getLocation']))).toBe('{\n  "requiredPrivateInfos": ["getLocation"]\n}');
  });

  it('uses the last of duplicate keys, as JSON.parse does, and keeps comments', () => {
    const text = '{\n  "requiredPrivateInfos": 1,\n  // note\n  "requiredPrivateInfos": ["a"]\n}';
    expect(apply(text, declarePrivateInfosFix(text, ['b']))).toBe('{\n  "requiredPrivateInfos": 1,\n  // note\n  "requiredPrivateInfos": ["a", "b"]\n}');
  });

  it('offers nothing when the manifest is not the expected shape', () => {
    expect(declarePrivateInfosFix('{ "requiredPrivateInfos": "getLocation" }', ['chooseAddress'])).toBeUndefined();
    expect(declarePrivateInfosFix('[1, 2]', ['getLocation'])).toBeUndefined();
    expect(declarePrivateInfosFix('', ['getLocation'])).toBeUndefined();
    expect(declarePrivateInfosFix('{}', [])).toBeUndefined();
    expect(declarePrivateInfosFix('['.repeat(100_000), ['getLocation'])).toBeUndefined();
  });
});

describe('removePrivateInfoFix', () => {
  const oneLine = '{ "requiredPrivateInfos": ["a", "b", "c"] }';
  it('removes an entry and its comma', () => {
    expect(apply(oneLine, removePrivateInfoFix(oneLine, oneLine.indexOf('"a"')))).toBe('{ "requiredPrivateInfos": ["b", "c"] }');
    expect(apply(oneLine, removePrivateInfoFix(oneLine, oneLine.indexOf('"b"')))).toBe('{ "requiredPrivateInfos": ["a", "c"] }');
    expect(apply(oneLine, removePrivateInfoFix(oneLine, oneLine.indexOf('"c"')))).toBe('{ "requiredPrivateInfos": ["a", "b"] }');
  });

  it('leaves an empty array when the last entry goes', () => {
    const text = '{\n  "requiredPrivateInfos": [\n    "a"\n  ]\n}';
    expect(apply(text, removePrivateInfoFix(text, text.indexOf('"a"')))).toBe('{\n  "requiredPrivateInfos": []\n}');
  });

  it('offers nothing for an offset that is not an entry', () => {
    expect(removePrivateInfoFix(oneLine, 0)).toBeUndefined();
    expect(removePrivateInfoFix('{"x": 1}', 0)).toBeUndefined();
  });
});
