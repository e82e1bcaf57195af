#!/usr/bin/env node
/**
 * Deterministic generator of a large, realistic WeChat mini-program for benchmarks.
 *
 *   node bench/generate-app.js [--pages N] [--out DIR] [--seed S] [--force]
 *
 * Default: 400 pages into .bench/large-app/ (about 8 MB of .js). Every byte comes from a seeded
 * PRNG (mulberry32), never Math.random, so the same version, seed and page count always give the
 * same tree. Page i depends only on (seed, i) and the names of pages before it, so a smaller app is
 * a prefix of a larger one. The tree is rewritten only when its stamp file (generator version,
 * seed, page count) does not match.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Bump whenever the output changes, so stale trees are regenerated. */
export const GENERATOR_VERSION = 7;
export const DEFAULT_SEED = 20240711;
export const DEFAULT_PAGES = 400;
const STAMP = '.bench-stamp';
const VENDOR_BYTES = 300 * 1024;

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BENCH_DIR = join(REPO, '.bench');

// ---------------------------------------------------------------- PRNG

function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Small helpers over one PRNG stream. */
function makeRandom(seed) {
  const next = mulberry32(seed);
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    sample(list, n) {
      const copy = list.slice();
      const out = [];
      while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
      return out;
    },
  };
  return r;
}

