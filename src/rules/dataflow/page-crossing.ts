import type { DataFlowResult, Flow } from '../../analyzers/dataflow/index.js';
import { isPageOf, withoutExtension } from '../../analyzers/dataflow/page-routes.js';
import type { SourceLocation } from '../../types.js';
import { unopenedPages } from './web-view-pages.js';

/**
 * Whether a flow's path stays possible at run time as it crosses pages. It may enter another page's
 * code only through what pages share on purpose (storage, a navigation's query, an event, the app):
 * a path from one page into another's through a helper both call (a request helper handed each
 * page's `this`, `app.getOptions(options, callback)` handed each page's query) is the analysis
 * merging the helper's calls, not something the app can do.
 */
export function pageCrossing(dataflow: DataFlowResult): (flow: Flow) => boolean {
  const pageOf = pageFinder(appPages(dataflow));
  return (flow) => staysPossible(flow, pageOf);
}

function staysPossible(flow: Flow, pageOf: (file: string) => string | undefined): boolean {
  const carriers = new Set((flow.carriers ?? []).map(placeKey));
  // A page's query names its page; any other source is in the page whose file reads it, if any.
  let current = flow.source.page ?? pageOf(flow.source.location.file);
  for (const step of flow.steps.slice(1)) {
    if (carriers.has(placeKey(step.location))) {
      current = undefined;
      continue;
    }
    const page = pageOf(step.location.file);
    if (page === undefined) continue;
    if (current !== undefined && page !== current) return false;
    current = page;
  }
  return true;
}

/** The routes of the app's pages: those app.json lists (subpackages' under their root), the pages it does not list, and any page whose query a flow starts from. */
function appPages(dataflow: DataFlowResult): Set<string> {
  const pages = new Set<string>([...unopenedPages(dataflow.unlistedPages), ...(dataflow.routes ?? [])]);
  for (const flow of dataflow.flows) if (flow.label === 'page-query' && flow.source.page !== undefined) pages.add(flow.source.page);
  return pages;
}

/** The page a file belongs to: the longest route that ends its path (`packageA/pages/pay/pay`, not main `pages/pay/pay`), looked up once per file. */
function pageFinder(pages: ReadonlySet<string>): (file: string) => string | undefined {
  const found = new Map<string, string | undefined>();
  return (file) => {
    if (found.has(file)) return found.get(file);
    const at = withoutExtension(file);
    let page: string | undefined;
    for (const route of pages) if (isPageOf(at, route) && (page === undefined || route.length > page.length)) page = route;
    found.set(file, page);
    return page;
  };
}

function placeKey(location: SourceLocation): string {
  return `${location.file}:${location.region.startOffset}`;
}
