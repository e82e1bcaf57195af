import type { TemplateElement } from '../templates.js';
import { routeFrom } from './page-routes.js';

/**
 * A page route with a query, as a template writes one before its first binding:
 * `/pages/h5/h5?url=`, `../index/h5?url=m%2ffaq.htm%3fuser%3d`. An address (`https://…`) is not a route.
 */
const ROUTE_WITH_QUERY = /^\s*((?:\.{1,2}\/|\/)?[\w$-]+(?:\/[\w$.-]+)*)\?/;
/** The query parameter a binding's value goes to: the last `?name=` or `&name=` before it, however much of the value comes first (`?url=m%2ffaq.htm%3fuser%3d{{user}}` sets `url`). */
const PARAMETER_BEFORE = /[?&]([\w$-]+)=([^&#]*)$/;
const MUSTACHE = /\{\{([\s\S]*?)\}\}/g;
/** Navigator kinds that open no page of the app. */
const NO_PAGE_OPENED = new Set(['navigateback', 'exit']);

/** One binding a template puts into another page's query. */
export interface TemplateHandover {
  /** The route of the page opened, `pages/index/h5`. */
  page: string;
  /** The query parameter the binding sets; absent when the text before it names none. */
  parameter?: string;
  /** The parameter's value has text before the binding (`?url=m%2ffaq%3fuser%3d{{user}}`): the binding does not start what the page receives. */
  withinValue: boolean;
  /** The binding's expression (`user`, `info.uid`). */
  expression: string;
  /** The attribute that holds the link. */
  attribute: string;
  /** How the link is followed, for messages: `<navigator url>`, `<view data-url>`. */
  api: string;
}

/**
 * Links to other pages a template element holds, with the bindings each puts into that page's
 * query: `<navigator url="../h5/h5?url={{link}}">`, which the platform follows on a tap, and a
 * `data-*` attribute holding a page route with a query on an element with an event handler, which
 * that handler reads off `dataset` to navigate (`gotoPage(e)` → `navigateTo({ url: e.currentTarget.dataset.url })`).
 * `here` is the route of the template's page, which relative routes start from; `eventAttribute`
 * tells the platform's event attributes (`bindtap`, `onTap`).
 */
export function templateHandovers(element: TemplateElement, here: string, eventAttribute: RegExp): TemplateHandover[] {
  const tag = element.name.toLowerCase();
  const handovers: TemplateHandover[] = [];
  for (const [attribute, value] of Object.entries(element.attributes)) {
    if (!value.includes('{{')) continue;
    const link = tag === 'navigator' ? attribute === 'url' && opensPage(element) : attribute.startsWith('data-') && hasHandler(element, eventAttribute);
    if (link) handovers.push(...linkHandovers(value, here, attribute, tag === 'navigator' ? '<navigator url>' : `<${tag} ${attribute}>`));
  }
  return handovers;
}

function hasHandler(element: TemplateElement, eventAttribute: RegExp): boolean {
  return Object.entries(element.attributes).some(([attribute, value]) => eventAttribute.test(attribute) && value.trim() !== '');
}

function opensPage(element: TemplateElement): boolean {
  const attributes = element.attributes;
  if ((attributes.target ?? '').trim() === 'miniProgram') return false;
  const openType = (attributes['open-type'] ?? attributes.openType ?? '').trim().toLowerCase();
  return !NO_PAGE_OPENED.has(openType);
}

function linkHandovers(value: string, here: string, attribute: string, api: string): TemplateHandover[] {
  const first = value.indexOf('{{');
  const route = ROUTE_WITH_QUERY.exec(value.slice(0, first))?.[1];
  if (!route) return [];
  const page = routeFrom(here, route);
  if (page.startsWith('..')) return [];
  const handovers: TemplateHandover[] = [];
  let text = '';
  let at = 0;
  for (const match of value.matchAll(MUSTACHE)) {
    text += value.slice(at, match.index);
    at = match.index + match[0].length;
    const [, parameter, before] = PARAMETER_BEFORE.exec(text) ?? [];
    handovers.push({ page, expression: match[1]!, attribute, api, withinValue: !!before, ...(parameter !== undefined && { parameter }) });
    text += '\u0000';
  }
  return handovers;
}
