import type { Rule } from '../rule.js';
import crossPageRequestForgery from './cross-page-request-forgery.js';
import identityToWebview from './identity-to-webview.js';
import sensitiveDataLeak from './sensitive-data-leak.js';
import sensitiveDataToStorage from './sensitive-data-to-storage.js';
import uncheckedReferrerData from './unchecked-referrer-data.js';

/** Rules on traced data flows (src/analyzers/dataflow). */
export const DATAFLOW_RULES: readonly Rule[] = [crossPageRequestForgery, identityToWebview, sensitiveDataLeak, sensitiveDataToStorage, uncheckedReferrerData];
