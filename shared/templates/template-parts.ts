/**
 * A template's components split by role, plus the list of its fillable slots keyed as in
 * `shared/schemas/values.ts`. Both `renderTemplate` and `templateVariables` start from here, so
 * the keys the form offers are exactly the keys the renderer reads.
 *
 * @module
 */
import type { BodyComponent, FooterComponent, HeaderComponent, Template, TemplateButton } from '../schemas/template';
import { findPlaceholders, parameterOrder } from './placeholders';

export type TemplateParts = {
  header?: HeaderComponent;
  body?: BodyComponent;
  footer?: FooterComponent;
  buttons: TemplateButton[];
};

export function templateParts(template: Template): TemplateParts {
  const parts: TemplateParts = { buttons: [] };
  for (const component of template.components) {
    switch (component.type) {
      case 'HEADER': parts.header = component; break;
      case 'BODY': parts.body = component; break;
      case 'FOOTER': parts.footer = component; break;
      case 'BUTTONS': parts.buttons = component.buttons; break;
    }
  }
  return parts;
}

/** What a slot takes: header/body text, a media or location header, or one of the button values. */
export type SlotKind = 'header_text' | 'body_text' | 'media' | 'location' | 'url_suffix' | 'coupon_code' | 'payload';

export type TemplateSlot = {
  /** The values key: `'1'`, `'order_id'`, `'header'`, `'button.2'`. */
  key: string;
  /** The placeholder name in the text (`'1'`, `'order_id'`), or `''` for slots without one (media, location, coupon, payload). */
  placeholder: string;
  location: 'header' | 'body' | 'button';
  buttonIndex?: number;
  slot: SlotKind;
  required: boolean;
};

export const buttonKey = (index: number): string => `button.${index}`;

/** Every slot of the template, in send order: header, body (Meta's parameter order), buttons. */
export function templateSlots(template: Template): TemplateSlot[] {
  const { header, body, buttons } = templateParts(template);
  const slots: TemplateSlot[] = [];
  if (header?.format === 'TEXT') {
    const name = findPlaceholders(header.text)[0];
    if (name !== undefined) slots.push({ key: 'header', placeholder: name, location: 'header', slot: 'header_text', required: true });
  } else if (header?.format === 'LOCATION') {
    slots.push({ key: 'header', placeholder: '', location: 'header', slot: 'location', required: true });
  } else if (header) {
    slots.push({ key: 'header', placeholder: '', location: 'header', slot: 'media', required: true });
  }
  for (const name of parameterOrder(body ? findPlaceholders(body.text) : [])) {
    slots.push({ key: name, placeholder: name, location: 'body', slot: 'body_text', required: true });
  }
  buttons.forEach((button, index) => {
    const base = { key: buttonKey(index), location: 'button' as const, buttonIndex: index };
    if (button.type === 'URL') {
      const name = findPlaceholders(button.url)[0];
      if (name !== undefined) slots.push({ ...base, placeholder: name, slot: 'url_suffix', required: true });
    } else if (button.type === 'COPY_CODE') {
      slots.push({ ...base, placeholder: '', slot: 'coupon_code', required: true });
    } else if (button.type === 'QUICK_REPLY') {
      slots.push({ ...base, placeholder: '', slot: 'payload', required: false });
    }
  });
  return slots;
}
