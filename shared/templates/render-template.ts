/**
 * `renderTemplate` — THE one function that turns a template plus the agent's values into both
 * what the customer will see (the panel preview) and the exact Graph `template.components` the
 * server sends. Both come out of one call, so the preview cannot drift from what is sent.
 *
 * It applies Meta's send-time rules (reference §3.2) up front — missing or unknown values,
 * newlines and tabs, runs of spaces, header/body/URL/coupon lengths, currency, media and location
 * shapes — so a bad value is reported next to its field instead of coming back as a 132000/132005/
 * 132012/132018 from Meta. Values are keyed as documented in `shared/schemas/values.ts`.
 *
 * @module
 */
import type { Template } from '../schemas/template';
import type { TemplateValue, TemplateValues } from '../schemas/values';
import type { GraphBodyComponent, GraphComponent, GraphHeaderComponent } from './graph-components';
import { charLength, LIMITS, locationParameter, mediaParameter, previewText, valueParameter, type MediaType } from './param-rules';
import { fillPlaceholders, findPlaceholders, parameterOrder } from './placeholders';
import { renderButtons } from './render-buttons';
import { describeKey, problem, type RenderProblem } from './render-problems';
import type { RenderedHeader, RenderedMessage } from './rendered-message';
import { templateParts, templateSlots } from './template-parts';

export type { RenderProblem, RenderProblemCode } from './render-problems';
export type { RenderedButton, RenderedHeader, RenderedMessage } from './rendered-message';
export type { GraphComponent } from './graph-components';

/**
 * On failure `draft` is the preview so far: valid and invalid text values are shown as typed,
 * unfilled placeholders stay as `{{1}}`, so the panel can keep rendering while the agent types.
 */
export type RenderResult =
  | { ok: true; message: RenderedMessage; components: GraphComponent[] }
  | { ok: false; problems: RenderProblem[]; draft: RenderedMessage };

type Part<T> = { shown: T; component?: GraphComponent; problems: RenderProblem[] };

const valueOf = (values: TemplateValues, key: string): TemplateValue | undefined =>
  Object.hasOwn(values, key) ? values[key] : undefined;

const missing = (key: string): RenderProblem => problem(key, 'MISSING', `${describeKey(key)} is missing.`);

/** The text a value contributes to the preview, or `undefined` to keep the `{{placeholder}}`. */
const shownText = (value: TemplateValue | undefined): string | undefined => {
  const text = previewText(value);
  return text === undefined || text.trim() === '' ? undefined : text;
};

export function renderTemplate(template: Template, values: TemplateValues): RenderResult {
  const parts = templateParts(template);
  const named = template.parameter_format === 'NAMED';
  const known = new Set(templateSlots(template).map((slot) => slot.key));
  const unknown = Object.keys(values)
    .filter((key) => !known.has(key) && values[key] !== undefined)
    .map((key) => problem(key, 'UNKNOWN_KEY', `This template has no place for a value named "${key}".`));

  const header = renderHeader(parts.header, values, named);
  const body = renderBody(parts.body?.text ?? '', values, named);
  const buttons = renderButtons(parts.buttons, values);

  const message: RenderedMessage = {
    ...(header.shown ? { header: header.shown } : {}),
    body: body.shown,
    ...(parts.footer ? { footer: parts.footer.text } : {}),
    buttons: buttons.buttons,
  };
  const problems = [...header.problems, ...body.problems, ...buttons.problems, ...unknown];
  if (problems.length > 0) return { ok: false, problems, draft: message };

  const components: GraphComponent[] = [];
  if (header.component) components.push(header.component);
  if (body.component) components.push(body.component);
  components.push(...buttons.components);
  return { ok: true, message, components };
}

function renderHeader(
  header: ReturnType<typeof templateParts>['header'],
  values: TemplateValues,
  named: boolean,
): Part<RenderedHeader | undefined> {
  if (!header) return { shown: undefined, problems: [] };
  const key = 'header';
  const value = valueOf(values, key);

  if (header.format === 'TEXT') {
    const name = findPlaceholders(header.text)[0];
    if (name === undefined) return { shown: { type: 'text', text: header.text }, problems: [] };
    const text = fillPlaceholders(header.text, (n) => (n === name ? shownText(value) : undefined));
    const shown: RenderedHeader = { type: 'text', text };
    if (value === undefined) return { shown, problems: [missing(key)] };
    const checked = valueParameter(key, value, LIMITS.headerParam, named ? name : undefined);
    const problems = checked.ok ? [] : [...checked.error];
    const length = charLength(text);
    if (length > LIMITS.headerText) {
      problems.push(problem(key, 'HEADER_TOO_LONG', `The header would be ${length} characters long; the limit is ${LIMITS.headerText}.`, { limit: LIMITS.headerText, actual: length }));
    }
    if (!checked.ok || problems.length) return { shown, problems };
    const component: GraphHeaderComponent = { type: 'header', parameters: [checked.value.parameter] };
    return { shown, component, problems };
  }

  if (header.format === 'LOCATION') {
    if (value === undefined) return { shown: undefined, problems: [missing(key)] };
    const checked = locationParameter(key, value);
    if (!checked.ok) return { shown: undefined, problems: checked.error };
    return { shown: checked.value.header, component: { type: 'header', parameters: [checked.value.parameter] }, problems: [] };
  }

  const type = header.format.toLowerCase() as MediaType;
  if (value === undefined) return { shown: { type }, problems: [missing(key)] };
  const checked = mediaParameter(key, value, type);
  if (!checked.ok) return { shown: { type }, problems: checked.error };
  return { shown: checked.value.header, component: { type: 'header', parameters: [checked.value.parameter] }, problems: [] };
}

function renderBody(text: string, values: TemplateValues, named: boolean): Part<string> {
  const names = parameterOrder(findPlaceholders(text));
  const shown = fillPlaceholders(text, (name) => shownText(valueOf(values, name)));
  const problems: RenderProblem[] = [];
  const parameters: GraphBodyComponent['parameters'] = [];
  for (const name of names) {
    const value = valueOf(values, name);
    if (value === undefined) {
      problems.push(missing(name));
      continue;
    }
    const checked = valueParameter(name, value, LIMITS.bodyParam, named ? name : undefined);
    if (checked.ok) parameters.push(checked.value.parameter);
    else problems.push(...checked.error);
  }
  const length = charLength(shown);
  if (length > LIMITS.bodyText) {
    problems.push(problem('body', 'BODY_TOO_LONG', `The message would be ${length} characters long; the limit is ${LIMITS.bodyText}.`, { limit: LIMITS.bodyText, actual: length }));
  }
  if (problems.length || parameters.length === 0) return { shown, problems };
  return { shown, component: { type: 'body', parameters }, problems };
}
