import type { Flow } from '../../analyzers/dataflow/index.js';
import { sensitiveNameLabel } from '../../analyzers/dataflow/names.js';
import type { FlowLabel } from '../../platforms/flows.js';
import type { SourceLocation } from '../../types.js';
import { createRule } from '../rule.js';
import { bestFlow, flowsBySink, pathReport, withOtherPlaces } from './support.js';
import { isPageOf, withoutExtension } from '../../analyzers/dataflow/page-routes.js';
import { loadsParameter, unopenedPages, webViewPages, type WebViewPages } from './web-view-pages.js';
import { pageCrossing } from './page-crossing.js';

/** What a forged page link can make the page do. */
type Action = 'payment' | 'web-view' | 'hand-over' | 'session' | 'sign-in' | 'order';

/** Names under which a value signs the user in, or says who the user is. */
const SESSION_LABELS: ReadonlySet<FlowLabel> = new Set(['credential', 'openid', 'unionid']);
/** Names of an account; `identifying`/`identifier` as a third-party login's identity is sent to a bind or sign-in URL. */
const ACCOUNT_NAME = /^(?:uid|userid|account|username|password|unionid|openid|identifying|identifier)$|account$/;
/** Who shared or invited (`fromUnionId`, `InviterId`, `shareUid`), unless the name says it is a login (`shareToken`). */
const REFERRAL_NAME = /^(?:from|invit|share|parent|refer|ref[A-Z_]|source|promot|distribut|by[A-Z_])/i;
const LOGIN_WORD = /token|session|password|passwd|cookie/i;
/**
 * What the launch query (App.onLaunch/onShow), which any link or QR code that opens the mini-app
 * sets, counts for: the user's login. Payments it drives are unchecked-referrer-data's; web-views
 * and orders are pages' business, opened with their own query.
 */
const LAUNCH_ACTIONS: ReadonlySet<Action> = new Set(['session', 'sign-in']);

/** Words that name an order's amounts and prices, and the content of an order sent whole (`orderInfo`, `goodsList`, a `tradeInfo`, as shops call the order they create). Not the id of an order the server looks up. */
const AMOUNT_WORDS: ReadonlySet<string> = new Set(['amount', 'price', 'fee', 'money', 'cost']);
/** Requests that create, pay or settle an order, or top up a balance (or a helper's, whose URL is unknown here). */
const ORDER_URL = /order|pay|cart|checkout|settle|buy|trade|recharge|top-?up(?![a-z])/i;
const ORDER_WHOLE = /^(?:order(?:info|list|detail|data|items?)|trade(?:info|data|detail)|goods(?:list|info)|(?:detail|item|cart)list)$/;
const AN_ID = /(?:id|no|sn|num|number|code)s?$/;
/** Words of a URL or a helper's name that make, pay or settle an order; a record parsed from the query and sent to one is its content. */
const ORDER_WORDS: ReadonlySet<string> = new Set(['order', 'orders', 'pay', 'payment', 'cart', 'checkout', 'settle', 'settlement', 'buy', 'trade', 'recharge', 'topup']);
/** Words that say a request only reads (`getOrderList`, `/order/detail`): a record sent to it filters what is shown. */
const READING_WORDS: ReadonlySet<string> = new Set(['get', 'list', 'detail', 'details', 'info', 'query', 'search', 'count', 'status', 'find', 'load', 'fetch']);

