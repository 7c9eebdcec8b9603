/**
 * `templateVariables` — the form the panel shows for a template: one entry per value to fill,
 * keyed exactly as `renderTemplate` reads them (`shared/schemas/values.ts`), in the order they
 * appear (header, body, buttons), with the template's example and a guess of what each one holds.
 *
 * @module
 */
import type { Template } from '../schemas/template';
import { PLACEHOLDER_PATTERN } from './placeholders';
import { templateParts, templateSlots, type TemplateSlot, type TemplateParts } from './template-parts';
import { inferTextKind, type TextKind } from './variable-kind';

export type VariableKind = TextKind | 'media' | 'location';

export type TemplateVariable = {
  /** The values key: `'1'`, `'order_id'`, `'header'`, `'button.0'`. */
  key: string;
  /** The placeholder name in the text (`'1'`, `'order_id'`); `''` for media/location headers, coupon codes and payloads. */
  placeholder: string;
  location: 'header' | 'body' | 'button';
  buttonIndex?: number;
  /** From the template's own example, when it has one. */
  example?: string;
  kind: VariableKind;
  required: boolean;
};

/** The text around the first `{{name}}` in `text`, cut at the neighbouring placeholders. */
function surroundings(text: string, name: string): { before: string; after: string } {
  const marker = `{{${name}}}`;
  const at = text.indexOf(marker);
  if (at < 0) return { before: '', after: '' };
  const beforeAll = text.slice(0, at).split(PLACEHOLDER_PATTERN);
  const afterAll = text.slice(at + marker.length).split(PLACEHOLDER_PATTERN);
  return { before: beforeAll[beforeAll.length - 1] ?? '', after: afterAll[0] ?? '' };
}

function textExample(parts: TemplateParts, slot: TemplateSlot): string | undefined {
  const namedExample = (list: Array<{ param_name: string; example: string }> | undefined) =>
    list?.find((entry) => entry.param_name === slot.placeholder)?.example;
  if (slot.location === 'header') {
    const example = parts.header?.format === 'TEXT' ? parts.header.example : undefined;
    return namedExample(example?.header_text_named_params) ?? example?.header_text?.[0];
  }
  const example = parts.body?.example;
  const positional = /^\d+$/.test(slot.placeholder) ? example?.body_text?.[0]?.[Number(slot.placeholder) - 1] : undefined;
  return namedExample(example?.body_text_named_params) ?? positional;
}

function buttonExample(parts: TemplateParts, slot: TemplateSlot): string | undefined {
  const button = parts.buttons[slot.buttonIndex ?? -1];
  if (button?.type === 'COPY_CODE') return Array.isArray(button.example) ? button.example[0] : button.example;
  if (button?.type !== 'URL') return undefined;
  const example = button.example?.[0];
  // Meta accepts the full URL or just the suffix as the example; show only the suffix.
  const fixed = button.url.slice(0, button.url.indexOf(`{{${slot.placeholder}}}`));
  return example !== undefined && fixed !== '' && example.startsWith(fixed) ? example.slice(fixed.length) : example;
}

export function templateVariables(template: Template): TemplateVariable[] {
  const parts = templateParts(template);
  return templateSlots(template).map((slot): TemplateVariable => {
    const common = {
      key: slot.key,
      placeholder: slot.placeholder,
      location: slot.location,
      ...(slot.buttonIndex === undefined ? {} : { buttonIndex: slot.buttonIndex }),
      required: slot.required,
    };
    const withExample = (example: string | undefined, kind: VariableKind): TemplateVariable =>
      example === undefined || example === '' ? { ...common, kind } : { ...common, example, kind };

    switch (slot.slot) {
      case 'media': return { ...common, kind: 'media' };
      case 'location': return { ...common, kind: 'location' };
      case 'url_suffix': return withExample(buttonExample(parts, slot), 'url_suffix');
      case 'coupon_code': return withExample(buttonExample(parts, slot), 'coupon_code');
      case 'payload': return { ...common, kind: 'free_text' };
      case 'header_text':
      case 'body_text': {
        const text = slot.slot === 'header_text' && parts.header?.format === 'TEXT' ? parts.header.text : (parts.body?.text ?? '');
        const example = textExample(parts, slot);
        const around = surroundings(text, slot.placeholder);
        return withExample(example, inferTextKind({ name: slot.placeholder, ...around, ...(example === undefined ? {} : { example }) }));
      }
    }
  });
}
