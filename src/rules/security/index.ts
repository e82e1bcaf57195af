import type { Rule } from '../rule.js';
import clientSideCode2session from './client-side-code2session.js';
import dynamicCode from './dynamic-code.js';
import extradataWithoutAppidCheck from './extradata-without-appid-check.js';
import hardcodedSecret from './hardcoded-secret.js';
import hiddenApi from './hidden-api.js';
import insecureTransport from './insecure-transport.js';
import webviewUntrustedSrc from './webview-untrusted-src.js';

/** Security rules (secrets, transport, dynamic code, hidden APIs, web-view). */
export const SECURITY_RULES: readonly Rule[] = [
  clientSideCode2session,
  dynamicCode,
  extradataWithoutAppidCheck,
  hardcodedSecret,
  hiddenApi,
  insecureTransport,
  webviewUntrustedSrc,
];
