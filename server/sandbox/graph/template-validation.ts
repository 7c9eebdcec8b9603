/**
 * Meta's synchronous checks on `POST /{waba}/message_templates` and on component edits. The draft's
 * shape is parsed with the shared `TemplateDraft` schema (the single source of truth for Meta's
 * template object), then Meta's content rules run in Meta's order.
 *
 * @module
 */
import * as z from 'zod';
import type { ParameterFormat, TemplateCategory, TemplateComponent } from '../../../shared/schemas/template';
import { TemplateComponent as TemplateComponentSchema, TemplateDraft } from '../../../shared/schemas/template';
import type { GraphError } from '../graph-errors';
import { checkButtons } from './button-rules';
import { createError, enumParam, requiredParam, SUBCODE } from './create-errors';
import { META_TEMPLATE_LANGUAGES } from './languages';
import { checkBody, checkFooter, checkHeaderText } from './text-component-rules';

export type ValidDraft = {
  name: string;
  language: string;
  category: TemplateCategory;
  subCategory?: string;
  parameterFormat: ParameterFormat;
  components: TemplateComponent[];
  messageSendTtlSeconds?: number;
};

export type Checked<T> = { ok: true; value: T } | { ok: false; error: GraphError };

const CATEGORIES = ['AUTHENTICATION', 'MARKETING', 'UTILITY'] as const;
const FORMATS = ['NAMED', 'POSITIONAL'] as const;
const fail = (error: GraphError) => ({ ok: false as const, error });

function zodError(error: z.ZodError, prefix: string): GraphError {
  const issue = error.issues[0];
  const path = [prefix, ...(issue?.path ?? [])].map((p, i) => (i === 0 ? String(p) : `[${String(p)}]`)).join('');
  return createError(undefined, 'Invalid parameter', `${path}: ${issue?.message ?? 'invalid value'}`);
}

/** Checks a components array (create and edit) and returns it normalised to Meta's upper-case form. */
export function checkComponents(raw: unknown, format: ParameterFormat): Checked<TemplateComponent[]> {
  if (!Array.isArray(raw) || raw.length === 0) return fail(requiredParam('components'));
  const parsed = z.array(TemplateComponentSchema).safeParse(raw);
  if (!parsed.success) return fail(zodError(parsed.error, 'components'));
  const components = parsed.data;
  const of = <T extends TemplateComponent['type']>(type: T) =>
    components.filter((c): c is Extract<TemplateComponent, { type: T }> => c.type === type);
  const [headers, bodies, footers, buttons] = [of('HEADER'), of('BODY'), of('FOOTER'), of('BUTTONS')];
  if (headers.length > 1 || bodies.length > 1 || footers.length > 1 || buttons.length > 1) {
    return fail(createError(undefined, 'Duplicate components', 'A template can have one HEADER, one BODY, one FOOTER and one BUTTONS component.'));
  }
  const body = bodies[0];
  if (!body) return fail(createError(SUBCODE.BODY_FORMAT, 'Body missing', 'Every template needs a BODY component.'));
  const header = headers[0];
  if (header?.format === 'TEXT') {
    const e = checkHeaderText(header, format);
    if (e) return fail(e);
  } else if (header && header.format !== 'LOCATION' && !header.example?.header_handle?.[0]) {
    return fail(
      createError(
        SUBCODE.HEADER_FORMAT,
        'Missing media example',
        `A ${header.format} header needs a sample: upload one with the Resumable Upload API and pass its handle in example.header_handle.`,
      ),
    );
  }
  const bodyError = checkBody(body, format);
  if (bodyError) return fail(bodyError);
  const footer = footers[0];
  if (footer) {
    const e = checkFooter(footer);
    if (e) return fail(e);
  }
  const block = buttons[0];
  if (block) {
    const e = checkButtons(block.buttons);
    if (e) return fail(e);
  }
  return { ok: true, value: components };
}

/** The whole draft: name, language, category, parameter format, then components. */
export function validateTemplateDraft(input: unknown): Checked<ValidDraft> {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return fail(requiredParam('name'));
  const body = input as Record<string, unknown>;
  const { name, language } = body;
  if (typeof name !== 'string' || name.length === 0) return fail(requiredParam('name'));
  if (name.length > 512) {
    return fail(createError(SUBCODE.TOO_LONG, 'Template name too long', 'Template names can have at most 512 characters.'));
  }
  if (!/^[a-z0-9_]+$/.test(name)) {
    return fail(
      createError(undefined, 'Invalid template name', 'Template names can only contain lower-case letters, numbers and underscores.'),
    );
  }
  if (typeof language !== 'string' || language.length === 0) return fail(requiredParam('language'));
  if (!META_TEMPLATE_LANGUAGES.has(language)) {
    return fail(createError(undefined, 'Invalid language', `"${language}" is not a supported template language code (e.g. tr, en, en_US).`));
  }
  if (body.category === undefined) return fail(requiredParam('category'));
  const category = typeof body.category === 'string' ? body.category.toUpperCase() : '';
  if (!(CATEGORIES as readonly string[]).includes(category)) return fail(enumParam('category', CATEGORIES, body.category));
  const formatRaw = body.parameter_format ?? 'POSITIONAL';
  const format = typeof formatRaw === 'string' ? formatRaw.toUpperCase() : '';
  if (!(FORMATS as readonly string[]).includes(format)) return fail(enumParam('parameter_format', FORMATS, formatRaw));

  const components = checkComponents(body.components, format as ParameterFormat);
  if (!components.ok) return components;
  const parsed = TemplateDraft.safeParse({ ...body, category, parameter_format: format });
  if (!parsed.success) return fail(zodError(parsed.error, 'template'));
  const ttl = parsed.data.message_send_ttl_seconds;
  if (ttl !== undefined && ttl !== -1 && (ttl < 30 || ttl > 43_200)) {
    return fail(createError(undefined, 'Invalid TTL', 'message_send_ttl_seconds must be between 30 and 43,200 seconds (or -1).'));
  }
  return {
    ok: true,
    value: {
      name,
      language,
      category: parsed.data.category,
      subCategory: parsed.data.sub_category,
      parameterFormat: format as ParameterFormat,
      components: components.value,
      messageSendTtlSeconds: ttl,
    },
  };
}
