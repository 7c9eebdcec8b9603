/**
 * The BUTTONS part of `renderTemplate`: what each button shows and which ones need a Graph
 * `button` component. `index` is the button's position in the template's BUTTONS array, static
 * buttons included (reference §3.1, §7.10).
 *
 * @module
 */
import type { TemplateButton } from '../schemas/template';
import type { TemplateValues } from '../schemas/values';
import type { GraphButtonComponent } from './graph-components';
import { couponCode, replyPayload, urlSuffix } from './param-rules';
import { findPlaceholders } from './placeholders';
import type { RenderProblem } from './render-problems';
import { problem, describeKey } from './render-problems';
import type { RenderedButton } from './rendered-message';
import { buttonKey } from './template-parts';

export type RenderedButtons = { buttons: RenderedButton[]; components: GraphButtonComponent[]; problems: RenderProblem[] };

const missing = (key: string): RenderProblem => problem(key, 'MISSING', `${describeKey(key)} is missing.`);

export function renderButtons(buttons: readonly TemplateButton[], values: TemplateValues): RenderedButtons {
  const out: RenderedButtons = { buttons: [], components: [], problems: [] };
  buttons.forEach((button, index) => {
    const key = buttonKey(index);
    const value = Object.hasOwn(values, key) ? values[key] : undefined;
    const i = String(index);
    switch (button.type) {
      case 'URL': {
        const name = findPlaceholders(button.url)[0];
        const shown: RenderedButton = { index, type: 'URL', text: button.text, url: button.url };
        out.buttons.push(shown);
        if (name === undefined) return;
        if (value === undefined) return void out.problems.push(missing(key));
        const checked = urlSuffix(key, value, button.url, name);
        if (!checked.ok) return void out.problems.push(...checked.error);
        shown.url = checked.value.url;
        out.components.push({ type: 'button', sub_type: 'url', index: i, parameters: [{ type: 'text', text: checked.value.parameter }] });
        return;
      }
      case 'COPY_CODE': {
        const shown: RenderedButton = { index, type: 'COPY_CODE', text: button.text ?? 'Copy code' };
        out.buttons.push(shown);
        if (value === undefined) return void out.problems.push(missing(key));
        const checked = couponCode(key, value);
        if (!checked.ok) return void out.problems.push(...checked.error);
        shown.code = checked.value.coupon_code;
        out.components.push({ type: 'button', sub_type: 'copy_code', index: i, parameters: [checked.value] });
        return;
      }
      case 'QUICK_REPLY': {
        out.buttons.push({ index, type: 'QUICK_REPLY', text: button.text });
        if (value === undefined) return;
        const checked = replyPayload(key, value);
        if (!checked.ok) return void out.problems.push(...checked.error);
        if (checked.value) out.components.push({ type: 'button', sub_type: 'quick_reply', index: i, parameters: [checked.value] });
        return;
      }
      case 'PHONE_NUMBER':
        out.buttons.push({ index, type: 'PHONE_NUMBER', text: button.text, phoneNumber: button.phone_number });
        return;
      case 'FLOW':
        out.buttons.push({ index, type: 'FLOW', text: button.text });
        return;
    }
  });
  return out;
}
