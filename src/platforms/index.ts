import type { PlatformId } from '../types.js';
import { alipay } from './alipay.js';
import { baidu } from './baidu.js';
import { bytedance } from './bytedance.js';
import { qq } from './qq.js';
import type { PlatformCatalog } from './types.js';
import { wechat } from './wechat.js';

export const PLATFORMS: Readonly<Record<PlatformId, PlatformCatalog>> = { wechat, alipay, bytedance, baidu, qq };

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
