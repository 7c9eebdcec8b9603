/**
 * What the customer's phone shows for an accepted template send: variables filled (currency and
 * date_time show their `fallback_value`, as the Cloud API always does), URL buttons with their
 * final URL, quick replies with the payload a tap will send back.
 *
 * @module
 */
import type { TemplateButton } from '../../../shared/schemas/template';
import type { RenderedButton, RenderedHeader, RenderedTemplate } from '../store/messages-store';
import type { TemplateRecord } from '../store/templates-store';
import { fillPlaceholders, placeholderKeys } from './placeholders';
import type { SendParam, SendSections } from './send-params';
import { isObj, templateParts } from './send-params';

function displayValue(p: SendParam): string {
  if (p.type === 'currency' && isObj(p.currency)) return String(p.currency.fallback_value);
  if (p.type === 'date_time' && isObj(p.date_time)) return String(p.date_time.fallback_value);
  return String(p.text ?? '');
}

/** Positional values are keyed 1..n in order; named ones by `parameter_name`. */
function valuesFor(text: string | undefined, params: SendParam[], named: boolean): Record<string, string> {
  const keys = placeholderKeys(text);
  const values: Record<string, string> = {};
  params.forEach((p, i) => {
    const key = named ? String(p.parameter_name) : keys[i];
    if (key !== undefined) values[key] = displayValue(p);
  });
  return values;
}

function renderButton(b: TemplateButton, sent: SendParam | undefined): RenderedButton {
  switch (b.type) {
    case 'QUICK_REPLY':
      return { type: 'quick_reply', text: b.text, payload: typeof sent?.payload === 'string' ? sent.payload : b.text };
    case 'URL':
      return { type: 'url', text: b.text, url: sent ? fillPlaceholders(b.url, { 1: String(sent.text) }) : b.url };
    case 'PHONE_NUMBER':
      return { type: 'phone_number', text: b.text, phone_number: b.phone_number };
    case 'COPY_CODE':
      return { type: 'copy_code', text: b.text ?? 'Copy code', code: String(sent?.coupon_code ?? '') };
    case 'FLOW':
      return { type: 'flow', text: b.text };
  }
}

export function renderSentTemplate(t: TemplateRecord, s: SendSections): RenderedTemplate {
  const { header, body, footer, buttons } = templateParts(t);
  const named = t.parameterFormat === 'NAMED';
  let renderedHeader: RenderedHeader | undefined;
  if (header?.format === 'TEXT') {
    renderedHeader = { type: 'text', text: fillPlaceholders(header.text, valuesFor(header.text, s.header, named)) };
  } else if (header?.format === 'LOCATION') {
    const loc = (s.header[0]?.location ?? {}) as Record<string, unknown>;
    renderedHeader = {
      type: 'location',
      latitude: Number(loc.latitude),
      longitude: Number(loc.longitude),
      ...(typeof loc.name === 'string' ? { name: loc.name } : {}),
      ...(typeof loc.address === 'string' ? { address: loc.address } : {}),
    };
  } else if (header) {
    const type = header.format.toLowerCase() as 'image' | 'video' | 'document';
    const media = (s.header[0]?.[type] ?? {}) as Record<string, unknown>;
    renderedHeader = { type };
    for (const key of ['link', 'id', 'filename'] as const) if (typeof media[key] === 'string') renderedHeader[key] = media[key];
  }
  const bodyText = body?.text ?? '';
  return {
    ...(renderedHeader ? { header: renderedHeader } : {}),
    body: fillPlaceholders(bodyText, valuesFor(bodyText, s.body, named)),
    ...(footer ? { footer: footer.text } : {}),
    buttons: buttons.map((b, i) => renderButton(b, s.buttons.get(i)?.params[0])),
  };
}
