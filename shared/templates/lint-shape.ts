/**
 * Reading an untrusted draft for the linter. Each top-level field and each component is parsed on
 * its own with the shared template schema, so one malformed component yields findings for that
 * component while the rest is still linted — an admin typing a draft sees every problem at once.
 *
 * Zod's union errors list every branch; only the branch the author evidently meant (the one whose
 * `type` matched) is reported.
 *
 * @module
 */
import type * as z from 'zod';
import type { LintFinding } from '../schemas/lint';
import { TemplateComponent, TemplateDraft, type ParameterFormat, type TemplateCategory } from '../schemas/template';
import { lintError } from './lint-finding';

export type LintableComponent = { index: number; component: TemplateComponent };

/** The parts of a draft that parsed; absent fields failed to parse (and have findings) or were missing. */
export type LintableDraft = {
  name?: string;
  language?: string;
  category?: TemplateCategory;
  /** What the draft declares, `POSITIONAL` when omitted (Meta's default). */
  parameterFormat: ParameterFormat;
  components: LintableComponent[];
  /** Upper-cased `type` of every component object, parsed or not, in order. */
  componentTypes: string[];
  /** False when `components` was not a list at all (already an `invalid-shape` finding). */
  hasComponentList: boolean;
};

/** Raw text of the draft for the wording check, read even from components that failed to parse. */
export type DraftTexts = {
  header?: string;
  body?: string;
  footer?: string;
  buttons: Array<{ index: number; text?: string; url?: string }>;
};

type Issue = z.core.$ZodIssue;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const pathText = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');

/** Picks, inside a union error, the branch the author meant: no complaint about `type`, fewest issues. */
function meantBranch(issue: Issue & { code: 'invalid_union' }): Issue[] | undefined {
  const branches = issue.errors.filter((branch) => !branch.some((inner) => inner.path.length === 1 && inner.path[0] === 'type'));
  return branches.sort((a, b) => a.length - b.length)[0];
}

function flatten(issues: readonly Issue[], prefix: ReadonlyArray<PropertyKey>): Array<{ path: PropertyKey[]; message: string }> {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const branch = meantBranch(issue);
      if (branch) return flatten(branch, path);
      return [{ path, message: 'not a component or button type Köprü knows (components: HEADER, BODY, FOOTER, BUTTONS; buttons: QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE, FLOW).' }];
    }
    return [{ path, message: issue.message }];
  });
}

const RULE_FOR_FIELD: Record<string, string> = { name: 'name-format', language: 'invalid-language' };

function issueFindings(issues: readonly Issue[], prefix: ReadonlyArray<PropertyKey>): LintFinding[] {
  return flatten(issues, prefix).map(({ path, message }) => {
    const where = pathText(path);
    const component = path[0] === 'components' && typeof path[1] === 'number' ? `components[${path[1]}]` : String(path[0] ?? 'draft');
    const rule = RULE_FOR_FIELD[String(path[0])] ?? 'invalid-shape';
    return lintError(rule, `${where || 'The draft'}: ${message}`, { component });
  });
}

/** Parses what can be parsed; every zod issue becomes an error finding. Never throws. */
export function readDraft(raw: unknown): { draft: LintableDraft; texts: DraftTexts; findings: LintFinding[] } {
  const draft: LintableDraft = { parameterFormat: 'POSITIONAL', components: [], componentTypes: [], hasComponentList: false };
  const texts: DraftTexts = { buttons: [] };
  if (!isRecord(raw)) {
    return { draft, texts, findings: [lintError('invalid-shape', 'The draft must be a JSON object with name, language, category and components.', { component: 'draft' })] };
  }
  const findings: LintFinding[] = [];
  const field = <S extends z.ZodType>(key: keyof typeof TemplateDraft.shape, schema: S): z.infer<S> | undefined => {
    const parsed = schema.safeParse(raw[key]);
    if (parsed.success) return parsed.data as z.infer<S>;
    findings.push(...issueFindings(parsed.error.issues, [key]));
    return undefined;
  };
  const { shape } = TemplateDraft;
  const name = field('name', shape.name);
  const language = field('language', shape.language);
  const category = field('category', shape.category);
  const parameterFormat = field('parameter_format', shape.parameter_format);
  field('sub_category', shape.sub_category);
  field('message_send_ttl_seconds', shape.message_send_ttl_seconds);
  field('allow_category_change', shape.allow_category_change);
  if (name !== undefined) draft.name = name;
  if (language !== undefined) draft.language = language;
  if (category !== undefined) draft.category = category;
  if (parameterFormat !== undefined) draft.parameterFormat = parameterFormat;

  const components = raw.components;
  if (!Array.isArray(components)) {
    findings.push(lintError('invalid-shape', 'components: must be a list of HEADER, BODY, FOOTER and BUTTONS components.', { component: 'components' }));
    return { draft, texts, findings };
  }
  draft.hasComponentList = true;
  components.forEach((item, index) => {
    const type = isRecord(item) && typeof item.type === 'string' ? item.type.toUpperCase() : '';
    draft.componentTypes.push(type);
    if (isRecord(item)) collectTexts(type, item, texts);
    const parsed = TemplateComponent.safeParse(item);
    if (parsed.success) draft.components.push({ index, component: parsed.data });
    else findings.push(...issueFindings(parsed.error.issues, ['components', index]));
  });
  return { draft, texts, findings };
}

function collectTexts(type: string, item: Record<string, unknown>, texts: DraftTexts): void {
  const text = typeof item.text === 'string' ? item.text : undefined;
  if (type === 'HEADER' && text !== undefined) texts.header = text;
  if (type === 'BODY' && text !== undefined) texts.body = text;
  if (type === 'FOOTER' && text !== undefined) texts.footer = text;
  if (type === 'BUTTONS' && Array.isArray(item.buttons)) {
    item.buttons.forEach((button, index) => {
      if (!isRecord(button)) return;
      texts.buttons.push({
        index,
        ...(typeof button.text === 'string' ? { text: button.text } : {}),
        ...(typeof button.url === 'string' ? { url: button.url } : {}),
      });
    });
  }
}
