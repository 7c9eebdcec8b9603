/**
 * Meta's own send-time checks for `POST /{phone_number_id}/messages`, in Meta's order (reference
 * §3.2): the template exists in that language and is APPROVED (132001, HTTP 404), is not paused
 * (132015) or disabled (132016); parameter counts (132000); parameter types and names (132012);
 * no new-line/tab/5+ spaces in text values (132018); rendered header ≤ 60 and body ≤ 1,024 (132005).
 * On success it returns what the customer's phone will show.
 *
 * @module
 */
import type { GraphError } from '../graph-errors';
import { graphError } from '../graph-errors';
import type { SandboxDb } from '../store/open-store';
import type { RenderedTemplate } from '../store/messages-store';
import type { TemplateRecord } from '../store/templates-store';
import { findTemplate } from '../store/templates-store';
import { enumParam, requiredParam } from './create-errors';
import { renderSentTemplate } from './render-sent';
import type { SendParam, SendSections } from './send-params';
import { checkCounts, checkFormats, isObj, readSections } from './send-params';

export type TemplateSend =
  | { ok: true; template: TemplateRecord; rendered: RenderedTemplate }
  | { ok: false; error: GraphError };

export const PARAM_TEXT_RULE = 'Param text cannot have new-line/tab characters or more than 4 consecutive spaces';

/** Every free-text value a customer will read: text, URL suffixes and currency/date fallbacks. */
function textValues(s: SendSections): Array<{ where: string; value: unknown }> {
  const out: Array<{ where: string; value: unknown }> = [];
  const push = (where: string, p: SendParam) => {
    if (p.type === 'text') out.push({ where, value: p.text });
    if (p.type === 'currency' && isObj(p.currency)) out.push({ where, value: p.currency.fallback_value });
    if (p.type === 'date_time' && isObj(p.date_time)) out.push({ where, value: p.date_time.fallback_value });
  };
  for (const p of s.header) push('header', p);
  for (const p of s.body) push('body', p);
  for (const [index, b] of s.buttons) for (const p of b.params) push(`button at index ${index}`, p);
  return out;
}

function checkTextValues(s: SendSections): GraphError | undefined {
  for (const { where, value } of textValues(s)) {
    if (typeof value !== 'string') return graphError(131008, `${where}: a text parameter needs a text value`);
    if (value.trim().length === 0) return graphError(100, `${where}: Param text cannot be empty`);
    if (/[\n\r\t]/.test(value) || / {5,}/.test(value)) return graphError(132018, PARAM_TEXT_RULE);
  }
  return undefined;
}

export function validateTemplateSend(db: SandboxDb, payload: Record<string, unknown>): TemplateSend {
  const fail = (error: GraphError) => ({ ok: false as const, error });
  const tpl = payload.template;
  if (!isObj(tpl)) return fail(requiredParam('template'));
  if (typeof tpl.name !== 'string' || !tpl.name) return fail(requiredParam("template['name']"));
  const language = tpl.language;
  if (!isObj(language) || typeof language.code !== 'string' || !language.code) return fail(requiredParam("template['language']['code']"));
  if (language.policy !== undefined && language.policy !== 'deterministic') {
    return fail(enumParam("template['language']['policy']", ['deterministic'], language.policy));
  }
  const template = findTemplate(db, tpl.name, language.code);
  if (!template || !['APPROVED', 'PAUSED', 'DISABLED'].includes(template.status)) {
    return fail(graphError(132001, `template name (${tpl.name}) does not exist in ${language.code}`));
  }
  if (template.status === 'PAUSED') return fail(graphError(132015));
  if (template.status === 'DISABLED') return fail(graphError(132016));
  const read = readSections(tpl.components);
  if (!read.ok) return fail(read.error);
  const sections = read.sections;
  const error = checkCounts(template, sections) ?? checkFormats(template, sections) ?? checkTextValues(sections);
  if (error) return fail(error);
  const rendered = renderSentTemplate(template, sections);
  const header = rendered.header?.type === 'text' ? rendered.header.text : undefined;
  if (header !== undefined && header.length > 60) {
    return fail(graphError(132005, `header: hydrated text length (${header.length}) exceeds the maximum of 60 characters`));
  }
  if (rendered.body.length > 1024) {
    return fail(graphError(132005, `body: hydrated text length (${rendered.body.length}) exceeds the maximum of 1,024 characters`));
  }
  return { ok: true, template, rendered };
}
