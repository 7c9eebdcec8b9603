import { useMemo } from 'react';
import type { ApiTemplate } from '../../../shared/schemas/api-template';
import type { TemplateValues } from '../../../shared/schemas/values';
import { renderTemplate, type RenderProblem, type RenderResult } from '../../../shared/templates/render-template';
import { buildValues, type LocalProblem } from './typed-values';

export type DraftProblem = Pick<RenderProblem, 'key' | 'limit' | 'actual'> & { code: RenderProblem['code'] | LocalProblem['code'] };

export type Draft = {
  values: TemplateValues;
  /** The same call the server makes: what the preview shows is what is sent. */
  render: RenderResult;
  problems: DraftProblem[];
};

export function computeDraft(template: ApiTemplate, inputs: Record<string, string>): Draft {
  const { values, problems: local } = buildValues(template, inputs);
  const render = renderTemplate(template, values);
  const shared: DraftProblem[] = render.ok ? [] : render.problems.filter((p) => !local.some((l) => l.key === p.key));
  return { values, render, problems: [...local, ...shared] };
}

export function useDraft(template: ApiTemplate | null, inputs: Record<string, string>): Draft | null {
  return useMemo(() => (template ? computeDraft(template, inputs) : null), [template, inputs]);
}
