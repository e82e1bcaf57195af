import type { FlowStep, SourceLocation } from '../../types.js';
import type { FlowLabel } from '../../platforms/flows.js';
import type { SinkRecord, SourceRecord } from './fragment.js';

/** A value from a source that reaches a sink. */
export interface Flow {
  sink: SinkRecord;
  label: FlowLabel;
  /** The value reaches the sink's storage key, not its value. */
  viaKey?: boolean;
  /** The value is read by an `if` test around the sink (a database call in server code), which decides whether it runs. */
  viaCondition?: boolean;
  /** The value starts the sink's URL (a plain-HTTP URL reaching a request or web-view). */
  viaUrl?: boolean;
  /**
   * A variable or page field on the way is also assigned other values: the graph does not know
   * their order, so the value may be replaced before it is used (`let base = 'http://…'; base = SECURE`).
   */
  overwritable?: boolean;
  source: SourceRecord;
  /** Source first, sink last. */
  steps: FlowStep[];
  /** A function on the way compares an app id with expected ids. */
  guarded: boolean;
  /** A function on the way checks a value against a fixed origin, an allowlist or a signature. */
  validated?: true;
  /** Names of the fields the value is read from or put under on the way (`token` of `options.token`, `unionid` of `{ unionid }`), first to last. */
  fieldNames?: string[];
  /** The value is an id, a role or an error read off an object on the way (`order.id`, a record view): it carries where the object came from, not its content. */
  viaRecord?: true;
  /** Where the path crosses something pages share on purpose: storage, a navigation's query, an event channel or event, the app (`getApp()`). */
  carriers?: SourceLocation[];
  /** The value is a record `JSON.parse` made (whose fields whoever wrote the string chose), sent on whole: no field is read off it after the parse. */
  viaParsed?: true;
  /** The value joins a string after its start (`'https://a.example/?next=' + x`): it does not choose where the URL points. */
  viaTail?: true;
  /** The route of the first page whose query the value is passed in on the way (a navigation's `?x=` to that page's `onLoad`). */
  viaQuery?: string;
  /** For a `page-query` flow: the query parameter read (`url` of `query.url`); absent when the query goes on whole. */
  queryField?: string;
  /**
   * For a `page-query` flow: other places the query is read on the way to the same sink
   * (`nonceStr: query.nonceStr`, `timeStamp: query.timeStamp`). The flow's path shows one; a
   * developer fixing the sink needs them all.
   */
  otherReads?: SourceLocation[];
  /**
   * For a `page-query` flow: the names of the fields the query's values are read from or put under
   * on every way to the same sink, the path's and others' (`Bury_Money` beside the path's `m_id`),
   * bounded; not those of an id read off an object on the way.
   */
  namesOnTheWay?: string[];
  /**
   * For an identity's flow into a web-view or a handover to one: the other places the value is read
   * or built into what the sink gets (other-ways.ts), at most twelve, in no set order. A developer
   * fixing the leak needs them all.
   */
  otherWays?: SourceLocation[];
}
