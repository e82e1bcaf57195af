import { InputError } from '../errors.js';
import { JsonDocument, type JsonNode } from '../manifest/json-document.js';
import type { DeclaredPrivacy, DeclaredCategory } from '../analyzers/context.js';
import { PLATFORM_IDS } from '../platforms/index.js';
import type { PlatformId } from '../types.js';

/**
 * The developer's declared privacy guide (`--declared FILE`, docs/privacy-label.md), in one of two
 * forms: minivet's own (`{ "platform": "wechat", "categories": ["Location", { "key": "PhoneNumber",
 * "purpose": "…" }] }`), or the body WeChat's getprivacysetting API returns (`setting_list` of
 * `{ privacy_key, privacy_text }`), so a vendor can pass what the platform already holds.
 */

/** Past this, a declaration is not a privacy guide. */
const MAX_ENTRIES = 500;

function fail(source: string, message: string): never {
  throw new InputError(`${source}: ${message}`);
}

function entryOf(document: JsonDocument, node: JsonNode, source: string, keyName: string, purposeName: string): DeclaredCategory {
  const text = document.stringValue(node);
  if (text !== undefined) {
    if (text.trim() === '') fail(source, 'a category key is empty');
    return { key: text, region: document.regionOf(node) };
  }
  if (!document.isObject(node)) fail(source, `each category must be a key string or an object with "${keyName}"`);
  const key = document.property(node, keyName);
  const value = document.stringValue(key?.valueNode);
  if (value === undefined || value.trim() === '') fail(source, `a category has no "${keyName}" string`);
  const purpose = document.stringValue(document.property(node, purposeName)?.valueNode);
  return { key: value, region: document.regionOf(key!.valueNode!), ...(purpose !== undefined && { purpose }) };
}

/** Parses the text of a declaration file; `path` is kept as given (the scan makes it relative to each project). */
export function parseDeclaredPrivacy(text: string, path: string): DeclaredPrivacy {
  const source = `declared privacy guide ${path}`;
  const document = JsonDocument.parse(text, { lenient: true });
  const problem = document.problems[0];
  if (problem) fail(source, `line ${problem.region.start.line}: ${problem.message}`);
  if (!document.isObject(document.root)) fail(source, 'expected a JSON object');
  const mine = document.property(document.root, 'categories');
  const wechat = document.property(document.root, 'setting_list');
  if (!mine && !wechat) fail(source, 'expected "categories" (minivet\'s form) or "setting_list" (WeChat getprivacysetting)');
  const items = document.arrayItems((mine ?? wechat)!.valueNode);
  if (!items) fail(source, `"${mine ? 'categories' : 'setting_list'}" must be an array`);
  if (items.length > MAX_ENTRIES) fail(source, `more than ${MAX_ENTRIES} categories`);
  const categories = items.map((item) => (mine ? entryOf(document, item, source, 'key', 'purpose') : entryOf(document, item, source, 'privacy_key', 'privacy_text')));
  const platformText = document.stringValue(document.property(document.root, 'platform')?.valueNode);
  if (platformText !== undefined && !(PLATFORM_IDS as readonly string[]).includes(platformText)) fail(source, `"platform" must be one of ${PLATFORM_IDS.join(', ')}`);
  return { path, categories, ...(platformText !== undefined && { platform: platformText as PlatformId }), ...(wechat && !mine && { platform: 'wechat' as PlatformId }) };
}
