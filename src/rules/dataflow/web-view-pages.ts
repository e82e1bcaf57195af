import type { Flow, SinkRecord } from '../../analyzers/dataflow/index.js';
import { isPageOf, withoutExtension } from '../../analyzers/dataflow/page-routes.js';

/** Every parameter of a page's query (the page passes its query on whole). */
const WHOLE_QUERY = '*';
/** A query parameter that holds the address to load. */
const URL_PARAMETER = /url|src|link|href|path|redirect|target|h5|web/i;

/** A web-view page's file path without its extension → the query parameters its web-view loads. */
export type WebViewPages = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Pages whose `<web-view>` loads a URL built from a page query, with the query parameters that
 * reach it (WHOLE_QUERY when the query goes on whole). Keyed by the web-view's page rather than the
 * query's: when pages share code (a mixin that keeps `this.pageQuery`), the one path traced may
 * start at another page's query. The `unopened` pages (unopenedPages) are left out: no navigation
 * or link opens them. `counts` narrows the loads kept.
 */
export function webViewPages(flows: readonly Flow[], unopened: ReadonlySet<string>, counts: (flow: Flow) => boolean = () => true): WebViewPages {
  const pages = new Map<string, Set<string>>();
  for (const flow of flows) {
    if (flow.label !== 'page-query' || flow.sink.kind !== 'web-view' || !counts(flow)) continue;
    const page = withoutExtension(flow.sink.location.file);
    if (unopened.has(page)) continue;
    const fields = pages.get(page) ?? new Set<string>();
    fields.add(flow.queryField ?? WHOLE_QUERY);
    pages.set(page, fields);
  }
  return pages;
}

/** Pages app.json does not list, without extension (the data flow's `unlistedPages` are their scripts). */
export function unopenedPages(unlisted: ReadonlySet<string> | undefined): Set<string> {
  return new Set([...(unlisted ?? [])].map(withoutExtension));
}

/**
 * Whether the page a hand-over opens loads the parameter it sets. When the traced path does not
 * say which parameter the page reads (its query passed on whole, or kept through shared code), the
 * parameter counts if it is the address itself, or if `alsoLoaded` says so: a page that appends
 * every option to its URL appends that one too, and an unrelated option (`replace`) is left alone.
 */
export function loadsParameter(pages: WebViewPages, sink: SinkRecord, alsoLoaded: (field: string) => boolean = () => false): boolean {
  const fields = sink.page === undefined ? undefined : loadedParameters(pages, sink.page);
  const field = sink.queryField;
  if (fields === undefined) return false;
  if (field === undefined || fields.has(field)) return true;
  if (!fields.has(WHOLE_QUERY)) return false;
  return URL_PARAMETER.test(field) || alsoLoaded(field);
}

/** The parameters of `route`'s query its web-view loads, if it has one. */
function loadedParameters(pages: WebViewPages, route: string): ReadonlySet<string> | undefined {
  for (const [page, fields] of pages) if (isPageOf(page, route)) return fields;
  return undefined;
}

