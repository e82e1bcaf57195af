/**
 * Lifecycle handlers the runtime calls by itself, with no user action: where a page's or the App's
 * code starts. Keyed by the instance they belong to. A page built with `Component` has a page's
 * handlers among its methods; Alipay components use `onInit`/`didMount`.
 */
export const LIFECYCLE_ENTRIES = {
  app: ['App.onLaunch', 'App.onShow'],
  instance: ['Page.onLoad', 'Page.onShow', 'Page.onReady', 'Component.created', 'Component.attached', 'Component.ready', 'Component.onInit', 'Component.didMount', 'Component.mounted', 'Component.setup'],
  source:
    'WeChat 注册小程序 (App onLaunch/onShow), 注册页面 (Page onLoad/onShow/onReady), 组件生命周期 (created/attached/ready); Alipay 自定义组件 (onInit/didMount); Vue (created/mounted, as uni-app and mpvue builds keep them); Vue 3 composition API (setup() runs as the component is created; onLoad/onShow registered from it, uni-app); Douyin, Baidu and QQ follow WeChat',
} as const;

/**
 * Entries kept under another field than their name. A compiled `<script setup>`'s `setup()` is
 * kept apart from a page's own method that happens to be called `setup` (a button's handler).
 */
export const ENTRY_FIELDS: Readonly<Record<string, string>> = { 'Component.setup': '$scriptSetup' };
