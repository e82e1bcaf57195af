import type { FileKind } from '../types.js';
import { registeredExtensions } from '../platforms/index.js';

const SCRIPT = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts']);
// Template, template-script and style extensions come from the platform registry.
const TEMPLATE = new Set(registeredExtensions('template'));
const TEMPLATE_SCRIPT = new Set(registeredExtensions('templateScript'));
const STYLE = new Set([...registeredExtensions('style'), '.css', '.less', '.scss']);

/**
 * Folders never read: dependencies that are not shipped, VCS data, and what editors write beside
 * the app. Alipay's IDE keeps generated entry files and its module loader in `.tea`, and VS Code's
 * local history keeps old copies of every script in `.history`: findings there repeat the app's
 * or belong to the IDE, and the developer cannot act on them. macOS's archiver puts each file's
 * metadata in `__MACOSX/` (binary, named like the app's files), which no platform ships.
 */
export const SKIPPED_DIRECTORIES = new Set([
  'node_modules', '.git', '.svn', '.hg',
  '.tea', '.mini-ide', '.swan', '.history', '.idea', '.vscode',
  '__MACOSX',
]);

/** `._app.js`: the binary metadata file macOS writes beside a file on a volume without its attributes. */
const APPLE_DOUBLE = /(?:^|\/)\._[^/]*$/;
/** Folders holding third-party code that is shipped with the mini-app. */
export const THIRD_PARTY_DIRECTORIES = new Set(['miniprogram_npm']);

/** Folders never searched for a mini-app: dot folders, dependencies and shipped third-party code. */
export function isUnsearchedFolderName(name: string): boolean {
  return name.startsWith('.') || SKIPPED_DIRECTORIES.has(name) || THIRD_PARTY_DIRECTORIES.has(name);
}

/** The platforms' project files (WeChat, QQ and ByteDance share project.config.json). */
export const PROJECT_MARKERS: readonly string[] = ['mini.project.json', 'project.swan.json', 'project.tt.json', 'project.config.json'];

export function extensionOf(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  // A file named just `.js` is a script too: a dot-name is no excuse to go unread.
  return dot > slash ? path.slice(dot).toLowerCase() : '';
}

/** A compiled package's render page: its templates are compiled into its scripts (compiled-templates.ts). */
const COMPILED_TEMPLATE_PAGE = /(?:^|\/)page-frame\.html$/;

/** The role of a file, decided by its name alone (content is never run). */
export function fileKind(path: string): FileKind {
  if (APPLE_DOUBLE.test(path)) return 'other';
  if (path.endsWith('.d.ts') || path.endsWith('.d.mts') || path.endsWith('.d.cts')) return 'other';
  const extension = extensionOf(path);
  if (SCRIPT.has(extension)) return 'script';
  if (TEMPLATE.has(extension)) return 'template';
  if (TEMPLATE_SCRIPT.has(extension)) return 'template-script';
  if (STYLE.has(extension)) return 'style';
  if (extension === '.json') return 'json';
  if (COMPILED_TEMPLATE_PAGE.test(path)) return 'compiled-template';
  return 'other';
}

/** Kinds minivet reads; others (images, fonts) are listed but never opened. */
export function isAnalysedKind(kind: FileKind): boolean {
  return kind === 'script' || kind === 'template' || kind === 'template-script' || kind === 'compiled-template' || kind === 'json';
}
