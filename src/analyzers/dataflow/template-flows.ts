import type { FlowCatalog, FlowLabel } from '../../platforms/flows.js';
import type { TemplateElement } from '../templates.js';
import { labelText } from './api-flows.js';
import { emptyFragment, fieldKey, keyText, TAIL, type FileIds, type FlowFragment, type Ref } from './fragment.js';
import { sensitiveNameLabel } from './names.js';
import { INSECURE_URL_START, MAX_URL_TEXT } from './extract-syntax.js';
import { own } from '../../util/own.js';
import { UNI_EVENT_HANDLER, uniEventCalls } from './uni-event-opts.js';
import { templateHandovers } from './template-navigations.js';

export interface TemplateFlowInput {
  /** The template's path. */
  file: string;
  elements: readonly TemplateElement[];
  /** The script of the page or component the template belongs to. */
  script: string;
  /** Custom component tag → its script. */
  components: ReadonlyMap<string, string>;
  catalog: FlowCatalog;
  thirdParty: boolean;
  fileIds: FileIds;
  /** The route of the template's page (`pages/a/a`), which the routes its links write start from. */
  route: string;
}

const FORM_FIELDS = new Set(['input', 'textarea', 'editor']);
const INPUT_EVENTS = new Set(['input', 'blur', 'change', 'confirm']);
const KEYWORDS = new Set(['true', 'false', 'null', 'undefined', 'item', 'index']);
const MUSTACHE = /\{\{([\s\S]*?)\}\}/g;

/**
 * What a template adds to the flow graph: event handlers called with their event (open-type
 * buttons and form fields are sources), two-way bindings, data handed to child components and
 * component events, and `<web-view src>` as a sink.
 */
