import { useEffect, useId, useMemo, useRef, type KeyboardEvent } from 'react';
import type { ApiTemplate } from '../../../shared/schemas/api-template';
import { describeError } from '../../i18n/describe';
import { useT } from '../../i18n/use-t';
import { usePanelStore } from '../../store';
import { filterTemplates, indexTemplates } from './filter-templates';
import { TemplateFilters } from './template-filters';
import { TemplateRow } from './template-row';
import { topicNotReceived } from './template-topic';
import { useSlashFocus } from './use-slash-focus';
import './template-picker.css';

/** Rendering stays fast with hundreds of templates: only this many rows exist at once. */
const VISIBLE_LIMIT = 40;

/**
 * The marks `npm run bench` reads, once per page: the list first rendered with data (the list saved
 * at the last opening or the server's, `detail.source` says which), and first with the server's.
 */
export const TEMPLATES_RENDERED_MARK = 'kopru:templates-rendered';
export const SERVER_TEMPLATES_RENDERED_MARK = 'kopru:templates-rendered:server';

function useMarkFirstRender(hasItems: boolean, source: string | null) {
  useEffect(() => {
    if (!hasItems) return;
    const once = (name: string) => performance.getEntriesByName(name).length === 0 && performance.mark(name, { detail: { source } });
    once(TEMPLATES_RENDERED_MARK);
    if (source === 'server') once(SERVER_TEMPLATES_RENDERED_MARK);
  }, [hasItems, source]);
}

/** After a pick the first empty variable gets the focus, so the agent can type straight on. */
function focusAfterPick() {
  setTimeout(() => {
    const inputs = Array.from(document.querySelectorAll<HTMLInputElement>('[data-variable-input]'));
    inputs.find((i) => i.value.trim() === '')?.focus();
  }, 0);
}

export function TemplatePicker() {
  const t = useT();
  const id = useId();
  const searchRef = useRef<HTMLInputElement>(null);
  useSlashFocus(searchRef);
  const templates = usePanelStore((s) => s.templates);
  const state = usePanelStore((s) => s.templatesState);
  const error = usePanelStore((s) => s.templatesError);
  const query = usePanelStore((s) => s.query);
  const language = usePanelStore((s) => s.languageFilter);
  const topic = usePanelStore((s) => s.topicFilter);
  const favourites = usePanelStore((s) => s.favourites);
  const recents = usePanelStore((s) => s.recents);
  const highlighted = usePanelStore((s) => s.highlighted);
  const chosen = usePanelStore((s) => s.template);
  const contact = usePanelStore((s) => s.contact);
  // Topics matter only for an opted-in customer; otherwise consent blocks every template alike.
  const customerTopics = contact?.consent.status === 'opted_in' ? contact.consent.topics : null;
  const { searchTyped, highlightMoved, templateChosen } = usePanelStore.getState();

  const index = useMemo(() => indexTemplates(templates), [templates]);
  const { items, total } = useMemo(
    () => filterTemplates(index, { query, language, topic, favourites, recents, limit: VISIBLE_LIMIT, customerTopics }),
    [index, query, language, topic, favourites, recents, customerTopics],
  );
  const source = usePanelStore((s) => s.templatesSource);
  useMarkFirstRender(items.length > 0, source);
  const open = !chosen || query !== '';
  const active = Math.min(highlighted, Math.max(0, items.length - 1));
  const optionId = (i: number) => `${id}-opt-${i}`;

  function pick(template: ApiTemplate) {
    templateChosen(template);
    searchTyped('');
    focusAfterPick();
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      highlightMoved(Math.min(active + 1, items.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      highlightMoved(Math.max(active - 1, 0));
    } else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
      const item = items[active];
      if (item && open) {
        e.preventDefault();
        pick(item.template);
      }
    } else if (e.key === 'Escape' && query) {
      e.preventDefault();
      searchTyped('');
    }
  }

  return (
    <section className="template-picker" aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`} htmlFor={`${id}-search`}>
        {t('templates.search')} <kbd className="hint">/</kbd>
      </label>
      <input
        ref={searchRef}
        id={`${id}-search`}
        type="search"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        placeholder={t('templates.searchPlaceholder')}
        value={query}
        onChange={(e) => searchTyped(e.target.value)}
        onKeyDown={onKeyDown}
        // Typing a few letters is the first of the three actions from ticket to sent template.
        autoFocus
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && items.length ? optionId(active) : undefined}
        data-testid="template-search"
      />
      <TemplateFilters index={index} />
      {state === 'loading' && <p className="hint">{t('templates.loading')}</p>}
      {state === 'failed' && error && (
        <p className="problem" role="alert">
          {describeError(t, error)}
        </p>
      )}
      {open && (
        <>
          <ul id={`${id}-list`} role="listbox" className="template-list" aria-label={t('templates.listLabel')} data-testid="template-list">
            {items.map((item, i) => (
              <TemplateRow
                key={item.key}
                id={optionId(i)}
                item={item}
                active={i === active}
                favourite={favourites.includes(item.key)}
                notReceived={topicNotReceived(item.template, contact)}
                onPick={() => pick(item.template)}
                onHover={() => highlightMoved(i)}
              />
            ))}
          </ul>
          {state === 'ready' && items.length === 0 && <p className="hint">{t('templates.none')}</p>}
          {total > items.length && <p className="hint">{t('templates.more', { shown: items.length, total })}</p>}
        </>
      )}
    </section>
  );
}
