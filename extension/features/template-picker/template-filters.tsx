import { useId, useMemo } from 'react';
import { useT } from '../../i18n/use-t';
import { usePanelStore } from '../../store';
import type { IndexedTemplate } from './filter-templates';
import { TEMPLATE_TOPICS } from './template-topic';

/** Language and topic filters, offering only values that occur in the list. */
export function TemplateFilters({ index }: { index: IndexedTemplate[] }) {
  const t = useT();
  const id = useId();
  const language = usePanelStore((s) => s.languageFilter);
  const topic = usePanelStore((s) => s.topicFilter);
  const { languageFilterChosen, topicFilterChosen } = usePanelStore.getState();
  const languages = useMemo(() => [...new Set(index.map((i) => i.template.language))].sort(), [index]);
  const topics = useMemo(() => TEMPLATE_TOPICS.filter((tp) => index.some((i) => i.topic === tp)), [index]);
  return (
    <div className="template-filters row">
      <div>
        <label htmlFor={`${id}-lang`} className="visually-hidden">
          {t('templates.languageFilter')}
        </label>
        <select id={`${id}-lang`} value={language ?? ''} onChange={(e) => languageFilterChosen(e.target.value || null)} data-testid="template-language-filter">
          <option value="">{t('templates.allLanguages')}</option>
          {languages.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-topic`} className="visually-hidden">
          {t('templates.topicFilter')}
        </label>
        <select id={`${id}-topic`} value={topic ?? ''} onChange={(e) => topicFilterChosen(e.target.value || null)} data-testid="template-topic-filter">
          <option value="">{t('templates.allTopics')}</option>
          {topics.map((tp) => (
            <option key={tp} value={tp}>
              {t(`topic.${tp}`)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