export function templateFlows(input: TemplateFlowInput): FlowFragment {
  const fragment = emptyFragment(input.file);
  const instance = `i:${input.fileIds.of(input.script)}`;
  const location = (element: TemplateElement, attribute?: string) => ({ file: input.file, region: (attribute && element.attributeRegions[attribute]) || element.region });
  const node = (key: string, element: TemplateElement, label: string, attribute?: string): string => {
    if (!fragment.nodes.has(key)) fragment.nodes.set(key, { label, location: location(element, attribute) });
    return key;
  };
  const source = (label: FlowLabel, origin: string, element: TemplateElement, attribute: string, text?: string): Ref => {
    const description = `${labelText(label)}, ${origin}`;
    const key = node(`src:${input.fileIds.of(input.file)}@${element.region.startOffset}:${attribute}`, element, description, attribute);
    fragment.sources.push({ key, label, description, origin, location: location(element, attribute), ...(text !== undefined && { text }) });
    return { key };
  };
  const dataPath = (path: string): string[] => {
    const key = path.split('.').reduce<string | undefined>((base, part) => base && fieldKey(base, part), `${instance}.data`);
    return key ? [key] : [];
  };
  const dataPaths = (value: string): string[] => [...value.matchAll(MUSTACHE)].flatMap((match) => expressionPaths(match[1]!)).flatMap(dataPath);

  /** `data-url="http://…"`, `data-id="{{item.id}}"`: what a handler reads as `e.currentTarget.dataset.url`. */
  const dataset = (element: TemplateElement): [string, Ref[]][] =>
    Object.entries(element.attributes).flatMap(([attribute, value]): [string, Ref[]][] => {
      if (!attribute.startsWith('data-') || attribute.length <= 5) return [];
      const name = camelCase(attribute.slice(5).toLowerCase());
      if (value.includes('{{')) return [[name, dataPaths(value).map((key) => ({ key }))]];
      return INSECURE_URL_START.test(value) ? [[name, [source('insecure-url', `the URL ${value.trim().slice(0, 80)}`, element, attribute, value.trim().slice(0, MAX_URL_TEXT))]]] : [];
    });

  /** A binding after text of its own parameter's value: it joins through a tail node, as in code, so it is not taken for the value's start. */
  const tail = (refs: readonly Ref[], element: TemplateElement, attribute: string): Ref[] => {
    const key = node(`t:${input.fileIds.of(input.file)}@${element.region.startOffset}:${attribute}${TAIL}`, element, `${attribute} of <${element.name}>`, attribute);
    for (const ref of refs) fragment.copies.push([ref.key, key]);
    return [{ key: `${key}+` }];
  };
  /** Bindings a link of the element puts into another page's query: copied to that page's query, and handed over there. */
  const handOver = (element: TemplateElement): void => {
    for (const handover of templateHandovers(element, input.route, input.catalog.eventAttribute)) {
      const read = expressionPaths(handover.expression).flatMap(dataPath).map((key) => ({ key: `${key}+` }));
      if (read.length === 0) continue;
      const inputs = handover.withinValue ? tail(read, element, handover.attribute) : read;
      const name = handover.parameter;
      const key = node(name ? `q:${keyText(handover.page)}.${name}` : `q:${keyText(handover.page)}`, element, name ? `query parameter ${name} of ${handover.page}` : `query of ${handover.page}`, handover.attribute);
      for (const ref of inputs) fragment.copies.push([ref.key, key]);
      fragment.sinks.push({
        kind: 'page-handover',
        api: handover.api,
        page: handover.page,
        ...(name !== undefined && { queryField: name }),
        inputs,
        location: location(element, handover.attribute),
        ...(input.thirdParty && { thirdParty: true }),
      });
    }
  };

  for (const element of input.elements) {
    const tag = element.name.toLowerCase();
    const component = input.components.get(tag);
    let data: [string, Ref[]][] | undefined;
    handOver(element);
    const openTypes = (element.attributes['open-type'] ?? '').split('|').map((type) => type.trim());
    const inputType = element.attributes.type ?? '';
    for (const [attribute, value] of Object.entries(element.attributes)) {
      const event = input.catalog.eventAttribute.exec(attribute)?.[1]?.toLowerCase();
      if (event && !value.includes('{{') && value.trim()) {
        const eventKey = node(`t:${input.fileIds.of(input.file)}@${element.region.startOffset}:${attribute}`, element, `${attribute} event`, attribute);
        const detail = fieldKey(eventKey, 'detail')!;
        const openType = openTypes.find((type) => type.toLowerCase() === event && own(input.catalog.openTypeSources, type));
        if (openType) {
          const label = own(input.catalog.openTypeSources, openType)!;
          fragment.copies.push([source(label, `from the ${openType} button`, element, attribute, openType).key, detail]);
        } else if (FORM_FIELDS.has(tag) && INPUT_EVENTS.has(event)) {
          const label = own(input.catalog.inputTypeSources, inputType) ?? 'user-input';
          fragment.copies.push([source(label, `typed into <${tag}>`, element, attribute, label === 'user-input' ? undefined : inputType).key, fieldKey(detail, 'value')!]);
        } else if (component) {
          fragment.copies.push([node(`e:${input.fileIds.of(component)}:${keyText(event)}`, element, `event "${event}"`, attribute), detail]);
        }
        data ??= dataset(element);
        for (const [name, refs] of data) {
          for (const target of ['currentTarget', 'target']) {
            const field = fieldKey(fieldKey(fieldKey(eventKey, target)!, 'dataset')!, name);
            if (field) for (const ref of refs) fragment.copies.push([ref.key, field]);
          }
        }
        const site = fragment.nodes.get(eventKey);
        // uni-app's `__e` calls the methods its `data-event-opts` lists, with the arguments listed there.
        const calls = (value.trim() === UNI_EVENT_HANDLER && uniEventCalls(element.attributes['data-event-opts'] ?? '', event)) || [{ method: value.trim(), args: [{ event: true as const }] }];
        calls.forEach((call, index) => {
          const handler = node(`${instance}.${call.method}`, element, `${call.method}()`, attribute);
          const args = call.args.map((arg) => (arg && 'event' in arg ? [{ key: eventKey }] : arg ? dataPath(arg.path).map((key) => ({ key })) : []));
          fragment.calls.push({ callees: [handler], args, receiver: [{ key: instance }], result: `${eventKey}#result${index === 0 ? '' : index}`, ...(site && { site }) });
        });
        continue;
      }
      if (attribute.startsWith('model:') && FORM_FIELDS.has(tag)) {
        for (const path of dataPaths(value)) {
          const named = sensitiveNameLabel(path.slice(path.lastIndexOf('.') + 1));
          const label = own(input.catalog.inputTypeSources, inputType) ?? named ?? 'user-input';
          fragment.copies.push([source(label, `typed into <${tag} ${attribute}>`, element, attribute).key, path]);
        }
        continue;
      }
      if (component && value.includes('{{')) {
        const property = fieldKey(`i:${input.fileIds.of(component)}.data`, camelCase(attribute));
        if (property) for (const path of dataPaths(value)) fragment.copies.push([path, node(property, element, `property ${attribute} of <${tag}>`, attribute)]);
        continue;
      }
      if (tag === 'web-view' && attribute === 'src' && value.includes('{{')) {
        // `src="{{link}}"`: the URL starts with the first value bound, which may hold a plain-HTTP URL.
        const leading = value.trimStart().startsWith('{{') ? dataPaths(value.slice(0, value.indexOf('}}') + 2)).slice(0, 1) : [];
        fragment.sinks.push({
          kind: 'web-view',
          api: '<web-view src>',
          inputs: dataPaths(value).flatMap((path) => [{ key: `${path}+` }, ...ownValuesOfBases(path, `${instance}.data`)]),
          ...(leading.length > 0 && { urlInputs: leading.map((path) => ({ key: path, shallow: true })) }),
          location: location(element, attribute),
          url: value.slice(0, value.indexOf('{{')),
          ...(input.thirdParty && { thirdParty: true }),
        });
      }
    }
  }
  return fragment;
}

/**
 * `{{pageBean.url}}` reads `url` of `pageBean`, and, as a field read in code does, `pageBean`'s own
 * value: a value kept whole (a query string parsed at run time) has no field the graph knows.
 */
function ownValuesOfBases(path: string, data: string): Ref[] {
  const bases: Ref[] = [];
  for (let end = path.lastIndexOf('.'); end > data.length; end = path.lastIndexOf('.', end - 1)) bases.push({ key: path.slice(0, end), shallow: true });
  return bases;
}

/** Data paths a binding expression reads (`user.phone` in `{{ base + '?p=' + user.phone }}`), strings and indexes (`type` of `cards[type]`) skipped. */
export function expressionPaths(expression: string): string[] {
  const code = expression.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, '""');
  const paths: string[] = [];
  for (const match of code.matchAll(/(^|[^\w$.])([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)/g)) {
    const path = match[2]!;
    // `cards[type]`: the index picks an entry; the value is the entry's.
    const index = match[1] !== '' && isIndexAt(code, match.index);
    if (!index && !KEYWORDS.has(path.split('.')[0]!)) paths.push(path);
  }
  return paths;
}

/** Whether the code before `end` (inclusive) is `x[`, `x] [`, `f() [` with spaces: an index, not an array literal. */
function isIndexAt(code: string, end: number): boolean {
  let at = end;
  while (at >= 0 && /\s/.test(code[at]!)) at--;
  if (code[at] !== '[') return false;
  at--;
  while (at >= 0 && /\s/.test(code[at]!)) at--;
  return at >= 0 && /[\w$\])]/.test(code[at]!);
}

function camelCase(attribute: string): string {
  return attribute.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
