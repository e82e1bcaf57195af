/**
 * Platform server APIs that take the AppSecret: calling them from the client means the secret ships
 * in the package (client-side-code2session).
 */

export interface ServerOnlyEndpoint {
  /** Stable id, also in finding properties. */
  id: string;
  platform: string;
  /** Human name of the API. */
  name: string;
  /** Hosts the endpoint lives on. */
  hosts: readonly string[];
  /** Path, without the leading slash, as it appears after the host. */
  paths: readonly string[];
  /** What the endpoint takes that must never ship in a client. */
  takes: string;
  /** The response holds the user's session key (code2Session and its equivalents). */
  returnsSessionKey?: true;
  source: string;
}

export const SERVER_ONLY_ENDPOINTS: readonly ServerOnlyEndpoint[] = [
  {
    id: 'wechat-code2session',
    platform: 'WeChat',
    name: 'code2Session',
    hosts: ['api.weixin.qq.com'],
    paths: ['sns/jscode2session'],
    takes: 'the AppSecret',
    returnsSessionKey: true,
    source: 'WeChat server API docs, auth.code2Session: "to be called from the developer server"',
  },
  {
    id: 'wechat-access-token',
    platform: 'WeChat',
    name: 'getAccessToken',
    hosts: ['api.weixin.qq.com'],
    paths: ['cgi-bin/token', 'cgi-bin/stable_token'],
    takes: 'the AppSecret',
    source: 'WeChat server API docs, getAccessToken / getStableAccessToken',
  },
  {
    id: 'qq-code2session',
    platform: 'QQ',
    name: 'code2Session',
    hosts: ['api.q.qq.com'],
    paths: ['sns/jscode2session'],
    takes: 'the AppSecret',
    returnsSessionKey: true,
    source: 'QQ mini-program server API docs, code2Session',
  },
  {
    id: 'qq-access-token',
    platform: 'QQ',
    name: 'getAccessToken',
    hosts: ['api.q.qq.com'],
    paths: ['api/getToken'],
    takes: 'the AppSecret',
    source: 'QQ mini-program server API docs, getAccessToken (api/getToken?grant_type=client_credential&appid&secret)',
  },
  {
    id: 'bytedance-code2session',
    platform: 'ByteDance',
    name: 'code2Session',
    hosts: ['developer.toutiao.com', 'open-sandbox.douyin.com', 'minigame.zijieapi.com'],
    paths: ['api/apps/jscode2session', 'api/apps/v2/jscode2session', 'mgplatform/api/apps/jscode2session'],
    takes: 'the AppSecret',
    returnsSessionKey: true,
    source: 'Douyin open platform docs, code2Session: "AppSecret may only be used on the developer server"',
  },
  {
    id: 'bytedance-access-token',
    platform: 'ByteDance',
    name: 'getAccessToken',
    hosts: ['developer.toutiao.com', 'open-sandbox.douyin.com', 'minigame.zijieapi.com'],
    paths: ['api/apps/token', 'api/apps/v2/token'],
    takes: 'the AppSecret',
    source: 'Douyin open platform docs, getAccessToken',
  },
  {
    id: 'baidu-code2session',
    platform: 'Baidu',
    name: 'jscode2sessionkey',
    hosts: ['spapi.baidu.com'],
    paths: ['oauth/jscode2sessionkey'],
    takes: 'the App Secret',
    returnsSessionKey: true,
    source: 'Baidu smart mini-program server docs, getSessionKey',
  },
  {
    id: 'baidu-oauth-session-key',
    platform: 'Baidu',
    name: 'getSessionKeyByCode',
    hosts: ['openapi.baidu.com'],
    paths: ['nalogin/getSessionKeyByCode'],
    takes: 'the App Secret',
    returnsSessionKey: true,
    source: 'Baidu smart mini-game and mini-program login docs (Session Key): the server POSTs code, client_id (App Key) and sk (App Secret) to openapi.baidu.com/nalogin/getSessionKeyByCode',
  },
  {
    id: 'baidu-ai-access-token',
    platform: 'Baidu AI Cloud',
    name: 'OAuth access token',
    hosts: ['aip.baidubce.com'],
    paths: ['oauth/2.0/token'],
    takes: 'the Secret Key (client_secret)',
    source: 'Baidu AI Cloud docs, "Access Token": POST aip.baidubce.com/oauth/2.0/token with grant_type=client_credentials, client_id (API Key) and client_secret (Secret Key), to be fetched by the server',
  },
  {
    id: 'feishu-app-access-token',
    platform: 'Feishu/Lark',
    name: 'app_access_token / tenant_access_token',
    hosts: ['open.feishu.cn', 'open.larksuite.com'],
    paths: ['open-apis/auth/v3/app_access_token/internal', 'open-apis/auth/v3/tenant_access_token/internal', 'open-apis/auth/v3/app_access_token', 'open-apis/auth/v3/tenant_access_token'],
    takes: 'the App Secret',
    source: 'Feishu open platform server API docs, auth v3: the self-built app POSTs app_id and app_secret for an app or tenant access token',
  },
];

/** A query that proves a path is the platform endpoint even without its host: it carries the secret. */
export const SECRET_QUERY = /(?:^|[?&])(?:secret|appsecret|app_secret|client_secret)=|grant_type=client_credential/i;

const SESSION_KEY_PATHS: readonly [ServerOnlyEndpoint, RegExp][] = SERVER_ONLY_ENDPOINTS.filter((endpoint) => endpoint.returnsSessionKey).flatMap((endpoint) =>
  endpoint.paths.map((path): [ServerOnlyEndpoint, RegExp] => [endpoint, new RegExp(`/${path.replace(/[/.]/g, '\\$&')}(?![\\w/-])`)]),
);

/** The code2Session-like endpoint a URL (or the known start of one) names, by whole path segments. */
export function sessionKeyEndpointIn(url: string): ServerOnlyEndpoint | undefined {
  return SESSION_KEY_PATHS.find(([, path]) => path.test(url))?.[0];
}