/** A template URL written with its host before the first binding (`src="https://m.example.com/a?x={{x}}"`); a bare scheme (`https://{{host}}`) is not one. */
const FIXED_START = /^\s*(?:[a-z][\w+.-]*:)?\/\/[^/?#{\s]+|^\s*(?![a-z][\w+.-]*:)[^\s{:/]/i;

/** Requests that sign in, bind or register an account, by a word of their path (`/user/bind`, `/wxLogin`, `/oauth/token`). */
const SIGN_IN_URL = /(?:^|[/_.?&=-]|(?<=[a-z])(?=[A-Z]))(?:[Ll]og-?[Ii]n|[Ss]ign-?[Ii]n|[Bb]ind(?:ing)?|[Rr]egister|[Oo][Aa]uth|[Aa]uthorize|[Aa]uth|[Ss]ession)(?=$|[/_.?&=#-]|[A-Z])/;

export default createRule({
  meta: {
    id: 'cross-page-request-forgery',
    description: "A page's query, which any share link, QR code or other mini-app sets, drives a payment, the URL of its web-view, or the user's session, with no check.",
    rationale:
      'Anyone can craft a link to any page of a mini-app, with any query: share cards, QR codes, other mini-apps and web ' +
      'pages all open pages this way. A page that passes its query on to `requestPayment`, loads it as its web-view\u2019s URL, ' +
      'or stores a token from it as the user\u2019s login lets whoever writes the link pay, show pages or sign the user in as ' +
      'they choose. MiniCAT (CCS 2024) found such cross-page request forgery in about a third of the mini-apps it analysed.',
    severity: 'error',
    tags: ['security'],
    cwe: [352, 601],
    precision: 'medium',
    securitySeverity: 7.5,
    dataflow: true,
  },
  checkProject(context) {
    const dataflow = context.facts.dataflow;
    if (!dataflow) return;
    const reachesPage = pageCrossing(dataflow);
    // Asked twice of each flow (for the web-view pages, then for the actions): worked out once.
    const judged = new Map<Flow, boolean>();
    const unchecked = (flow: Flow): boolean => {
      let result = judged.get(flow);
      if (result === undefined) {
        result = (flow.label === 'page-query' || flow.label === 'launch-query') && !flow.viaKey && !flow.validated && !dataflow.unlistedPages?.has(flow.source.location.file) && reachesPage(flow);
        judged.set(flow, result);
      }
      return result;
    };
    // Pages whose web-view loads a parameter of their query as its URL, unchecked: a page handing its own query on to one forwards the forgery.
    const loaders = webViewPages(dataflow.flows, unopenedPages(dataflow.unlistedPages), (flow) => flow.label === 'page-query' && unchecked(flow) && actionOf(flow) === 'web-view');
    for (const [sink, flows] of flowsBySink(dataflow.flows)) {
      const forged = flows.flatMap((flow) => {
        const action = unchecked(flow) ? (actionOf(flow) ?? handOver(flow, loaders)) : undefined;
        return action && (flow.label === 'page-query' || LAUNCH_ACTIONS.has(action)) ? [{ flow, action }] : [];
      });
      // A flow that names an amount says more than a parsed record sent whole: show it when there is one.
      const named = forged.filter((entry) => entry.action !== 'order' || namedOrderContent(entry.flow, ownNamesOf(entry.flow)) !== undefined);
      const flow = bestFlow(named.map((entry) => entry.flow)) ?? bestFlow(forged.map((entry) => entry.flow));
      if (!flow) continue;
      const action = forged.find((entry) => entry.flow === flow)!.action;
      const what = action === 'hand-over' ? `is handed to page ${sink.page}, whose web-view loads it as its URL,` : ACTION_TEXT[action];
      context.report({
        location: sink.location,
        message: `${readAs(flow, action)} from ${flow.source.origin}, which any link to the ${flow.label === 'launch-query' ? 'mini-app' : 'page'} sets, ${what} with no check; ${FIX_TEXT[action]}.`,
        ...withOtherPlaces(withOtherPlaces(pathReport(flow), flow.otherReads, 'another part of the query, read here, reaches the same place'), otherPagesReads(forged.map((entry) => entry.flow), flow), 'the query of another page, read here, reaches the same place too'),
        ...(sink.thirdParty && { thirdParty: true }),
        properties: { sink: sink.api, action },
      });
    }
  },
});

/** Where the other pages whose query reaches the same action read it: the first step after each one's source. */
function otherPagesReads(flows: readonly Flow[], shown: Flow): SourceLocation[] {
  return flows.filter((flow) => flow.source.page !== shown.source.page).map((flow) => (flow.steps[1] ?? flow.steps[0]!).location);
}

const ACTION_TEXT: Record<Exclude<Action, 'hand-over'>, string> = {
  payment: 'becomes a payment\u2019s parameters',
  'web-view': 'becomes the URL the web-view loads',
  session: 'is stored as the user\u2019s login',
  'sign-in': 'signs the user in or binds the account',
  order: 'sets the amounts or content of an order the page sends',
};

const FIX_TEXT: Record<Action, string> = {
  payment: 'get the payment parameters from your server for an order the signed-in user owns',
  'web-view': 'load only URLs on hosts you list, or pass an id and build the URL yourself',
  'hand-over': 'check the URL against hosts you list before handing it on, or pass an id and let that page build the URL',
  session: 'take the login from your own sign-in, never from the query a link sets',
  'sign-in': 'sign in with wx.login and your server, never with an identity from the query a link sets',
  order: 'pass an order or cart id and let your server look up its prices',
};

/**
 * What the query makes the page do at this sink, if it is privileged. A web-view URL counts when the
 * query starts it (picks its host). A storage write counts when it is kept under a login's name or
 * the value is named as one; a request when it sends a value named as an account to a sign-in URL
 * (or a credential to a helper's URL, unknown here), or an order's amounts or content. Referral ids
 * (`fromUnionId`, `inviterId`) are how share links credit the sharer, not the user's own login.
 */
function actionOf(flow: Flow): Action | undefined {
  const sink = flow.sink;
  if (sink.kind === 'payment') return 'payment';
  if (sink.kind === 'web-view') return flow.viaTail || FIXED_START.test(sink.url ?? '') ? undefined : 'web-view';
  const names = ownNamesOf(flow);
  if (sink.kind === 'storage') return storesLogin(flow, names) ? 'session' : undefined;
  // A cloud function is the app's own backend: its name (`url`) says what it does, as a request's path does.
  if (sink.kind !== 'network' && sink.kind !== 'cloud-call') return undefined;
  // A URL after an unknown host (`${host}/goods/save`) still says what its request does.
  const url = sink.url ?? sink.urlText;
  const signIn = url === undefined ? names.some(isCredentialName) : SIGN_IN_URL.test(url) && (names.some(isAccountName) || accountOnTheWay(flow) !== undefined);
  if (signIn) return 'sign-in';
  const orderRequest = url === undefined ? !onlyReads(sink.calledAs) : ORDER_URL.test(url);
  return orderRequest && orderContentOf(flow, names) !== undefined ? 'order' : undefined;
}

/** Verbs a helper that only reads starts its name with (not `fetch` or `load`, which generic request helpers are called). */
const LEADING_READ_WORDS: ReadonlySet<string> = new Set(['get', 'query', 'list', 'search', 'find']);

/** A helper whose name starts with a verb that only reads (`Get`, `getList`, `queryCoupons`): what it is sent filters what is shown. */
function onlyReads(helper: string | undefined): boolean {
  const words = nameWords(helper ?? '');
  return words.length > 0 && LEADING_READ_WORDS.has(words[0]!) && !words.some((word) => ORDER_WORDS.has(word));
}

/** The name under which the query sets an order's amounts or content, or '' for a record parsed from it that the order is sent as. */
function orderContentOf(flow: Flow, names: readonly string[]): string | undefined {
  return namedOrderContent(flow, names) ?? (isParsedOrder(flow, names) ? (flow.queryField ?? '') : undefined);
}

/**
 * An amount's or order's name on the flow's path, unless the path reads an id off the order
 * (`order_id: this.orderInfo.id`, a record view), which the server looks up; else a name the query's
 * values take on another way to the same request (the path shows one).
 */
function namedOrderContent(flow: Flow, names: readonly string[]): string | undefined {
  const own = flow.viaRecord ? undefined : names.find(isOrderContent);
  return own ?? flow.namesOnTheWay?.find((name) => isOrderContent(name) && !isReferral(name));
}

/**
 * A record parsed from the query (`JSON.parse(options.trade)`) and sent on whole: every field of it,
 * prices included, is the link writer's. Only to a request known to be an order's, by its URL or by the
 * helper called (`createOrder(trade)`); not when an id is read off it on the way (`{ goodsId: goods.id }`).
 */
function isParsedOrder(flow: Flow, names: readonly string[]): boolean {
  if (!flow.viaParsed || flow.viaRecord || names.some((name) => AN_ID.test(plainName(name)))) return false;
  // The URL's path, or the helper's name, word by word: `createOrder` and `/order/submit` make an order; `getOrderList`, `/order/detail` and `sendPayload` do not.
  const words = nameWords((flow.sink.url ?? flow.sink.urlText)?.replace(/^(?:[a-z][\w+.-]*:)?\/\/[^/?#]*/i, '') ?? flow.sink.calledAs ?? '');
  return words.some((word) => ORDER_WORDS.has(word)) && !words.some((word) => READING_WORDS.has(word));
}

/** `createOrder` → create, order; `/api/order/detail?id=` → api, order, detail, id. */
function nameWords(text: string): string[] {
  return text.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).filter((word) => word !== '').map((word) => word.toLowerCase());
}

/** Names compared without case or separators (`pay_money`, `payMoney`). */
function plainName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The query value handed, whole, to another page whose web-view loads that parameter (a launch page
 * forwarding `url` to the web-view page). A page handing its query to itself again is that page's
 * own finding.
 */
function handOver(flow: Flow, loaders: WebViewPages): Action | undefined {
  const { sink } = flow;
  // The route's `?url=` is the hand-over's own (not on the path); a join on the path (`'https://a/?x=' + x` inside the parameter) puts the value after a fixed start.
  if (sink.kind !== 'page-handover' || flow.viaTail || sink.page === undefined) return undefined;
  if (isPageOf(withoutExtension(sink.location.file), sink.page)) return undefined;
  return loadsParameter(loaders, sink) ? 'hand-over' : undefined;
}

function storesLogin(flow: Flow, names: readonly string[]): boolean {
  const key = flow.sink.storageKey ?? flow.sink.keyName;
  // Kept under a sharer's name (`invite_uid`, `fromUser`): whoever the query names is the one who shared the link.
  if (key !== undefined && isReferral(key)) return names.some((name) => LOGIN_WORD.test(name));
  if (key === undefined) return names.some(isAccountName);
  // Put into a field of the stored object (`token.user.name`): part of what is kept, not the login itself.
  const nested = (flow.fieldNames ?? []).some((name) => !isAccountName(name) && !isReferral(name));
  return isAccountName(key) ? !nested : names.some(isAccountName);
}

function isReferral(name: string): boolean {
  return REFERRAL_NAME.test(name) && !LOGIN_WORD.test(name);
}

/** `totalAmount`, `pay_money`, `orderInfo`, whole words only (`coffee` and `feedback` are not a fee). */
function isOrderContent(name: string): boolean {
  const plain = plainName(name);
  if (AN_ID.test(plain)) return false;
  return nameWords(name).some((word) => AMOUNT_WORDS.has(word)) || ORDER_WHOLE.test(plain);
}

/** The names the value is read from or sent under (`unionid` of `{ unionid: options.unionid }`, `token` of `setStorageSync('k', token)`). */
function namesOf(flow: Flow): string[] {
  return [...(flow.fieldNames ?? []), ...(flow.sink.valueNames ?? [])];
}

/** The names that can make the action the user's own: all but referral ids, which credit a sharer. */
function ownNamesOf(flow: Flow): string[] {
  return namesOf(flow).filter((name) => !isReferral(name));
}

/** Names that sign in by themselves: tokens, session ids, passwords, openid and unionid. */
function isCredentialName(name: string): boolean {
  const label = sensitiveNameLabel(name);
  return (label !== undefined && SESSION_LABELS.has(label)) || /password|passwd|^pwd$/i.test(name);
}

function isAccountName(name: string): boolean {
  const label = sensitiveNameLabel(name);
  return (label !== undefined && SESSION_LABELS.has(label)) || ACCOUNT_NAME.test(plainName(name));
}

/**
 * An account name another of the query's values is sent under to the same request (`openid` of
 * `s.openid = this.identifying`, beside the path's `sale`): the path shows one way of several.
 */
function accountOnTheWay(flow: Flow): string | undefined {
  return flow.namesOnTheWay?.find((name) => isAccountName(name) && !isReferral(name));
}

function readAs(flow: Flow, action: Action): string {
  // The query parameter read, when the path shows it (`src` of `query.src`), else the first name on the way; for an order, the amount's.
  const names = ownNamesOf(flow);
  const amount = action === 'order' ? namedOrderContent(flow, names) : undefined;
  if (action === 'order' && amount === undefined && flow.queryField === undefined) return 'A record parsed';
  const account = action === 'sign-in' && !names.some(isAccountName) ? accountOnTheWay(flow) : undefined;
  const name = amount ?? account ?? flow.queryField ?? names[0];
  return name ? `\`${name}\`` : 'A value';
}
