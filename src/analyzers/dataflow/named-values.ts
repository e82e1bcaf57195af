import type { TSESTree } from '@typescript-eslint/types';
import { sessionKeyEndpointIn } from '../../catalogs/server-endpoints.js';
import type { Node } from '../traverse.js';
import type { ApiCallTarget } from './api-target.js';
import { fieldKey, hiddenField, type Ref } from './fragment.js';
import { namesARecord, sensitiveNameLabel } from './names.js';

/** What a value holds by what names it: a storage entry by its key, a response by the endpoint it comes from. */

/**
 * What a key's name says the entry holds (`'token'`, `'userinfo'`). An entry named as a record holds it
 * as a whole, in a hidden field a read of the whole sees and a read of one field (`user.foodList`) does not.
 */
export function withKeyName(target: ApiCallTarget, entry: Ref[], key: string, at: TSESTree.CallExpression): Ref[] {
  const named = sensitiveNameLabel(key);
  if (!named) return entry;
  const source = target.source('named', `read from storage key "${key}"`, at, named);
  if (!namesARecord(key)) return [...entry, source];
  const value = target.temp(at, '#read');
  target.copy(entry, value);
  target.copy([source], target.node(fieldKey(value, hiddenField(key))!, at));
  return [{ key: value }];
}

/** The response of a request to a platform's code2Session endpoint (`spapi.baidu.com/oauth/jscode2sessionkey`) holds the session key in `data.session_key`. */
export function sessionKeyInResponse(target: ApiCallTarget, url: string, response: string, at: Node): void {
  const endpoint = sessionKeyEndpointIn(url);
  if (!endpoint) return;
  const sessionKey = target.source('named', `the session_key in the response of ${endpoint.platform}'s ${endpoint.name}`, at, 'credential');
  target.copy([sessionKey], target.node(fieldKey(fieldKey(response, 'data')!, 'session_key')!, at));
}
