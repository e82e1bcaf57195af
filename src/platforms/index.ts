import type { PlatformId } from '../types.js';
import { alipay } from './alipay.js';
import { baidu } from './baidu.js';
import { bytedance } from './bytedance.js';
import { qq } from './qq.js';
import type { PlatformCatalog } from './types.js';
import { wechat } from './wechat.js';

/**
 * The platform registry: adding a platform means its catalog here (and its flows, trackers and
 * privacy tables, which test/platform-registry.test.ts checks). Order is detection order: a
 * platform's own project file is looked for in this order, and WeChat is the default.
 */
const CATALOGS: readonly PlatformCatalog[] = [wechat, alipay, bytedance, baidu, qq];

export const PLATFORM_IDS: readonly PlatformId[] = CATALOGS.map((catalog) => catalog.id);

export const PLATFORMS: Readonly<Record<PlatformId, PlatformCatalog>> = Object.fromEntries(CATALOGS.map((catalog) => [catalog.id, catalog])) as Record<PlatformId, PlatformCatalog>;

/** Every extension some platform gives a role: the file kinds, ESLint globs and detection read these. */
export function registeredExtensions(role: keyof PlatformCatalog['extensions']): string[] {
  return [...new Set(CATALOGS.flatMap((catalog) => catalog.extensions[role]))];
}

export function platformCatalog(id: PlatformId): PlatformCatalog {
  return PLATFORMS[id];
}

/** APIs that may be listed in requiredPrivateInfos on this platform. */
export function privateInfoApis(platform: PlatformCatalog): string[] {
  return Object.entries(platform.apis)
    .filter(([, requirement]) => requirement.requiredPrivateInfo)
    .map(([api]) => api);
}

export type { PlatformCatalog } from './types.js';
