/**
 * Client keys of web services (maps, location, weather, BaaS): handed out to be used from clients,
 * so not secrets, but anyone who unpacks the bundle can spend the owner's quota with them, and many
 * services also accept them from servers. Reported at a lower severity than secrets
 * (../shared/eval-policy.md, hardcoded-secret).
 */

export interface ClientKeyService {
  /** For messages: `AMap (Gaode) web-service key`. */
  label: string;
  /** SDK classes whose options object carries the key (`new AMapWX({ key })`). */
  constructors: readonly string[];
  /** The options that hold the key in those constructors, and the query parameters of the service's URLs. */
  keyNames: readonly string[];
  /** Calls that take the key as an argument (`Bmob.initialize(appId, restApiKey)`). */
  initializers?: readonly { object: string; method: string; argument: number }[];
  /** Hosts whose URLs carry the key as a query parameter. */
  hosts: readonly string[];
  /** Words that, in a variable or property name, say the key belongs to this service (`GD_MAP_AK`, `tmapKey`). */
  nameWords: RegExp;
  source: string;
}

export const CLIENT_KEY_SERVICES: readonly ClientKeyService[] = [
  {
    label: 'Tencent Location Service key',
    constructors: ['QQMapWX'],
    keyNames: ['key'],
    hosts: ['apis.map.qq.com'],
    nameWords: /qqmap|tmap|txmap|tencentmap|tencentlbs|qqlbs/,
    source: 'lbs.qq.com mini-program JavaScript SDK (qqmap-wx-jssdk: new QQMapWX({ key })); WebService API docs (key= parameter)',
  },
  {
    label: 'AMap (Gaode) web-service key',
    constructors: ['AMapWX'],
    keyNames: ['key'],
    hosts: ['restapi.amap.com'],
    nameWords: /amap|gaode|gdmap|gdkey|gdak/,
    source: 'lbs.amap.com WeChat mini-program SDK (amap-wx.js: new AMapWX({ key })); Web service API docs (key= parameter)',
  },
  {
    label: 'Baidu Maps ak',
    constructors: ['BMapWX'],
    keyNames: ['ak'],
    hosts: ['api.map.baidu.com'],
    nameWords: /bmap|baidumap|bdmap/,
    source: 'lbsyun.baidu.com WeChat mini-program SDK (bmap-wx.js: new BMapWX({ ak })); Web service API docs (ak= parameter)',
  },
  {
    label: 'QWeather (HeWeather) key',
    constructors: [],
    keyNames: ['key'],
    hosts: ['free-api.heweather.net', 'free-api.heweather.com', 'api.heweather.net', 'devapi.qweather.com', 'api.qweather.com'],
    nameWords: /heweather|qweather|hefeng/,
    source: 'dev.qweather.com Web API docs (key= parameter)',
  },
  {
    label: 'Bmob REST API key',
    constructors: [],
    keyNames: [],
    initializers: [{ object: 'Bmob', method: 'initialize', argument: 1 }],
    hosts: ['api.bmob.cn', 'api2.bmob.cn'],
    nameWords: /bmob/,
    source: 'Bmob mini-program SDK docs (doc.bmob.cn: Bmob.initialize("Application ID", "REST API Key"))',
  },
  {
    label: 'LeanCloud app key',
    constructors: [],
    keyNames: [],
    hosts: [],
    nameWords: /leancloud|xlckey/,
    source: 'LeanCloud REST API docs (docs.leancloud.cn, "REST API guide": every request carries the X-LC-Id and X-LC-Key headers)',
  },
];

/** Any other map or location service named in a key's name (`mapKey`, `lbsKey`, `webServeKey`). */
export const GENERIC_CLIENT_KEY_WORDS = /map|lbs|location|geo|weather|webserv/;

/** Names that hold a client key once a service word is in front of them (`amapKey`, `GD_MAP_AK`). */
export const CLIENT_KEY_NAME = /(?:key|ak)$/;

/** A Tencent Location Service key: six groups of five upper-case letters and digits. */
export const TENCENT_LBS_KEY = /^[A-Z0-9]{5}(?:-[A-Z0-9]{5}){5}$/;

/** Values a client key can be: the shapes the services issue (32 hex, 32 letters and digits, the LBS groups). */
export const CLIENT_KEY_VALUE = /^(?:[0-9A-Za-z]{24,40}|[A-Z0-9]{5}(?:-[A-Z0-9]{5}){5})$/;

/** The service whose SDK class is `name`. */
export function clientKeyConstructor(name: string): ClientKeyService | undefined {
  return CLIENT_KEY_SERVICES.find((service) => service.constructors.includes(name));
}

/** The service whose initializer `object.method(…)` takes a key as argument `argument`. */
export function clientKeyInitializer(object: string, method: string, argument: number): ClientKeyService | undefined {
  return CLIENT_KEY_SERVICES.find((service) => service.initializers?.some((call) => call.object === object && call.method === method && call.argument === argument));
}

/** The service a normalised name points to (`gdmapak` → AMap); undefined when it names none. */
export function clientKeyServiceOfName(normalisedName: string): ClientKeyService | 'generic' | undefined {
  if (!CLIENT_KEY_NAME.test(normalisedName)) return undefined;
  const service = CLIENT_KEY_SERVICES.find((candidate) => candidate.nameWords.test(normalisedName));
  if (service) return service;
  return GENERIC_CLIENT_KEY_WORDS.test(normalisedName) ? 'generic' : undefined;
}

/** `/pages/detail/detail?…`, `packageA/pages/x?…`: a route to a page of the app. */
const PAGE_ROUTE = /^\/?(?:[\w-]+\/)*pages\//;

/**
 * `/v3/place/around?key=5d15…&location=…`: a key sent as the `key`, `ak` or `apikey` parameter of a
 * request path whose host is added elsewhere (a request helper's base URL). Only a value shaped like
 * a client key counts; what a key= parameter holds otherwise (a search word, a cache name) does not.
 */
export function keyInQuery(url: string): { key: string; offset: number } | undefined {
  // A URL with its host is for clientKeyInUrl (a known service) alone; a page route's query is not a request.
  if (url.includes('//') || PAGE_ROUTE.test(url)) return undefined;
  const match = /[?&](?:key|ak|apikey)=([0-9A-Za-z-]{24,40})(?![0-9A-Za-z-])/i.exec(url);
  if (!match || !CLIENT_KEY_VALUE.test(match[1]!)) return undefined;
  return { key: match[1]!, offset: match.index + match[0].length - match[1]!.length };
}

/** A client key inside a service URL (`https://apis.map.qq.com/ws/…?key=…`): the key, where it starts, and the service. */
export function clientKeyInUrl(url: string): { key: string; offset: number; service: ClientKeyService } | undefined {
  const service = clientKeyServiceOfUrl(url);
  if (!service) return undefined;
  for (const name of service.keyNames) {
    const match = new RegExp(`[?&]${name}=([0-9A-Za-z-]{20,40})(?![0-9A-Za-z-])`).exec(url);
    if (match && CLIENT_KEY_VALUE.test(match[1]!)) return { key: match[1]!, offset: match.index + name.length + 2, service };
  }
  return undefined;
}

/** The service whose collection host a URL is on (`https://free-api.heweather.com/s6/weather` → QWeather), if one. */
export function clientKeyServiceOfUrl(url: string): ClientKeyService | undefined {
  const host = /^(?:https?:)?\/\/([^/?#:]+)/i.exec(url)?.[1]?.toLowerCase();
  return host ? CLIENT_KEY_SERVICES.find((candidate) => candidate.hosts.includes(host)) : undefined;
}
