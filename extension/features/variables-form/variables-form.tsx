import { useId, useState } from 'react';
import type { ApiTemplate } from '../../../shared/schemas/api-template';
import { describeProblem } from '../../i18n/describe';
import { useT } from '../../i18n/use-t';
import { formatDateInput, typedCurrency } from '../../lib/format';
import { usePanelStore } from '../../store';
import { DatePickerButton } from './date-picker-button';
import { formVariables } from './prefill';
import { CURRENCIES, currencyKey } from './typed-values';
import type { DraftProblem } from './use-draft';
import './variables-form.css';

type Variable = ApiTemplate['variables'][number];

const inputType = (v: Variable) => (v.kind === 'media' ? 'url' : 'text');

/** Where the variable sits, for the label: `{{1}}` in the body, the header, button 2. */
function placement(t: ReturnType<typeof useT>, v: Variable): string {
  if (v.location === 'header') return t('variables.inHeader');
  if (v.location === 'button') return t('variables.inButton', { n: (v.buttonIndex ?? 0) + 1 });
  return `{{${v.placeholder}}}`;
}

type Props = { template: ApiTemplate; problems: DraftProblem[]; showMissing: boolean };

export function VariablesForm({ template, problems, showMissing }: Props) {
  const t = useT();
  const id = useId();
  const inputs = usePanelStore((s) => s.inputs);
  const sources = usePanelStore((s) => s.sources);
  const locked = usePanelStore((s) => s.send.state === 'sending' || s.send.state === 'queued');
  const { variableEdited } = usePanelStore.getState();
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const variables = formVariables(template);
  // A currency typed into the amount ("$42.50") is the one used, so the menu shows it.
  const currencyOf = (key: string) => typedCurrency(inputs[key] ?? '') ?? (inputs[currencyKey(key)] || 'TRY');
  if (variables.length === 0) return <p className="hint">{t('variables.none')}</p>;

  return (
    <fieldset className="variables-form stack" disabled={locked}>
      <legend>{t('variables.title')}</legend>
      {variables.map((v) => {
        const fieldId = `${id}-${v.key}`;
        const own = problems.filter((p) => p.key === v.key && (p.code !== 'MISSING' || showMissing || touched[v.key]));
        const source = sources[v.key];
        const describedBy = [source ? `${fieldId}-source` : '', own.length ? `${fieldId}-problem` : ''].filter(Boolean).join(' ');
        return (
          <div key={v.key} className="variable">
            <label htmlFor={fieldId}>
              {t(`kind.${v.kind}`)} <span className="hint">{placement(t, v)}</span>
            </label>
            <div className="row variable-inputs">
              <input
                id={fieldId}
                type={inputType(v)}
                inputMode={v.kind === 'amount' ? 'decimal' : undefined}
                value={inputs[v.key] ?? ''}
                placeholder={v.kind === 'location' ? '41.0082, 28.9784' : (v.example ?? '')}
                onChange={(e) => variableEdited(v.key, e.target.value)}
                onBlur={() => setTouched((s) => ({ ...s, [v.key]: true }))}
                aria-invalid={own.length ? 'true' : undefined}
                aria-describedby={describedBy || undefined}
                data-testid={`variable-input-${v.key}`}
                data-variable-input=""
              />
              {v.kind === 'date' && (
                <DatePickerButton
                  label={t('variables.pickDate')}
                  onPick={(iso) => {
                    const formatted = formatDateInput(iso, template.language);
                    if (formatted) variableEdited(v.key, formatted);
                  }}
                  testId={`variable-date-${v.key}`}
                />
              )}
              {v.kind === 'amount' && (
                <select
                  aria-label={t('variables.currency')}
                  value={currencyOf(v.key)}
                  onChange={(e) => variableEdited(currencyKey(v.key), e.target.value)}
                  className="currency"
                >
                  {[...new Set([...CURRENCIES, currencyOf(v.key)])].map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </select>
              )}
            </div>
            {source && (
              <p id={`${fieldId}-source`} className="hint source" data-testid={`variable-source-${v.key}`}>
                {t(`source.${source}`)}
              </p>
            )}
            {own.length > 0 && (
              <p id={`${fieldId}-problem`} className="problem" data-testid={`variable-problem-${v.key}`}>
                {own.map((p) => describeProblem(t, p)).join(' ')}
              </p>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
