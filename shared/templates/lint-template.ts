/**
 * `lintTemplate` — checks a draft template before it goes to Meta: Meta's structural rules
 * (errors: the draft would be refused or rejected) and the utility-wording check (warnings: the
 * draft would be approved as MARKETING). Never throws; anything that is not a draft at all comes
 * back as findings.
 *
 * `category` is the one Meta is likely to assign: MARKETING when the draft asks for it or its
 * wording is promotional, otherwise UTILITY. It is a prediction from wording, not Meta's verdict.
 *
 * @module
 */
import type { LintFinding, LintResult } from '../schemas/lint';
import type { TemplateButton } from '../schemas/template';
import { lintPlaceholders } from './lint-placeholders';
import { readDraft, type LintableDraft } from './lint-shape';
import { lintButtons, lintComponentSet, lintIdentity, lintTexts } from './lint-structure';
import { lintWording } from './lint-wording';
import type { TemplateParts } from './template-parts';

/** The first component of each kind (a second one is already a `duplicate-component` error). */
function partsOf(draft: LintableDraft): TemplateParts {
  const parts: TemplateParts = { buttons: [] };
  for (const { component } of draft.components) {
    if (component.type === 'HEADER') parts.header ??= component;
    if (component.type === 'BODY') parts.body ??= component;
    if (component.type === 'FOOTER') parts.footer ??= component;
    if (component.type === 'BUTTONS' && parts.buttons.length === 0) parts.buttons = component.buttons;
  }
  return parts;
}

/** The example Meta would see for a placeholder, used to guess what the placeholder holds. */
function exampleLookup(parts: TemplateParts): (name: string) => string | undefined {
  const body = parts.body?.example;
  const header = parts.header?.format === 'TEXT' ? parts.header.example : undefined;
  return (name) =>
    body?.body_text_named_params?.find((e) => e.param_name === name)?.example ??
    header?.header_text_named_params?.find((e) => e.param_name === name)?.example ??
    (/^\d+$/.test(name) ? body?.body_text?.[0]?.[Number(name) - 1] : undefined);
}

const SEVERITY_ORDER = { error: 0, warning: 1 } as const;

export function lintTemplate(raw: unknown): LintResult {
  const { draft, texts, findings: shape } = readDraft(raw);
  const parts = partsOf(draft);
  const buttons: TemplateButton[] = parts.buttons;

  const structural: LintFinding[] = [
    ...lintIdentity(draft),
    ...(draft.hasComponentList ? lintComponentSet(draft) : []),
    ...lintTexts(parts),
    ...lintPlaceholders(parts, draft.parameterFormat),
    ...lintButtons(buttons),
  ];
  const wording = lintWording(texts, exampleLookup(parts));

  const findings = [...shape, ...structural, ...wording.findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const category = draft.category === 'MARKETING' || wording.promotional ? 'MARKETING' : 'UTILITY';
  return { category, findings };
}
