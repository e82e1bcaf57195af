import type { Rule } from '../rule.js';
import clientSuppliedIdentity from './client-supplied-identity.js';
import sessionKeyExposed from './session-key-exposed.js';
import uncheckedDatabaseQuery from './unchecked-database-query.js';

/** Rules on a mini-app and its cloud functions as one system (src/analyzers/dataflow/cloud-flows.ts). */
export const CLOUD_RULES: readonly Rule[] = [clientSuppliedIdentity, sessionKeyExposed, uncheckedDatabaseQuery];
