import { PLATFORM_IDS, PLATFORMS } from '../platforms/index.js';
import type { BundleFile, PlatformId } from '../types.js';
import { extensionOf } from './file-kinds.js';

const ORDER = PLATFORM_IDS;

/**
 * Decides the platform of a project: a platform-specific project file wins (mini.project.json is
 * Alipay's) unless the app's own templates are all in other languages; then the template language
 * most of the app's own files use (a Douyin app ships a WeChat component library's `.wxml` in
 * `miniprogram_npm`), then that of its libraries, WeChat when nothing tells; then a platform whose
 * runtime also runs that one's code, when the app's own scripts call it (byNamespace).
 */
export function detectPlatform(files: readonly BundleFile[], presentMarkers: ReadonlySet<string>): PlatformId {
  const templates = files.filter((file) => file.kind === 'template');
  const own = templates.filter((file) => !file.thirdParty);
  for (const id of ORDER) {
    if (id === 'wechat') continue; // project.config.json is shared by WeChat, QQ and ByteDance tools.
    if (!PLATFORMS[id].markerFiles.some((marker) => presentMarkers.has(marker))) continue;
    // A project file copied in from another platform's template (a Feishu app of `.ttml` pages with a
    // stray mini.project.json) does not make the app that platform's: its runtime loads none of them.
    if (own.length === 0 || own.some((file) => PLATFORMS[id].extensions.template.includes(extensionOf(file.path)))) return id;
  }
  const byTemplates = mostUsedTemplateLanguage(own.length > 0 ? own : templates);
  return byNamespace(files, byTemplates);
}

/** Calls of a namespace an app's own scripts make before they count as written for its platform. */
const MIN_NAMESPACE_USES = 2;

/**
 * A platform whose runtime also answers to the templates' platform's namespace (QQ runs `.wxml`
 * pages and `wx.*` calls), when the app's own scripts call its own namespace (`qq.authorize`),
 * which the other platform does not define, outside a `typeof qq` test: its APIs are then the
 * app's, and `wx.*` is still understood.
 */
function byNamespace(files: readonly BundleFile[], byTemplates: PlatformId): PlatformId {
  const namespace = PLATFORMS[byTemplates].globals[0]!;
  const scripts = files.filter((file) => file.kind === 'script' && !file.thirdParty);
  const candidates = ORDER.filter((id) => id !== byTemplates && PLATFORMS[id].globals.includes(namespace));
  for (const id of candidates) if (namespaceUses(scripts, PLATFORMS[id].globals[0]!, MIN_NAMESPACE_USES) >= MIN_NAMESPACE_USES) return id;
  return byScripts(scripts, byTemplates, namespace);
}

/** An app's own scripts calling the templates' namespace this often are written for the templates' platform. */
const OWN_NAMESPACE_ENOUGH = 40;
/** Another namespace must be called this many times, and this many times more often than the templates' one. */
const MIN_FOREIGN_USES = 10;
const FOREIGN_RATIO = 4;

/**
 * Templates in one platform's language, scripts written for another: a Douyin app that kept its
 * `.wxml` pages when it moved from WeChat calls `tt.*` throughout. The scripts' platform, when they
 * call its namespace far more often than the templates' one; the templates' platform otherwise.
 */
function byScripts(scripts: readonly BundleFile[], byTemplates: PlatformId, namespace: string): PlatformId {
  // Only WeChat's template language is written for other runtimes too; `.ttml`, `.axml`, `.swan` and `.qml` name theirs.
  if (byTemplates !== 'wechat') return byTemplates;
  const own = namespaceUses(scripts, namespace, OWN_NAMESPACE_ENOUGH);
  if (own >= OWN_NAMESPACE_ENOUGH) return byTemplates;
  const needed = Math.max(MIN_FOREIGN_USES, FOREIGN_RATIO * own + 1);
  for (const id of ORDER) {
    const foreign = PLATFORMS[id].globals[0]!;
    if (id === byTemplates || PLATFORMS[id].globals.includes(namespace)) continue;
    if (namespaceUses(scripts, foreign, needed) >= needed) return id;
  }
  return byTemplates;
}

/** Calls of `name`'s methods (`qq.login(…)`) in the scripts, not on a line that tests `typeof name`, counted up to `enough`. */
function namespaceUses(scripts: readonly BundleFile[], name: string, enough: number): number {
  // A call (`qq.login(`), not an address that contains the name (`123@qq.com`, `mail.qq.com`).
  const member = new RegExp(`(?<![\\w$.@/'"\`-])${name}\\.[A-Za-z_$][\\w$]*\\s*\\(`, 'g');
  const guard = `typeof ${name}`;
  let count = 0;
  for (const file of scripts) {
    member.lastIndex = 0;
    // Each line is tested for the guard once, however many calls it holds (minified code is one long line).
    let lineEnd = -1;
    let guarded = false;
    for (let match = member.exec(file.text); match !== null && count < enough; match = member.exec(file.text)) {
      if (match.index > lineEnd) {
        const lineStart = file.text.lastIndexOf('\n', match.index) + 1;
        const next = file.text.indexOf('\n', match.index);
        lineEnd = next === -1 ? file.text.length : next;
        guarded = file.text.slice(lineStart, lineEnd).includes(guard);
      }
      if (!guarded) count++;
    }
    if (count >= enough) break;
  }
  return count;
}

function mostUsedTemplateLanguage(templates: readonly BundleFile[]): PlatformId {
  const counts = new Map<PlatformId, number>();
  for (const file of templates) {
    const extension = extensionOf(file.path);
    const platform = ORDER.find((id) => PLATFORMS[id].extensions.template.includes(extension));
    if (platform) counts.set(platform, (counts.get(platform) ?? 0) + 1);
  }
  let best: PlatformId = 'wechat';
  let bestCount = 0;
  for (const id of ORDER) {
    const count = counts.get(id) ?? 0;
    if (count > bestCount) {
      best = id;
      bestCount = count;
    }
  }
  return best;
}