function seedFor(seed, index, salt) {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(salt + 7, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

// ---------------------------------------------------------------- vocabulary

const ENTITIES = ['order', 'product', 'coupon', 'address', 'store', 'member', 'cart', 'ticket', 'booking', 'review',
  'invoice', 'shipment', 'wallet', 'voucher', 'course', 'lesson', 'doctor', 'appointment', 'parking', 'charger',
  'activity', 'points', 'gift', 'refund', 'message', 'notice', 'article', 'video', 'team', 'event'];
const PAGE_KINDS = ['list', 'detail', 'edit', 'search', 'result', 'confirm', 'history', 'settings', 'center', 'map'];
const ACTIONS = ['load', 'refresh', 'submit', 'toggle', 'select', 'open', 'close', 'confirm', 'cancel', 'share',
  'filter', 'sort', 'search', 'preview', 'upload', 'fetch', 'sync', 'apply', 'remove', 'check'];
const FIELDS = ['name', 'title', 'price', 'amount', 'status', 'count', 'phone', 'remark', 'cover', 'tags', 'level',
  'score', 'distance', 'startTime', 'endTime', 'category', 'stock', 'discount', 'avatar', 'nickname', 'city', 'detail'];
const ZH = ['加载中', '提交成功', '网络异常，请稍后重试', '确定要删除吗？', '已复制', '暂无数据', '请先登录', '操作成功',
  '领取成功', '库存不足', '订单已取消', '支付失败', '请选择地址', '定位失败', '门店已打烊', '优惠券已过期', '保存成功'];
const STATUS = ['待支付', '已支付', '配送中', '已完成', '已取消', '退款中', '已退款'];
const CITIES = ['北京', '上海', '广州', '深圳', '杭州', '成都', '武汉', '西安', '南京', '重庆', '苏州', '长沙'];

const cap = (s) => s[0].toUpperCase() + s.slice(1);
const camel = (s) => s.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
const quote = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

// ---------------------------------------------------------------- page scripts

/** A page-level data value, as source text. */
function dataValue(r, field, depth = 0) {
  switch (field) {
    case 'price': case 'amount': case 'discount': return String(r.int(0, 99999) / 100);
    case 'count': case 'stock': case 'level': case 'score': case 'distance': return String(r.int(0, 500));
    case 'status': return String(r.int(0, STATUS.length - 1));
    case 'tags': return `[${r.sample(ZH, r.int(0, 3)).map(quote).join(', ')}]`;
    case 'city': return quote(r.pick(CITIES));
    case 'startTime': case 'endTime': return `'2024-0${r.int(1, 9)}-1${r.int(0, 9)} 1${r.int(0, 9)}:${r.int(10, 59)}'`;
    default:
      if (depth < 1 && r.chance(0.15)) {
        const keys = r.sample(FIELDS, r.int(2, 4));
        return `{ ${keys.map((k) => `${k}: ${dataValue(r, k, depth + 1)}`).join(', ')} }`;
      }
      return r.chance(0.5) ? quote(r.pick(ZH)) : "''";
  }
}

function pageData(r, entity) {
  const lines = ['  data: {'];
  lines.push(`    ${entity}List: [],`, '    page: 1,', '    hasMore: true,', '    loading: false,', "    keyword: '',", '    activeTab: 0,');
  lines.push(`    tabs: [${r.sample(STATUS, r.int(3, 5)).map((s, i) => `{ id: ${i}, name: ${quote(s)} }`).join(', ')}],`);
  for (const field of r.sample(FIELDS, r.int(6, 14))) lines.push(`    ${field}: ${dataValue(r, field)},`);
  if (r.chance(0.5)) {
    lines.push('    form: {');
    for (const field of r.sample(FIELDS, r.int(3, 7))) lines.push(`      ${field}: ${dataValue(r, field)},`);
    lines.push('    },');
  }
  if (r.chance(0.4)) {
    lines.push('    banners: [');
    for (let i = 0, n = r.int(2, 5); i < n; i++) {
      lines.push(`      { id: ${r.int(1000, 9999)}, image: 'https://cdn.example.com/banner/${r.int(1, 300)}.jpg', link: '/pages/${entity}-detail/${entity}-detail?id=${r.int(1, 999)}' },`);
    }
    lines.push('    ],');
  }
  lines.push('  },');
  return lines;
}

function lifecycle(r, entity, pageUrl) {
  const E = cap(entity);
  const out = [];
  out.push(
    '  onLoad(options) {',
    `    this.${entity}Id = options.id ? Number(options.id) : 0;`,
    `    this.fromShare = options.from === 'share';`,
    '    this.timers = [];',
    `    wx.setNavigationBarTitle({ title: options.title ? decodeURIComponent(options.title) : ${quote(r.pick(ZH))} });`,
  );
  if (r.chance(0.5)) out.push('    this.onKeywordInput = debounce(this.onKeywordInput.bind(this), 300);');
  out.push(`    this.load${E}List(true);`, '  },', '');
  out.push(
    '  onShow() {',
    '    const token = wx.getStorageSync(\'token\');',
    '    if (!token && this.needLogin) {',
    `      wx.navigateTo({ url: '/pages/login/login?redirect=' + encodeURIComponent('${pageUrl}') });`,
    '      return;',
    '    }',
    `    track('page_view', { page: '${pageUrl}', id: this.${entity}Id });`,
    '  },',
    '',
    '  onReady() {',
    "    this.animation = wx.createAnimation({ duration: 300, timingFunction: 'ease-out' });",
    '  },',
    '',
    '  onHide() {',
    '    this.timers.forEach((timer) => clearTimeout(timer));',
    '  },',
    '',
    '  onUnload() {',
    '    this.timers.forEach((timer) => clearTimeout(timer));',
    '    this.timers = [];',
    '    if (this.pollTimer) clearInterval(this.pollTimer);',
    '  },',
    '',
    '  onPullDownRefresh() {',
    `    this.load${E}List(true);`,
    '  },',
    '',
    '  onReachBottom() {',
    `    if (this.data.hasMore && !this.data.loading) this.load${E}List(false);`,
    '  },',
    '',
    '  onShareAppMessage() {',
    '    return {',
    `      title: ${quote(r.pick(ZH))},`,
    `      path: \`${pageUrl}?id=\${this.${entity}Id}&from=share\`,`,
    `      imageUrl: 'https://cdn.example.com/share/${entity}.png',`,
    '    };',
    '  },',
    '',
  );
  return out;
}

/** Event handlers and methods; each returns source lines. */
const METHOD_TEMPLATES = [
  // Paged list with callback-style wx.request.
  (r, entity, n) => {
    const E = cap(entity);
    const field = r.pick(FIELDS);
    return [
      `  load${E}List${n}(reset = false) {`,
      '    if (this.data.loading) return;',
      '    this.setData({ loading: true });',
      '    wx.request({',
      `      url: \`\${app.globalData.apiBase}/${entity}/list\`,`,
      "      method: 'GET',",
      '      data: { page: reset ? 1 : this.data.page + 1, size: PAGE_SIZE, keyword: this.data.keyword, tab: this.data.activeTab },',
      "      header: { Authorization: `Bearer ${wx.getStorageSync('token')}` },",
      '      success: (res) => {',
      '        if (res.statusCode !== 200 || !res.data || res.data.code !== 0) {',
      `          wx.showToast({ title: (res.data && res.data.message) || ${quote(r.pick(ZH))}, icon: 'none' });`,
      '          return;',
      '        }',
      '        const items = res.data.data.items.map((item) => ({',
      '          ...item,',
      '          priceText: formatPrice(item.price),',
      '          timeText: formatTime(new Date(item.createdAt)),',
      `          ${field}Text: item.${field} != null ? String(item.${field}) : '--',`,
      '        }));',
      '        this.setData({',
      `          ${entity}List: reset ? items : this.data.${entity}List.concat(items),`,
      '          page: reset ? 1 : this.data.page + 1,',
      '          hasMore: items.length === PAGE_SIZE,',
      '        });',
      '      },',
      '      fail: (err) => {',
      `        console.error('[${entity}] load failed', err);`,
      `        wx.showToast({ title: ${quote(r.pick(ZH))}, icon: 'none' });`,
      '      },',
      '      complete: () => {',
      '        this.setData({ loading: false });',
      '        wx.stopPullDownRefresh();',
      '      },',
      '    });',
      '  },',
    ];
  },
  // Toggle selection with setData.
  (r, entity, n) => [
    `  on${cap(r.pick(ACTIONS))}Item${n}(e) {`,
    '    const { id, index } = e.currentTarget.dataset;',
    `    const list = this.data.${entity}List.slice();`,
    '    if (!list[index] || list[index].id !== id) return;',
    '    list[index] = { ...list[index], selected: !list[index].selected };',
    '    const selected = list.filter((item) => item.selected);',
    '    this.setData({',
    `      ${entity}List: list,`,
    '      selectedCount: selected.length,',
    '      totalPrice: formatPrice(selected.reduce((sum, item) => sum + item.price * (item.count || 1), 0)),',
    '      allSelected: selected.length === list.length,',
    '    });',
    '  },',
  ],
  // async/await submit with try/catch/finally.
  (r, entity, n) => {
    const fields = r.sample(FIELDS, r.int(2, 5));
    return [
      `  async submit${cap(entity)}${n}() {`,
      '    const { form } = this.data;',
      ...fields.map((f) => `    if (form.${f} === undefined || form.${f} === '') return wx.showToast({ title: ${quote(r.pick(ZH))}, icon: 'none' });`),
      "    if (form.phone && !/^1[3-9]\\d{9}$/.test(form.phone)) {",
      "      wx.showToast({ title: '手机号格式不正确', icon: 'none' });",
      '      return;',
      '    }',
      "    wx.showLoading({ title: '提交中', mask: true });",
      '    try {',
      `      const res = await post('/${entity}/submit', { ...form, id: this.${entity}Id, source: 'miniapp' });`,
      '      if (res.code !== 0) throw new Error(res.message);',
      `      wx.showToast({ title: ${quote(r.pick(ZH))} });`,
      '      const timer = setTimeout(() => {',
      `        wx.redirectTo({ url: \`/pages/${entity}-detail/${entity}-detail?id=\${res.data.id}\` });`,
      '      }, 1500);',
      '      this.timers.push(timer);',
      '    } catch (error) {',
      "      wx.showModal({ title: '提示', content: (error && error.message) || '网络异常', showCancel: false });",
      '    } finally {',
      '      wx.hideLoading();',
      '    }',
      '  },',
    ];
  },
  // Form input binding.
  (r, entity, n) => [
    `  onInput${n}(e) {`,
    '    const { field } = e.currentTarget.dataset;',
    "    const value = typeof e.detail === 'object' ? e.detail.value : e.detail;",
    '    this.setData({ [`form.${field}`]: value, dirty: true });',
    '  },',
    '',
    `  onKeywordInput${n}(e) {`,
    '    const keyword = (e.detail.value || \'\').trim();',
    '    if (keyword === this.data.keyword) return;',
    `    this.setData({ keyword }, () => this.load${cap(entity)}List(true));`,
    '  },',
  ],
  // Totals with a loop and a switch.
  (r, entity, n) => [
    `  compute${cap(entity)}Summary${n}() {`,
    '    let total = 0;',
    '    let discount = 0;',
    '    const groups = {};',
    `    for (const item of this.data.${entity}List) {`,
    '      const key = item.category || \'other\';',
    '      groups[key] = (groups[key] || 0) + 1;',
    '      switch (item.status) {',
    ...STATUS.slice(0, r.int(3, STATUS.length)).flatMap((s, i) => [`        case ${i}:`, `          total += item.price * ${i + 1};`, '          break;']),
    '        default:',
    '          discount += item.discount || 0;',
    '      }',
    '    }',
    `    const label = total > ${r.int(100, 10000)} ? ${quote(r.pick(ZH))} : ${quote(r.pick(ZH))};`,
    '    this.setData({ summary: { total: formatPrice(total - discount), label, groups: Object.keys(groups).map((name) => ({ name, count: groups[name] })) } });',
    '  },',
  ],
  // Navigation and storage.
  (r, entity, n) => [
    `  go${cap(r.pick(PAGE_KINDS))}${n}(e) {`,
    '    const { id } = e.currentTarget.dataset;',
    `    const history = wx.getStorageSync('${entity}_history') || [];`,
    '    const next = [id, ...history.filter((item) => item !== id)].slice(0, 20);',
    `    wx.setStorageSync('${entity}_history', next);`,
    `    wx.navigateTo({ url: \`/pages/${entity}-${r.pick(PAGE_KINDS)}/${entity}-detail?id=\${id}\`, fail: () => wx.switchTab({ url: '/pages/index/index' }) });`,
    '  },',
  ],
  // Image preview and upload.
  (r, entity, n) => [
    `  async choose${cap(entity)}Images${n}() {`,
    `    const { tempFiles } = await wx.chooseMedia({ count: ${r.int(1, 9)}, mediaType: ['image'], sourceType: ['album', 'camera'] });`,
    '    const urls = [];',
    '    for (const file of tempFiles) {',
    '      if (file.size > 10 * 1024 * 1024) {',
    "        wx.showToast({ title: '图片不能超过10M', icon: 'none' });",
    '        continue;',
    '      }',
    '      const uploaded = await new Promise((resolve, reject) => {',
    '        wx.uploadFile({',
    '          url: `${app.globalData.apiBase}/upload`,',
    '          filePath: file.tempFilePath,',
    "          name: 'file',",
    `          formData: { scene: '${entity}' },`,
    '          success: (res) => resolve(JSON.parse(res.data).url),',
    '          fail: reject,',
    '        });',
    '      });',
    '      urls.push(uploaded);',
    '    }',
    "    this.setData({ 'form.images': [...(this.data.form && this.data.form.images || []), ...urls] });",
    '  },',
    '',
    `  previewImage${n}(e) {`,
    '    const { url } = e.currentTarget.dataset;',
    `    wx.previewImage({ current: url, urls: this.data.${entity}List.map((item) => item.cover).filter(Boolean) });`,
    '  },',
  ],
  // Polling with setInterval.
  (r, entity, n) => [
    `  startPolling${n}() {`,
    '    if (this.pollTimer) clearInterval(this.pollTimer);',
    '    let attempts = 0;',
    '    this.pollTimer = setInterval(async () => {',
    '      attempts += 1;',
    `      if (attempts > ${r.int(10, 60)}) {`,
    '        clearInterval(this.pollTimer);',
    '        this.pollTimer = null;',
    '        return;',
    '      }',
    `      const res = await get(\`/${entity}/\${this.${entity}Id}/status\`).catch(() => null);`,
    '      if (res && res.data && res.data.status !== this.data.status) {',
    '        this.setData({ status: res.data.status, statusText: STATUS_TEXT[res.data.status] || \'\' });',
    '      }',
    `    }, ${r.pick([1000, 2000, 3000, 5000])});`,
    '  },',
  ],
  // Modal confirm with callbacks.
  (r, entity, n) => [
    `  on${cap(r.pick(ACTIONS))}${cap(entity)}${n}(e) {`,
    '    const { id } = e.currentTarget.dataset;',
    '    wx.showModal({',
    "      title: '提示',",
    `      content: ${quote(r.pick(ZH))},`,
    "      confirmColor: '#e64340',",
    '      success: async ({ confirm }) => {',
    '        if (!confirm) return;',
    `        const res = await post('/${entity}/${r.pick(ACTIONS)}', { id });`,
    '        if (res.code === 0) {',
    `          this.setData({ ${entity}List: this.data.${entity}List.filter((item) => item.id !== id) });`,
    `          wx.showToast({ title: ${quote(r.pick(ZH))} });`,
    '        }',
    '      },',
    '    });',
    '  },',
  ],
  // Tabs, scroll and animation.
  (r, entity, n) => [
    `  onTabChange${n}(e) {`,
    '    const index = Number(e.currentTarget.dataset.index);',
    '    if (index === this.data.activeTab) return;',
    `    this.setData({ activeTab: index, ${entity}List: [], page: 1, hasMore: true });`,
    `    this.load${cap(entity)}List(true);`,
    '    wx.pageScrollTo({ scrollTop: 0, duration: 0 });',
    '  },',
    '',
    `  onPageScroll${n}({ scrollTop }) {`,
    `    const sticky = scrollTop > ${r.int(80, 400)};`,
    '    if (sticky !== this.data.sticky) this.setData({ sticky });',
    '    if (this.animation) {',
    '      this.animation.opacity(sticky ? 1 : 0).translateY(sticky ? 0 : -10).step();',
    '      this.setData({ headerAnimation: this.animation.export() });',
    '    }',
    '  },',
  ],
  // Payment flow.
  (r, entity, n) => [
    `  async pay${cap(entity)}${n}() {`,
    `    const order = await post('/${entity}/pay', { id: this.${entity}Id, channel: 'wechat' });`,
    '    if (!order || order.code !== 0) return;',
    '    const { timeStamp, nonceStr, signType, paySign } = order.data;',
    '    try {',
    "      await wx.requestPayment({ timeStamp, nonceStr, package: order.data.package, signType: signType || 'RSA', paySign });",
    `      track('pay_success', { ${entity}Id: this.${entity}Id });`,
    `      wx.redirectTo({ url: \`/pages/${entity}-result/${entity}-result?id=\${this.${entity}Id}\` });`,
    '    } catch (error) {',
    "      if (error && error.errMsg && error.errMsg.indexOf('cancel') >= 0) return;",
    `      wx.showToast({ title: ${quote(r.pick(ZH))}, icon: 'none' });`,
    '    }',
    '  },',
  ],
];

/** Privacy-relevant API uses, written the ways minivet must recognise. */
const PRIVATE_USES = [
  (r) => ({ top: [], methods: [
    '  locate() {',
    '    wx.getLocation({',
    "      type: 'gcj02',",
    '      success: ({ latitude, longitude }) => {',
    '        this.setData({ latitude, longitude });',
    `        this.load${'Nearby'}Stores(latitude, longitude);`,
    '      },',
    "      fail: () => wx.showToast({ title: '定位失败', icon: 'none' }),",
    '    });',
    '  },',
    '',
    '  loadNearbyStores(latitude, longitude) {',
    "    return get('/store/nearby', { latitude, longitude, radius: 5000 }).then((res) => this.setData({ stores: res.data || [] }));",
    '  },',
  ] }),
  (r) => ({ top: [], methods: [
    '  async pickLocation() {',
    '    try {',
    '      const place = await wx.chooseLocation({});',
    "      this.setData({ 'form.address': place.address, 'form.latitude': place.latitude, 'form.longitude': place.longitude });",
    '    } catch (error) {',
    "      console.warn('chooseLocation cancelled', error);",
    '    }',
    '  },',
  ] }),
  (r) => ({ top: [], methods: [
    '  useFuzzyLocation() {',
    '    const api = wx;',
    '    api.getFuzzyLocation({',
    "      type: 'wgs84',",
    "      success: (res) => this.setData({ city: res.city || '', fuzzy: true }),",
    '    });',
    '  },',
  ] }),
  (r) => ({ top: ['const { startLocationUpdate, onLocationChange } = wx;'], methods: [
    '  followMe() {',
    '    startLocationUpdate({',
    '      success: () => onLocationChange((position) => this.setData({ center: position })),',
    "      fail: (err) => console.error('startLocationUpdate', err),",
    '    });',
    '  },',
  ] }),
  (r) => ({ top: [], methods: [
    '  chooseShippingAddress() {',
    "    wx['chooseAddress']({",
    "      success: (res) => this.setData({ address: `${res.provinceName}${res.cityName}${res.countyName}${res.detailInfo}`, receiver: res.userName, phone: res.telNumber }),",
    '    });',
    '  },',
  ] }),
  (r) => ({ top: ["const getLocationAsync = promisify(wx.getLocation);"], methods: [
    '  async refreshDistance() {',
    "    const { latitude, longitude } = await getLocationAsync({ type: 'gcj02' });",
    `    const list = this.data.${'store'}s || [];`,
    '    this.setData({ stores: list.map((s) => ({ ...s, distance: distanceBetween(latitude, longitude, s.latitude, s.longitude) })) });',
    '  },',
  ] }),
  (r) => ({ top: [], methods: [
    '  savePoster(e) {',
    '    wx.saveImageToPhotosAlbum({',
    '      filePath: e.currentTarget.dataset.path,',
    "      success: () => wx.showToast({ title: '保存成功' }),",
    "      fail: () => wx.openSetting({}),",
    '    });',
    '  },',
  ] }),
  (r) => ({ top: [], methods: [
    '  addReminder(e) {',
    '    const { title, start } = e.currentTarget.dataset;',
    '    wx.addPhoneCalendar({ title, startTime: Math.floor(new Date(start).getTime() / 1000), alarm: true, alarmOffset: 1800 });',
    '  },',
  ] }),
  (r) => ({ top: [], methods: [
    '  async connectDevice() {',
    '    await wx.openBluetoothAdapter();',
    "    wx.startBluetoothDevicesDiscovery({ services: ['FEE7'], allowDuplicatesKey: false });",
    '    wx.onBluetoothDeviceFound(({ devices }) => this.setData({ devices: this.data.devices.concat(devices) }));',
    '  },',
  ] }),
];

/** A JSDoc block as teams write them above handlers. */
function docComment(r, entity) {
  const lines = ['  /**', `   * ${r.pick(ZH)}：${r.pick(ACTIONS)} the ${entity} ${r.pick(FIELDS)} and keep the list in sync with the server.`];
  if (r.chance(0.5)) lines.push(`   * 注意：${r.pick(ZH)}，失败时保留当前数据，不要清空列表。`);
  if (r.chance(0.6)) lines.push(`   * @param {WechatMiniprogram.BaseEvent} e tap event; dataset carries { id, index, ${r.pick(FIELDS)} }`);
  if (r.chance(0.4)) lines.push('   * @returns {Promise<void>}');
  lines.push('   */');
  return lines;
}

function generatePageScript(r, page) {
  const { entity, url } = page;
  const E = cap(entity);
  // 200–600 lines, skewed towards longer pages (mean about 470).
  const target = 200 + Math.floor(400 * Math.sqrt(r.next()));
  const top = [
    `// ${url}.js`,
    `// ${entity} ${page.kind}: generated for minivet benchmarks.`,
    'const app = getApp();',
    "const { get, post } = require('../../utils/request');",
    "const { formatTime, formatPrice, debounce, distanceBetween } = require('../../utils/util');",
    "const { promisify } = require('../../utils/promisify');",
  ];
  top.push(r.chance(0.5) ? "import { track } from '../../utils/analytics';" : "const { track } = require('../../utils/analytics');");
  top.push(`const PAGE_SIZE = ${r.pick([10, 20, 30])};`);
  top.push(`const STATUS_TEXT = { ${STATUS.map((s, i) => `${i}: ${quote(s)}`).join(', ')} };`);
  top.push('const API = {');
  for (const action of r.sample(ACTIONS, r.int(4, 10))) {
    top.push(`  ${action}: { path: '/${entity}/${action}', method: '${r.pick(['GET', 'POST'])}', needLogin: ${r.chance(0.5)}, retry: ${r.int(0, 3)} },`);
  }
  top.push('};');
  const helpers = [
    '',
    `function normalize${E}(raw) {`,
    '  if (!raw) return null;',
    '  return {',
    '    id: raw.id,',
    ...r.sample(FIELDS, r.int(4, 9)).map((f) => `    ${f}: raw.${f} == null ? ${dataValue(r, f)} : raw.${f},`),
    '    statusText: STATUS_TEXT[raw.status] || \'\',',
    '  };',
    '}',
    '',
  ];
  const body = ['Page({', ...pageData(r, entity), '', ...lifecycle(r, entity, url)];
  const uses = [];
  if (r.chance(0.12)) uses.push(r.pick(PRIVATE_USES)(r));
  if (r.chance(0.05)) uses.push(r.pick(PRIVATE_USES)(r));
  for (const use of uses) {
    top.push(...use.top);
    body.push(...use.methods, '');
  }
  let n = 0;
  body.push(...METHOD_TEMPLATES[0](r, entity, ''), '');
  const MAX_LINES = 600;
  for (;;) {
    const size = top.length + helpers.length + body.length + 2;
    if (size >= target) break;
    const method = [...(r.chance(0.85) ? docComment(r, entity) : []), ...r.pick(METHOD_TEMPLATES)(r, entity, ++n), ''];
    if (size + method.length > MAX_LINES) break;
    body.push(...method);
  }
  body.push('});', '');
  return [...top, ...helpers, ...body].join('\n');
}

// ---------------------------------------------------------------- templates

const OPEN_TYPES = ['getPhoneNumber', 'share', 'chooseAvatar', 'contact', 'getRealtimePhoneNumber', 'openSetting', 'feedback'];

function templateSection(r, entity, depth) {
  const pad = '  '.repeat(depth);
  const E = cap(entity);
  const kinds = [
    () => [
      `${pad}<scroll-view scroll-y class="list" bindscrolltolower="onReachBottom" refresher-enabled="{{true}}" refresher-triggered="{{loading}}">`,
      `${pad}  <block wx:for="{{${entity}List}}" wx:key="id" wx:for-item="item" wx:for-index="idx">`,
      `${pad}    <view class="card {{item.selected ? 'card--active' : ''}}" data-id="{{item.id}}" data-index="{{idx}}" bindtap="onSelectItem${r.int(1, 9)}">`,
      `${pad}      <image class="thumb" src="{{item.cover}}" mode="aspectFill" lazy-load data-url="{{item.cover}}" catchtap="previewImage1" />`,
      `${pad}      <view class="info">`,
      `${pad}        <text class="name">{{item.name}}</text>`,
      `${pad}        <text class="price" wx:if="{{item.price > 0 && item.stock < ${r.int(5, 50)}}}">¥{{item.priceText}}</text>`,
      `${pad}        <text class="sold-out" wx:else>${r.pick(ZH)}</text>`,
      `${pad}        <view class="tags"><text wx:for="{{item.tags}}" wx:for-item="tag" wx:key="*this" class="tag">{{tag}}</text></view>`,
      `${pad}      </view>`,
      `${pad}    </view>`,
      `${pad}  </block>`,
      `${pad}  <view wx:if="{{!hasMore && ${entity}List.length > 0}}" class="end">— 没有更多了 —</view>`,
      `${pad}</scroll-view>`,
    ],
    () => [
      `${pad}<view class="tabs {{sticky ? 'tabs--sticky' : ''}}" animation="{{headerAnimation}}">`,
      `${pad}  <view wx:for="{{tabs}}" wx:key="id" class="tab {{activeTab === index ? 'tab--active' : ''}}" data-index="{{index}}" bindtap="onTabChange${r.int(1, 9)}">{{item.name}}</view>`,
      `${pad}</view>`,
    ],
    () => [
      `${pad}<form bindsubmit="submit${E}${r.int(1, 9)}">`,
      ...r.sample(FIELDS, r.int(2, 6)).flatMap((f) => [
        `${pad}  <view class="form-item">`,
        `${pad}    <text class="label">${r.pick(ZH)}</text>`,
        `${pad}    <input class="input" name="${f}" value="{{form.${f}}}" data-field="${f}" bindinput="onInput${r.int(1, 9)}" placeholder="${r.pick(ZH)}" />`,
        `${pad}  </view>`,
      ]),
      `${pad}  <button form-type="submit" type="primary" loading="{{loading}}" disabled="{{!dirty}}">提交</button>`,
      `${pad}</form>`,
    ],
    () => [
      `${pad}<swiper wx:if="{{banners.length}}" class="banner" autoplay circular interval="{{${r.int(3, 6)}000}}" indicator-dots>`,
      `${pad}  <swiper-item wx:for="{{banners}}" wx:key="id">`,
      `${pad}    <navigator url="{{item.link}}"><image src="{{item.image}}" mode="widthFix" /></navigator>`,
      `${pad}  </swiper-item>`,
      `${pad}</swiper>`,
    ],
    () => [
      `${pad}<view class="summary">`,
      `${pad}  <text>合计：¥{{summary.total}}</text>`,
      `${pad}  <text class="hint">{{summary.label}}（{{selectedCount}} 件）</text>`,
      `${pad}  <text>{{ count > 99 ? '99+' : count }}</text>`,
      `${pad}  <button size="mini" open-type="${r.pick(OPEN_TYPES)}" bindgetphonenumber="onGetPhone" bindchooseavatar="onChooseAvatar">${r.pick(ZH)}</button>`,
      `${pad}</view>`,
    ],
    () => [
      `${pad}<view class="empty" wx:if="{{!loading && ${entity}List.length === 0}}">`,
      `${pad}  <image src="/images/empty.png" class="empty-image" />`,
      `${pad}  <text>${r.pick(ZH)}</text>`,
      `${pad}  <button size="mini" bindtap="onPullDownRefresh">重新加载</button>`,
      `${pad}</view>`,
      `${pad}<view class="loading" wx:if="{{loading}}"><text>加载中…</text></view>`,
    ],
    () => [
      `${pad}<!-- ${entity} detail header -->`,
      `${pad}<view class="detail-header" style="background-image: url({{cover}});">`,
      `${pad}  <text class="detail-title">{{title || '${r.pick(ZH)}'}}</text>`,
      `${pad}  <text class="detail-status status-{{status}}">{{statusText}}</text>`,
      `${pad}  <view class="stars"><text wx:for="{{[1, 2, 3, 4, 5]}}" wx:key="*this" class="star {{item <= score ? 'on' : ''}}">★</text></view>`,
      `${pad}</view>`,
    ],
  ];
  return r.pick(kinds)();
}

function generatePageTemplate(r, page, usesCamera) {
  const lines = [];
  const inlineWxs = r.chance(0.2);
  if (r.chance(0.3)) lines.push('<wxs module="fmt" src="../../utils/format.wxs" />');
  if (inlineWxs) {
    lines.push(
      '<wxs module="util">',
      'var pad = function (n) { return n < 10 ? \'0\' + n : \'\' + n; };',
      'var clamp = function (v, lo, hi) { return v < lo ? lo : v > hi ? hi : v; };',
      'module.exports = { pad: pad, clamp: clamp };',
      '</wxs>',
    );
  }
  lines.push(`<view class="page page-${page.entity} {{theme}}">`);
  if (r.chance(0.6)) lines.push('  <nav-bar title="{{title}}" back="{{true}}" bind:back="onBack" />');
  const target = r.int(50, 200);
  while (lines.length < target) lines.push(...templateSection(r, page.entity, 1));
  if (usesCamera) {
    lines.push(
      '  <camera wx:if="{{showCamera}}" device-position="back" flash="off" binderror="onCameraError" style="width: 100%; height: 300px;" />',
    );
  }
  if (r.chance(0.25)) lines.push(`  <button class="share" open-type="${r.pick(OPEN_TYPES)}">${r.pick(ZH)}</button>`);
  lines.push('</view>', '');
  return lines.join('\n');
}

function generateStyle(r, page) {
  return [
    `.page-${page.entity} { min-height: 100vh; background: #f${r.int(5, 9)}f${r.int(5, 9)}f${r.int(5, 9)}; }`,
    '.card { display: flex; padding: 24rpx; margin: 16rpx 24rpx; background: #fff; border-radius: 16rpx; }',
    '.card--active { border: 2rpx solid #07c160; }',
    '.thumb { width: 160rpx; height: 160rpx; border-radius: 8rpx; }',
    `.price { color: #e64340; font-size: ${r.int(26, 36)}rpx; }`,
    '',
  ].join('\n');
}

// ---------------------------------------------------------------- shared modules

function utilModule() {
  const lines = [
    '// Shared helpers.',
    'const pad = (n) => (n < 10 ? `0${n}` : `${n}`);',
    '',
    'function formatTime(date, withSeconds = false) {',
    '  if (!(date instanceof Date) || Number.isNaN(date.getTime())) return \'\';',
    '  const day = [date.getFullYear(), pad(date.getMonth() + 1), pad(date.getDate())].join(\'-\');',
    '  const time = [pad(date.getHours()), pad(date.getMinutes())].concat(withSeconds ? [pad(date.getSeconds())] : []).join(\':\');',
    '  return `${day} ${time}`;',
    '}',
    '',
    'function formatPrice(cents) {',
    '  const value = Number(cents) || 0;',
    '  return (value / 100).toFixed(2).replace(/\\B(?=(\\d{3})+(?!\\d))/g, \',\');',
    '}',
    '',
    'function debounce(fn, wait = 300) {',
    '  let timer = null;',
    '  return function debounced(...args) {',
    '    if (timer) clearTimeout(timer);',
    '    timer = setTimeout(() => fn.apply(this, args), wait);',
    '  };',
    '}',
    '',
    'function throttle(fn, wait = 300) {',
    '  let last = 0;',
    '  return function throttled(...args) {',
    '    const now = Date.now();',
    '    if (now - last < wait) return undefined;',
    '    last = now;',
    '    return fn.apply(this, args);',
    '  };',
    '}',
    '',
    'function deepClone(value, seen = new WeakMap()) {',
    '  if (value === null || typeof value !== \'object\') return value;',
    '  if (seen.has(value)) return seen.get(value);',
    '  const copy = Array.isArray(value) ? [] : {};',
    '  seen.set(value, copy);',
    '  for (const key of Object.keys(value)) copy[key] = deepClone(value[key], seen);',
    '  return copy;',
    '}',
    '',
    'function distanceBetween(lat1, lng1, lat2, lng2) {',
    '  const rad = (d) => (d * Math.PI) / 180;',
    '  const a = Math.sin(rad(lat2 - lat1) / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2;',
    '  return Math.round(6378137 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a)));',
    '}',
    '',
    'function queryString(params) {',
    '  return Object.keys(params)',
    '    .filter((key) => params[key] !== undefined && params[key] !== null)',
    '    .map((key) => `${encodeURIComponent(key)}=${encodeURIComponent(params[key])}`)',
    '    .join(\'&\');',
    '}',
    '',
    'module.exports = { formatTime, formatPrice, debounce, throttle, deepClone, distanceBetween, queryString };',
    '',
  ];
  return lines.join('\n');
}

function requestModule() {
  return [
    "const { queryString } = require('./util');",
    '',
    "const BASE = 'https://api.example.com/v2';",
    'let refreshing = null;',
    '',
    'function rawRequest(method, path, data, header = {}) {',
    '  return new Promise((resolve, reject) => {',
    '    wx.request({',
    "      url: path.startsWith('http') ? path : BASE + path,",
    '      method,',
    '      data,',
    "      header: { 'content-type': 'application/json', Authorization: `Bearer ${wx.getStorageSync('token')}`, ...header },",
    '      timeout: 15000,',
    '      success: (res) => (res.statusCode >= 200 && res.statusCode < 300 ? resolve(res.data) : reject(res)),',
    '      fail: reject,',
    '    });',
    '  });',
    '}',
    '',
    'async function refreshToken() {',
    '  if (!refreshing) {',
    '    refreshing = new Promise((resolve, reject) => {',
    '      wx.login({',
    "        success: ({ code }) => rawRequest('POST', '/auth/login', { code }).then((res) => {",
    "          wx.setStorageSync('token', res.data.token);",
    '          resolve(res.data.token);',
    '        }, reject),',
    '        fail: reject,',
    '      });',
    '    }).finally(() => {',
    '      refreshing = null;',
    '    });',
    '  }',
    '  return refreshing;',
    '}',
    '',
    'async function request(method, path, data) {',
    '  try {',
    '    return await rawRequest(method, path, data);',
    '  } catch (error) {',
    '    if (error && error.statusCode === 401) {',
    '      await refreshToken();',
    '      return rawRequest(method, path, data);',
    '    }',
    '    throw error;',
    '  }',
    '}',
    '',
    "const get = (path, params) => request('GET', params ? `${path}?${queryString(params)}` : path);",
    "const post = (path, data) => request('POST', path, data);",
    '',
    'module.exports = { request, get, post, refreshToken };',
    '',
  ].join('\n');
}

function locationModule() {
  return [
    "const { promisify } = require('./promisify');",
    '',
    '// Thin wrappers so pages do not repeat option objects.',
    'const getPreciseLocation = promisify(wx.getLocation);',
    '',
    'function getCity() {',
    '  const api = wx;',
    '  return new Promise((resolve) => {',
    "    api.getFuzzyLocation({ type: 'wgs84', success: (res) => resolve(res), fail: () => resolve(null) });",
    '  });',
    '}',
    '',
    'module.exports = { getPreciseLocation, getCity };',
    '',
  ].join('\n');
}

function promisifyModule() {
  return [
    'function promisify(api) {',
    '  return (options = {}) =>',
    '    new Promise((resolve, reject) => {',
    '      api({ ...options, success: resolve, fail: reject });',
    '    });',
    '}',
    '',
    'module.exports = { promisify };',
    '',
  ].join('\n');
}

function analyticsModule() {
  return [
    'const queue = [];',
    'let flushing = false;',
    '',
    'export function track(event, props = {}) {',
    '  queue.push({ event, props, at: Date.now(), scene: wx.getLaunchOptionsSync().scene });',
    '  if (queue.length >= 10) flush();',
    '}',
    '',
    'export async function flush() {',
    '  if (flushing || queue.length === 0) return;',
    '  flushing = true;',
    '  const batch = queue.splice(0, queue.length);',
    '  try {',
    "    await new Promise((resolve, reject) => wx.request({ url: 'https://log.example.com/batch', method: 'POST', data: batch, success: resolve, fail: reject }));",
    '  } catch (error) {',
    '    queue.unshift(...batch);',
    '  } finally {',
    '    flushing = false;',
    '  }',
    '}',
    '',
  ].join('\n');
}

/** A data module: the region table many apps ship (about 150 KB). */
function regionsModule(r) {
  const lines = ['// Province / city / district table.', 'module.exports = ['];
  let code = 110000;
  while (lines.join('\n').length < 150 * 1024) {
    const cities = [];
    for (let c = 0, nc = r.int(3, 12); c < nc; c++) {
      const districts = [];
      for (let d = 0, nd = r.int(3, 15); d < nd; d++) districts.push(`{ code: '${code + c * 100 + d + 1}', name: '${r.pick(CITIES)}${r.pick(['区', '县', '市'])}${d}' }`);
      cities.push(`    { code: '${code + c * 100}', name: '${r.pick(CITIES)}市${c}', children: [\n      ${districts.join(',\n      ')},\n    ] }`);
    }
    lines.push(`  { code: '${code}', name: '${r.pick(CITIES)}省', children: [\n${cities.join(',\n')},\n  ] },`);
    code += 10000;
  }
  lines.push('];', '');
  return lines.join('\n');
}

function formatWxs() {
  return [
    'var price = function (cents) { return (cents / 100).toFixed(2); };',
    "var date = function (text) { return text ? text.split(' ')[0] : ''; };",
    'module.exports = { price: price, date: date };',
    '',
  ].join('\n');
}

function appScript() {
  return [
    "const { refreshToken } = require('./utils/request');",
    '',
    'App({',
    "  globalData: { apiBase: 'https://api.example.com/v2', userInfo: null, city: '', systemInfo: null },",
    '',
    '  onLaunch(options) {',
    '    this.globalData.systemInfo = wx.getSystemInfoSync();',
    "    if (!wx.getStorageSync('token')) refreshToken().catch(() => {});",
    '    const updater = wx.getUpdateManager();',
    '    updater.onUpdateReady(() => {',
    "      wx.showModal({ title: '更新提示', content: '新版本已经准备好，是否重启应用？', success: ({ confirm }) => confirm && updater.applyUpdate() });",
    '    });',
    '  },',
    '',
    '  onError(error) {',
    "    console.error('[app] error', error);",
    '  },',
    '});',
    '',
  ].join('\n');
}

const COMPONENTS = {
  'nav-bar': {
    js: [
      'Component({',
      '  options: { multipleSlots: true, addGlobalClass: true },',
      "  properties: { title: { type: String, value: '' }, back: { type: Boolean, value: false }, color: { type: String, value: '#000' } },",
      '  data: { statusBarHeight: 20, navHeight: 44 },',
      '  lifetimes: {',
      '    attached() {',
      '      const { statusBarHeight } = wx.getSystemInfoSync();',
      '      const menu = wx.getMenuButtonBoundingClientRect();',
      '      this.setData({ statusBarHeight, navHeight: (menu.top - statusBarHeight) * 2 + menu.height });',
      '    },',
      '  },',
      '  methods: {',
      '    onBack() {',
      "      this.triggerEvent('back');",
      '      if (getCurrentPages().length > 1) wx.navigateBack({ delta: 1 });',
      "      else wx.switchTab({ url: '/pages/index/index' });",
      '    },',
      '  },',
      '});',
      '',
    ],
    wxml: [
      '<view class="nav" style="padding-top: {{statusBarHeight}}px; height: {{navHeight}}px; color: {{color}};">',
      '  <view wx:if="{{back}}" class="nav-back" bindtap="onBack">‹</view>',
      '  <text class="nav-title">{{title}}</text>',
      '  <slot name="right" />',
      '</view>',
      '',
    ],
  },
  'location-picker': {
    js: [
      'Component({',
      "  properties: { value: { type: Object, value: null }, placeholder: { type: String, value: '选择位置' } },",
      '  methods: {',
      '    async onTap() {',
      '      const place = await wx.chooseLocation({});',
      "      this.triggerEvent('change', { name: place.name, address: place.address, latitude: place.latitude, longitude: place.longitude });",
      '    },',
      '  },',
      '});',
      '',
    ],
    wxml: [
      '<view class="picker" bindtap="onTap">',
      '  <text wx:if="{{value}}">{{value.name}}</text>',
      '  <text wx:else class="placeholder">{{placeholder}}</text>',
      '</view>',
      '',
    ],
  },
  'scan-card': {
    js: [
      'Component({',
      '  properties: { visible: { type: Boolean, value: false } },',
      '  data: { result: null },',
      '  methods: {',
      '    onScan(e) {',
      "      this.setData({ result: e.detail.result });",
      "      this.triggerEvent('scan', e.detail);",
      '    },',
      '    onError(e) {',
      "      wx.showToast({ title: '无法使用相机', icon: 'none' });",
      '    },',
      '  },',
      '});',
      '',
    ],
    wxml: [
      '<view class="scan-card" wx:if="{{visible}}">',
      '  <camera mode="scanCode" device-position="back" flash="auto" bindscancode="onScan" binderror="onError" class="scanner" />',
      '  <text wx:if="{{result}}">{{result}}</text>',
      '</view>',
      '',
    ],
  },
};

// ---------------------------------------------------------------- vendor bundle

const VENDOR_LETTERS = 'etnroiasuclfdphvgmybkxjqz';
const VENDOR_SECOND = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$';

/** One line of webpack-style minified code, about `bytes` long, that parses. */
function vendorBundle(r, bytes) {
  const id = () => VENDOR_LETTERS[r.int(0, VENDOR_LETTERS.length - 1)] + (r.chance(0.5) ? VENDOR_SECOND[r.int(0, VENDOR_SECOND.length - 1)] : '');
  /** `n` distinct names: strict-mode code may not repeat a parameter. */
  const ids = (n) => {
    const out = new Set();
    while (out.size < n) out.add(id());
    return [...out];
  };
  const str = () => r.pick(['init', 'config', 'appKey', 'sdk_ready', 'uuid', 'session', 'report', 'track', 'expose', 'click', 'share', 'pv', 'uv', 'launch', 'error', 'network', 'performance']);
  const num = () => String(r.int(0, 1e6));
  const snippets = [
    () => { const [f, a, b, c] = ids(4); const p = str(); return `function ${f}(${a},${b}){var ${c}=${a}||{};return ${c}.${p}?${c}.${p}.call(${b},${a}):void 0}`; },
    () => { const [x, y] = ids(2); return `var ${x}=Object.assign({},${y}||{},{${str()}:${num()},${str()}:"${str()}_${num()}",${str()}:!${r.int(0, 1)}});`; },
    () => { const [i, a, b] = ids(3); return `for(var ${i}=0,${b}=[];${i}<(${a}||[]).length;${i}++)${a}[${i}]&&${b}.push(${a}[${i}]);`; },
    () => { const [t, a, res, rej, e, u] = ids(6); return `${t}.${str()}=function(${a},${u}){return new Promise(function(${res},${rej}){wx.request({url:${u}+"/${str()}",data:${a},method:"POST",success:function(${e}){200===${e}.statusCode?${res}(${e}.data):${rej}(${e})},fail:${rej}})})};`; },
    () => { const [x, e] = ids(2); return `try{${x}=JSON.parse(wx.getStorageSync("${str()}")||"{}")}catch(${e}){${x}={}}`; },
    () => { const [a, b] = ids(2); return `switch(${a}){case 0:${b}="${str()}";break;case 1:${b}="${str()}";break;case ${r.int(2, 9)}:${b}=${num()};break;default:${b}=null}`; },
    () => { const [t, f] = ids(2); return `Object.defineProperty(${t},"__esModule",{value:!0}),${t}.default=${f};`; },
    () => { const [a, b, c] = ids(3); return `var ${a}=function(${b}){return ${b}&&"object"==typeof ${b}&&"default"in ${b}?${b}:{default:${b}}}(${c});`; },
    () => { const [s, a] = ids(2); return `var ${s}=wx.getSystemInfoSync(),${a}={brand:${s}.brand,model:${s}.model,sdk:${s}.SDKVersion,w:${s}.windowWidth,h:${s}.windowHeight,v:"${r.int(1, 9)}.${r.int(0, 20)}.${r.int(0, 99)}"};`; },
    () => { const [a, b, c] = ids(3); return `${a}=${a}||function(${b},${c}){return(${b}>>>0)+(${c}<<${r.int(1, 16)})^${num()}};`; },
    () => { const [a, b, k] = ids(3); return `for(var ${k} in ${a})Object.prototype.hasOwnProperty.call(${a},${k})&&(${b}[${k}]=${a}[${k}]);`; },
    () => { const [a, b] = ids(2); return `${a}.prototype.${str()}=function(${b}){var self=this;return this._q=(this._q||[]).concat([${b}]),this._q.length>${r.int(5, 50)}&&this.flush(),self};`; },
  ];
  const modules = [];
  let size = 0;
  while (size < bytes - 400) {
    const [m, x, req] = ids(3);
    let body = '"use strict";';
    for (let i = 0, n = r.int(3, 9); i < n; i++) body += r.pick(snippets)();
    const module = `function(${m},${x},${req}){${body}}`;
    modules.push(module);
    size += module.length + 1;
  }
  // Once each, as real SDKs do: the SDK reads the location itself and follows page routes.
  modules.push('function(e,t,n){"use strict";t.locate=function(o){return new Promise(function(r,i){wx.getLocation({type:"wgs84",success:r,fail:i})})}}');
  modules.push('function(e,t,n){"use strict";t.watchRoutes=function(o){wx.onAppRoute&&wx.onAppRoute(function(r){r&&r.path&&o(r.path)})}}');
  return '!function(e){var t={};function n(r){if(t[r])return t[r].exports;var o=t[r]={i:r,l:!1,exports:{}};return e[r].call(o.exports,o,o.exports,n),o.l=!0,o.exports}n.m=e,n.c=t,n.d=function(e,t,r){n.o(e,t)||Object.defineProperty(e,t,{enumerable:!0,get:r})},n.o=function(e,t){return Object.prototype.hasOwnProperty.call(e,t)},n(n.s=0)}(['
    + modules.join(',') + ']);\n';
}

// ---------------------------------------------------------------- layout

/** The pages of an app with `count` pages; page i depends only on the seed and pages before it. */
function planPages(seed, count) {
  const pages = [];
  const used = new Set();
  for (let i = 0; i < count; i++) {
    const r = makeRandom(seedFor(seed, i, 1));
    const entity = r.pick(ENTITIES);
    const kind = r.pick(PAGE_KINDS);
    const pkg = i % 8 < 3 ? '' : `package${String.fromCharCode(65 + (i % 8) - 3)}`; // 3/8 in the main package
    let name = `${entity}-${kind}`;
    if (used.has(`${pkg}/${name}`)) name = `${name}-${i}`;
    used.add(`${pkg}/${name}`);
    const route = `pages/${name}/${name}`;
    pages.push({ index: i, entity, kind, pkg, name, route, url: `/${pkg ? `${pkg}/` : ''}${route}` });
  }
  return pages;
}

function appManifest(pages) {
  const main = pages.filter((p) => !p.pkg).map((p) => p.route);
  const packages = new Map();
  for (const p of pages.filter((p) => p.pkg)) {
    if (!packages.has(p.pkg)) packages.set(p.pkg, []);
    packages.get(p.pkg).push(p.route);
  }
  const manifest = {
    pages: main,
    subPackages: [...packages].map(([root, list]) => ({ root: `${root}/`, name: root.toLowerCase(), pages: list })),
    preloadRule: { [main[0]]: { network: 'all', packages: [...packages.keys()].slice(0, 2) } },
    window: { navigationBarTitleText: '优选生活', navigationBarBackgroundColor: '#07c160', navigationBarTextStyle: 'white', enablePullDownRefresh: true },
    tabBar: {
      color: '#999999',
      selectedColor: '#07c160',
      list: main.slice(0, 4).map((route, i) => ({ pagePath: route, text: ['首页', '分类', '购物车', '我的'][i] })),
    },
    requiredPrivateInfos: ['getLocation', 'chooseLocation', 'chooseAddress'],
    permission: {
      'scope.userLocation': { desc: '用于为您推荐附近的门店并计算配送距离' },
    },
    usingComponents: { 'nav-bar': '/components/nav-bar/nav-bar' },
    lazyCodeLoading: 'requiredComponents',
    sitemapLocation: 'sitemap.json',
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function write(root, relPath, text, stats) {
  const path = join(root, relPath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  const bytes = Buffer.byteLength(text);
  const ext = relPath.slice(relPath.lastIndexOf('.'));
  const entry = stats.byExt[ext] ?? (stats.byExt[ext] = { files: 0, bytes: 0 });
  entry.files++;
  entry.bytes += bytes;
  stats.files++;
  stats.bytes += bytes;
  if (ext === '.js' && bytes > stats.largestJs.bytes) stats.largestJs = { path: relPath, bytes };
}

/** Writes the app unconditionally; returns size stats. */
export function generateApp(dir, { pages: count = DEFAULT_PAGES, seed = DEFAULT_SEED } = {}) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const stats = { files: 0, bytes: 0, byExt: {}, largestJs: { path: '', bytes: 0 }, pages: count };
  const src = 'miniprogram';
  const at = (p) => `${src}/${p}`;
  write(dir, 'project.config.json', `${JSON.stringify({ miniprogramRoot: `${src}/`, compileType: 'miniprogram', appid: 'wx0123456789abcdef', projectname: 'minivet-bench', setting: { es6: true, minified: true }, libVersion: '3.4.0' }, null, 2)}\n`, stats);

  const pages = planPages(seed, count);
  write(dir, at('app.json'), appManifest(pages), stats);
  write(dir, at('app.js'), appScript(), stats);
  write(dir, at('sitemap.json'), `${JSON.stringify({ rules: [{ action: 'allow', page: '*' }] }, null, 2)}\n`, stats);
  write(dir, at('utils/util.js'), utilModule(), stats);
  write(dir, at('utils/request.js'), requestModule(), stats);
  write(dir, at('utils/location.js'), locationModule(), stats);
  write(dir, at('utils/promisify.js'), promisifyModule(), stats);
  write(dir, at('utils/analytics.js'), analyticsModule(), stats);
  write(dir, at('utils/regions.js'), regionsModule(makeRandom(seedFor(seed, 0, 2))), stats);
  write(dir, at('utils/format.wxs'), formatWxs(), stats);
  for (const [name, component] of Object.entries(COMPONENTS)) {
    const base = at(`components/${name}/${name}`);
    write(dir, `${base}.js`, component.js.join('\n'), stats);
    write(dir, `${base}.wxml`, component.wxml.join('\n'), stats);
    write(dir, `${base}.json`, `${JSON.stringify({ component: true, usingComponents: {} }, null, 2)}\n`, stats);
    write(dir, `${base}.wxss`, `.${name} { display: block; }\n`, stats);
  }
  write(dir, at('miniprogram_npm/@example/analytics-sdk/index.js'), vendorBundle(makeRandom(seedFor(seed, 0, 3)), VENDOR_BYTES), stats);
  write(dir, at('miniprogram_npm/@example/analytics-sdk/package.json'), `${JSON.stringify({ name: '@example/analytics-sdk', version: '4.2.1', main: 'index.js' }, null, 2)}\n`, stats);

  for (const page of pages) {
    const r = makeRandom(seedFor(seed, page.index, 4));
    const base = at(`${page.pkg ? `${page.pkg}/` : ''}${page.route}`);
    write(dir, `${base}.js`, generatePageScript(r, page), stats);
    write(dir, `${base}.wxml`, generatePageTemplate(r, page, r.chance(0.04)), stats);
    const components = { 'nav-bar': '/components/nav-bar/nav-bar' };
    if (r.chance(0.1)) components['location-picker'] = '/components/location-picker/location-picker';
    if (r.chance(0.05)) components['scan-card'] = '/components/scan-card/scan-card';
    write(dir, `${base}.json`, `${JSON.stringify({ navigationBarTitleText: r.pick(ZH), enablePullDownRefresh: r.chance(0.5), usingComponents: components }, null, 2)}\n`, stats);
    write(dir, `${base}.wxss`, generateStyle(r, page), stats);
  }
  return stats;
}

function stampText(count, seed) {
  return `minivet-bench generator v${GENERATOR_VERSION} seed=${seed} pages=${count}\n`;
}

/** Size stats of an existing tree, by extension. */
export function measureTree(dir) {
  const stats = { files: 0, bytes: 0, byExt: {}, largestJs: { path: '', bytes: 0 } };
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else if (name !== STAMP) {
        const rel = relative(dir, path);
        const ext = name.includes('.') ? name.slice(name.lastIndexOf('.')) : '';
        const entry = stats.byExt[ext] ?? (stats.byExt[ext] = { files: 0, bytes: 0 });
        entry.files++;
        entry.bytes += st.size;
        stats.files++;
        stats.bytes += st.size;
        if (ext === '.js' && st.size > stats.largestJs.bytes) stats.largestJs = { path: rel, bytes: st.size };
      }
    }
  };
  walk(dir);
  return stats;
}

/** Generates `dir` unless its stamp says it is already this version, seed and size. */
export function ensureApp(dir, { pages = DEFAULT_PAGES, seed = DEFAULT_SEED, force = false } = {}) {
  const stampPath = join(dir, STAMP);
  const want = stampText(pages, seed);
  if (!force && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === want) {
    return { dir, generated: false, stats: { ...measureTree(dir), pages } };
  }
  const stats = generateApp(dir, { pages, seed });
  writeFileSync(stampPath, want); // last, so an interrupted run regenerates
  return { dir, generated: true, stats };
}

const MB = 1024 * 1024;

export function formatStats({ dir, generated, stats }) {
  const rows = Object.entries(stats.byExt).sort((a, b) => b[1].bytes - a[1].bytes);
  const lines = [
    `${relative(process.cwd(), dir) || '.'}: ${stats.pages} pages, ${stats.files} files, ${(stats.bytes / MB).toFixed(2)} MiB${generated ? ' (generated)' : ' (up to date)'}`,
    ...rows.map(([ext, e]) => `  ${ext.padEnd(6)} ${String(e.files).padStart(6)} files ${(e.bytes / MB).toFixed(2).padStart(8)} MiB`),
    `  largest .js: ${stats.largestJs.path} (${(stats.largestJs.bytes / 1024).toFixed(1)} KiB)`,
  ];
  return lines.join('\n');
}

// ---------------------------------------------------------------- CLI

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const value = (flag, fallback) => {
    const i = args.indexOf(flag);
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
  };
  const pages = Number(value('--pages', DEFAULT_PAGES));
  const seed = Number(value('--seed', DEFAULT_SEED));
  const out = resolve(value('--out', join(BENCH_DIR, 'large-app')));
  if (!Number.isInteger(pages) || pages < 1 || !Number.isInteger(seed)) {
    console.error('usage: node bench/generate-app.js [--pages N] [--seed S] [--out DIR] [--force]');
    process.exit(2);
  }
  const started = performance.now();
  const result = ensureApp(out, { pages, seed, force: args.includes('--force') });
  console.log(formatStats(result));
  console.log(`  (${(performance.now() - started).toFixed(0)} ms)`);
}
