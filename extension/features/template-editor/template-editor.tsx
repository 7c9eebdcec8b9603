/**
 * The admins' template editor: write a utility template, see what Meta will think of it while
 * typing (`POST /api/templates/lint`), submit it (`POST /api/templates`), then watch Meta's review
 * arrive — the status list reloads whenever a `template.changed` event reloads the panel's templates.
 *
 * @module
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { ApiTemplate } from '../../../shared/schemas/api-template';
import type { LintResult } from '../../../shared/schemas/lint';
import { describeError } from '../../i18n/describe';
import { useT } from '../../i18n/use-t';
import { useServices } from '../../lib/services';
import { usePanelStore } from '../../store';
import { buildDraft, EMPTY_FORM, suggestName, variablesOf, type EditorForm } from './editor-draft';
import { LintFindings } from './lint-findings';
import './template-editor.css';

const LINT_DELAY_MS = 400;

type Submit = { state: 'idle' } | { state: 'sending' } | { state: 'done'; template: ApiTemplate } | { state: 'held'; lint: LintResult } | { state: 'failed'; message: string };

export function TemplateEditor({ lintDelayMs = LINT_DELAY_MS }: { lintDelayMs?: number }) {
  const t = useT();
  const id = useId();
  const { api } = useServices();
  const [form, setForm] = useState<EditorForm>(EMPTY_FORM);
  const [lint, setLint] = useState<LintResult | null>(null);
  const [submit, setSubmit] = useState<Submit>({ state: 'idle' });
  const [submitted, setSubmitted] = useState(0);
  const draft = useMemo(() => buildDraft(form), [form]);
  const variables = variablesOf(form.body);
  const set = (patch: Partial<EditorForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setSubmit({ state: 'idle' });
  };

  useEffect(() => {
    if (!form.body.trim()) return setLint(null);
    const controller = new AbortController();
    const timer = setTimeout(() => {
      void api.lintTemplate(draft, controller.signal).then((r) => {
        if (!controller.signal.aborted && r.ok) setLint(r.value);
      });
    }, lintDelayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, draft, form.body, lintDelayMs]);

  async function send(acceptWarnings: boolean) {
    setSubmit({ state: 'sending' });
    const r = await api.createTemplate(draft, acceptWarnings);
    if (r.ok) {
      setSubmitted((n) => n + 1);
      return setSubmit({ state: 'done', template: r.value.template });
    }
    const held = (r.error.details as { lint?: LintResult } | undefined)?.lint;
    if (held) {
      setLint(held);
      return setSubmit(held.findings.some((f) => f.severity === 'error') ? { state: 'failed', message: t('editor.fixErrors') } : { state: 'held', lint: held });
    }
    const meta = (r.error.details as { meta?: { message?: string } } | undefined)?.meta?.message;
    setSubmit({ state: 'failed', message: meta ? t('editor.metaRefused', { reason: meta }) : r.error.code === 'CONFLICT' ? t('editor.exists') : describeError(t, r.error) });
  }

  const hasErrors = lint?.findings.some((f) => f.severity === 'error') ?? false;
  return (
    <section className="template-editor stack" aria-labelledby={`${id}-title`} data-testid="template-editor">
      <h2 id={`${id}-title`}>{t('editor.title')}</h2>
      <p className="hint">{t('editor.intro')}</p>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void send(false);
        }}
      >
        <div className="row editor-ids">
          <div className="grow">
            <label htmlFor={`${id}-name`}>{t('editor.name')}</label>
            <input
              id={`${id}-name`}
              value={form.name}
              onChange={(e) => set({ name: e.target.value })}
              onBlur={() => set({ name: suggestName(form.name) })}
              aria-describedby={`${id}-name-hint`}
              data-testid="editor-name"
            />
            <p id={`${id}-name-hint`} className="hint">
              {t('editor.nameHint')}
            </p>
          </div>
          <div>
            <label htmlFor={`${id}-language`}>{t('editor.language')}</label>
            <select id={`${id}-language`} value={form.language} onChange={(e) => set({ language: e.target.value })} data-testid="editor-language">
              <option value="tr">Türkçe (tr)</option>
              <option value="en">English (en)</option>
              <option value="en_US">English US (en_US)</option>
            </select>
          </div>
        </div>
        <label htmlFor={`${id}-header`}>{t('editor.header')}</label>
        <input id={`${id}-header`} value={form.header} onChange={(e) => set({ header: e.target.value })} data-testid="editor-header" />
        <label htmlFor={`${id}-body`}>{t('editor.body')}</label>
        <textarea id={`${id}-body`} rows={5} value={form.body} onChange={(e) => set({ body: e.target.value })} aria-describedby={`${id}-body-hint`} data-testid="editor-body" />
        <p id={`${id}-body-hint`} className="hint">
          {t('editor.bodyHint')}
        </p>
        {variables.map((n) => (
          <div key={n}>
            <label htmlFor={`${id}-ex-${n}`}>{t('editor.example', { n })}</label>
            <input
              id={`${id}-ex-${n}`}
              value={form.examples[n] ?? ''}
              onChange={(e) => set({ examples: { ...form.examples, [n]: e.target.value } })}
              data-testid={`editor-example-${n}`}
            />
          </div>
        ))}
        <label htmlFor={`${id}-footer`}>{t('editor.footer')}</label>
        <input id={`${id}-footer`} value={form.footer} onChange={(e) => set({ footer: e.target.value })} data-testid="editor-footer" />
        <label htmlFor={`${id}-buttons`}>{t('editor.quickReplies')}</label>
        <textarea id={`${id}-buttons`} rows={2} value={form.quickReplies} onChange={(e) => set({ quickReplies: e.target.value })} data-testid="editor-buttons" />
        {lint && <LintFindings lint={lint} />}
        <div className="row">
          <button type="submit" className="primary" disabled={!form.name || !form.body.trim() || hasErrors || submit.state === 'sending'} data-testid="editor-submit">
            {submit.state === 'sending' ? t('editor.submitting') : t('editor.submit')}
          </button>
          {submit.state === 'held' && (
            <button type="button" onClick={() => void send(true)} data-testid="editor-submit-anyway">
              {t('editor.submitAnyway')}
            </button>
          )}
        </div>
        {submit.state === 'held' && <p className="problem">{t('editor.held', { category: submit.lint.category })}</p>}
        {submit.state === 'failed' && (
          <p className="problem" role="alert" data-testid="editor-error">
            {submit.message}
          </p>
        )}
        {submit.state === 'done' && (
          <p className="ok-note" role="status" data-testid="editor-done">
            {t('editor.submitted', { name: submit.template.name })}
          </p>
        )}
      </form>
      <TemplateStatusList submitted={submitted} />
    </section>
  );
}

/** Every template with Meta's current verdict, newest change first; reloads after a submission and with the panel's templates. */
function TemplateStatusList({ submitted }: { submitted: number }) {
  const t = useT();
  const { api } = useServices();
  const changed = usePanelStore((s) => s.templates);
  const [all, setAll] = useState<ApiTemplate[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    void api.allTemplates().then((r) => {
      if (!cancelled && r.ok) setAll([...r.value].sort((a, b) => b.updatedAt - a.updatedAt));
    });
    return () => {
      cancelled = true;
    };
  }, [api, changed, submitted]);
  if (!all) return null;
  return (
    <div className="stack">
      <h3>{t('editor.statusTitle')}</h3>
      <ul className="template-status-list" data-testid="template-statuses">
        {all.slice(0, 12).map((tpl) => (
          <li key={`${tpl.name}/${tpl.language}`} className="row" data-template={`${tpl.name}/${tpl.language}`} data-status={tpl.status}>
            <span className="grow">
              {tpl.name} <span className="hint">({tpl.language})</span>
            </span>
            <span className={`badge ${tpl.status === 'APPROVED' ? 'good' : tpl.status === 'PENDING' ? 'warn' : 'bad'}`}>{t(`editor.status.${tpl.status}`)}</span>
            {tpl.category !== 'UTILITY' && <span className="badge warn">{tpl.category}</span>}
            {tpl.rejected_reason && tpl.rejected_reason !== 'NONE' && <span className="hint">{t('editor.rejectedReason', { reason: tpl.rejected_reason })}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
