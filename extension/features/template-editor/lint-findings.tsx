import type { LintFinding, LintResult } from '../../../shared/schemas/lint';
import { hasKey, type Translate } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';

/** A finding in the admin's language: our sentence for the rule when we have one, else the server's. */
export function describeFinding(t: Translate, f: LintFinding): string {
  const key = `lint.${f.rule}`;
  return hasKey(key) ? t(key) : f.message;
}

/** What the linter found: the likely category, then errors (must fix) before warnings (consider). */
export function LintFindings({ lint }: { lint: LintResult }) {
  const t = useT();
  return (
    <div className="lint-findings stack" data-testid="lint-findings" data-category={lint.category}>
      <p className={`badge wrap ${lint.category === 'UTILITY' ? 'good' : 'warn'}`} data-testid="lint-category">
        {t('editor.likely', { category: lint.category })}
      </p>
      {lint.findings.length === 0 ? (
        <p className="ok-note">{t('editor.noFindings')}</p>
      ) : (
        <ul className="lint-list">
          {lint.findings.map((f, i) => (
            <li key={`${f.rule}-${i}`} className={`lint-${f.severity}`} data-rule={f.rule} data-severity={f.severity}>
              <span className={`badge ${f.severity === 'error' ? 'bad' : 'warn'}`}>{t(f.severity === 'error' ? 'editor.mustFix' : 'editor.consider')}</span>{' '}
              {describeFinding(t, f)}
              {f.evidence && <q className="lint-evidence">{f.evidence}</q>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
