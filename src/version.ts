import { readFileSync } from 'node:fs';

/**
 * The package's folder. This module sits one level below it, in src/ or dist/, and so does the
 * bundled CLI (dist/cli.bundle.cjs), so the same relative path serves all three.
 */
export const PACKAGE_ROOT = new URL('../', import.meta.url);

const packageJson = JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')) as { version: string; homepage?: string };

export const TOOL_NAME = 'minivet';
export const TOOL_VERSION: string = packageJson.version;
export const TOOL_URI = 'https://github.com/minivet/minivet';
export const RULE_DOCS_BASE = `${TOOL_URI}/blob/main/docs/rules/`;
