/**
 * Reading the `template.components` of a send request into per-section parameter lists, with
 * Meta's count check (132000) and format checks (132012) against the stored template.
 *
 * @module
 */
import type { TemplateButton, TemplateComponent } from '../../../shared/schemas/template';
import type { GraphError } from '../graph-errors';
import { graphError } from '../graph-errors';
import type { TemplateRecord } from '../store/templates-store';
import { enumParam, requiredParam } from './create-errors';
import { placeholderKeys } from './placeholders';

export type SendParam = Record<string, unknown>;
export type ButtonParams = { subType: string; params: SendParam[] };
export type SendSections = { header: SendParam[]; body: SendParam[]; buttons: Map<number, ButtonParams> };

export const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

const countError = (where: string, given: number, expected: number) =>
  graphError(132000, `${where}: number of localizable_params (${given}) does not match the expected number of params (${expected})`);
const formatError = (details: string) => graphError(132012, details);

export function templateParts(t: TemplateRecord) {
  const find = <T extends TemplateComponent['type']>(type: T) =>
    t.components.find((c): c is Extract<TemplateComponent, { type: T }> => c.type === type);
  return { header: find('HEADER'), body: find('BODY'), footer: find('FOOTER'), buttons: find('BUTTONS')?.buttons ?? [] };
}

/** Splits the request's components by section; malformed entries answer Meta's `(#100)` errors. */
export function readSections(raw: unknown): { ok: true; sections: SendSections } | { ok: false; error: GraphError } {
  const sections: SendSections = { header: [], body: [], buttons: new Map() };
  if (raw === undefined) return { ok: true, sections };
  if (!Array.isArray(raw)) return { ok: false, error: enumParam("template['components']", ['array'], typeof raw) };
  for (const [i, comp] of raw.entries()) {
    const type = isObj(comp) && typeof comp.type === 'string' ? comp.type.toLowerCase() : undefined;
    if (!isObj(comp) || !type || !['header', 'body', 'button'].includes(type)) {
      return { ok: false, error: enumParam(`template['components'][${i}]['type']`, ['BODY', 'BUTTON', 'HEADER'], isObj(comp) ? comp.type : comp) };
    }
    const params = comp.parameters === undefined ? [] : comp.parameters;
    if (!Array.isArray(params) || !params.every(isObj)) {
      return { ok: false, error: requiredParam(`template['components'][${i}]['parameters']`) };
    }
    if (type === 'button') {
      if (typeof comp.sub_type !== 'string') return { ok: false, error: requiredParam(`template['components'][${i}]['sub_type']`) };
      const index = Number(comp.index);
      if (comp.index === undefined || !Number.isInteger(index) || index < 0) {
        return { ok: false, error: requiredParam(`template['components'][${i}]['index']`) };
      }
      sections.buttons.set(index, { subType: comp.sub_type.toLowerCase(), params });
    } else {
      sections[type as 'header' | 'body'].push(...params);
    }
  }
  return { ok: true, sections };
}

const expectedButtonParams = (b: TemplateButton) =>
  (b.type === 'URL' && b.url.includes('{{')) || b.type === 'COPY_CODE' ? 1 : 0;

/** 132000: the number of values per section must match the template's variables. */
export function checkCounts(t: TemplateRecord, s: SendSections): GraphError | undefined {
  const { header, body, buttons } = templateParts(t);
  const headerExpected = !header ? 0 : header.format === 'TEXT' ? placeholderKeys(header.text).length : 1;
  if (s.header.length !== headerExpected) return countError('header', s.header.length, headerExpected);
  const bodyExpected = placeholderKeys(body?.text).length;
  if (s.body.length !== bodyExpected) return countError('body', s.body.length, bodyExpected);
  for (const index of s.buttons.keys()) {
    if (!buttons[index]) return graphError(131009, `button at index ${index} does not exist in the template (it has ${buttons.length} buttons)`);
  }
  for (const [index, b] of buttons.entries()) {
    const given = s.buttons.get(index)?.params.length ?? 0;
    const expected = expectedButtonParams(b);
    // A quick reply may carry its own payload (one parameter) or none (the label is the payload).
    const ok = b.type === 'QUICK_REPLY' ? given <= 1 : given === expected;
    if (!ok) return countError(`button at index ${index}`, given, expected);
  }
  return undefined;
}

const hasMedia = (p: SendParam, type: string) => isObj(p[type]) && (typeof (p[type] as SendParam).id === 'string' || typeof (p[type] as SendParam).link === 'string');

/** 132012 (and 131008 for missing pieces): each value must have the type its slot expects. */
export function checkFormats(t: TemplateRecord, s: SendSections): GraphError | undefined {
  const { header, body, buttons } = templateParts(t);
  const hp = s.header[0];
  if (header && hp) {
    const expected = header.format === 'TEXT' ? 'text' : header.format.toLowerCase();
    if (hp.type !== expected) return formatError(`header: Format mismatch, expected ${header.format}, received ${String(hp.type).toUpperCase()}`);
    if (['image', 'video', 'document'].includes(expected) && !hasMedia(hp, expected)) {
      return graphError(131008, `header: a ${expected} parameter needs an id or a link`);
    }
    if (expected === 'location' && !(isObj(hp.location) && typeof hp.location.latitude === 'number' && typeof hp.location.longitude === 'number')) {
      return graphError(131008, 'header: a location parameter needs latitude and longitude');
    }
  }
  for (const p of s.body) {
    if (!['text', 'currency', 'date_time'].includes(String(p.type))) return formatError(`body: parameter type ${String(p.type)} is not supported in the body`);
    if (p.type === 'currency') {
      const cur = p.currency;
      if (!isObj(cur) || typeof cur.fallback_value !== 'string' || typeof cur.code !== 'string' || typeof cur.amount_1000 !== 'number') {
        return formatError('body: a currency parameter needs fallback_value, code and amount_1000');
      }
    }
    if (p.type === 'date_time' && !(isObj(p.date_time) && typeof p.date_time.fallback_value === 'string')) {
      return formatError('body: a date_time parameter needs fallback_value');
    }
  }
  if (t.parameterFormat === 'NAMED') {
    for (const [where, params, text] of [['header', s.header, header?.format === 'TEXT' ? header.text : undefined], ['body', s.body, body?.text]] as const) {
      const keys = placeholderKeys(text);
      const names = params.map((p) => p.parameter_name);
      const bad = names.find((n) => typeof n !== 'string' || !keys.includes(n));
      if (bad !== undefined || new Set(names).size !== names.length) {
        return formatError(
          typeof bad === 'string'
            ? `${where}: parameter_name (${bad}) is not a parameter of this template`
            : `${where}: every parameter needs a unique parameter_name (template parameter_format is NAMED)`,
        );
      }
    }
  }
  for (const [index, sent] of s.buttons) {
    const b = buttons[index]!;
    const subType = b.type.toLowerCase();
    if (sent.subType !== subType) return formatError(`button at index ${index}: sub_type ${sent.subType} does not match the template button type ${b.type}`);
    const p = sent.params[0];
    if (!p) continue;
    const want = b.type === 'URL' ? 'text' : b.type === 'QUICK_REPLY' ? 'payload' : b.type === 'COPY_CODE' ? 'coupon_code' : 'action';
    if (p.type !== want || (want !== 'action' && typeof p[want] !== 'string')) {
      return formatError(`button at index ${index}: expected a ${want} parameter, received ${String(p.type)}`);
    }
  }
  return undefined;
}
