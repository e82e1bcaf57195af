import { PLATFORM_IDS, PLATFORMS } from '../platforms/index.js';
import type { BundleFile, PlatformId } from '../types.js';
import { extensionOf } from './file-kinds.js';

const ORDER = PLATFORM_IDS;

/**
 * Decides the platform of a project: a platform-specific project file wins (mini.project.json
 * is Alipay's) unless the app's own templates are all in other languages, then the template language most of the app's own files use (a Douyin app ships
 * a WeChat component library's `.wxml` in `miniprogram_npm`), then that of its libraries; WeChat
 * when nothing tells.
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
  return mostUsedTemplateLanguage(own.length > 0 ? own : templates);
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
