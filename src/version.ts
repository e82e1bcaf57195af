import { readFileSync } from 'node:fs';

const packageJson = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { version: string; homepage?: string };

export const TOOL_NAME = 'minivet';
export const TOOL_VERSION: string = packageJson.version;
export const TOOL_URI = 'https://github.com/minivet/minivet';
export const RULE_DOCS_BASE = `${TOOL_URI}/blob/main/docs/rules/`;
