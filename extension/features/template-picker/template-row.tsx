import { memo } from 'react';
import { useT } from '../../i18n/use-t';
import { usePanelStore } from '../../store';
import type { IndexedTemplate } from './filter-templates';

/** `order_shipped_v2` → `order shipped v2`: names are identifiers, agents read words. */
export const readableName = (name: string): string => name.replace(/_/g, ' ');

const snippet = (template: IndexedTemplate['template']): string => {
  const body = template.components.find((c) => c.type === 'BODY');
  const text = body && 'text' in body ? body.text : '';
  return text.length > 90 ? `${text.slice(0, 88)}…` : text;
};

type Props = { id: string; item: IndexedTemplate; active: boolean; favourite: boolean; onPick: () => void; onHover: () => void };

export const TemplateRow = memo(function TemplateRow({ id, item, active, favourite, onPick, onHover }: Props) {
  const t = useT();
  const { template } = item;
  return (
    <li
      id={id}
      role="option"
      aria-selected={active}
      className={`template-row${active ? ' active' : ''}`}
      onClick={onPick}
      onMouseMove={active ? undefined : onHover}
      data-testid="template-item"
      data-template={template.name}
      data-language={template.language}
    >
      <div className="template-row-main">
        <span className="template-name">{readableName(template.name)}</span>
        <span className="badge">{template.language}</span>
        {!template.usable && <span className="badge bad">{t('templates.paused')}</span>}
        <div className="hint template-snippet">{snippet(template)}</div>
      </div>
      <button
        type="button"
        className="star"
        aria-pressed={favourite}
        aria-label={favourite ? t('templates.unfavourite', { name: template.name }) : t('templates.favourite', { name: template.name })}
        onClick={(e) => {
          e.stopPropagation();
          usePanelStore.getState().favouriteToggled(item.key);
        }}
        data-testid="template-favourite"
      >
        {favourite ? '★' : '☆'}
      </button>
    </li>
  );
});
