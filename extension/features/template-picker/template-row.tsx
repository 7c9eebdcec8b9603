import { memo } from 'react';
import type { ConsentTopic } from '../../../shared/schemas/consent';
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

type Props = {
  id: string;
  item: IndexedTemplate;
  active: boolean;
  favourite: boolean;
  /** The topic this customer does not receive, when it is this template's: listed, not sendable. */
  notReceived: ConsentTopic | null;
  onPick: () => void;
  onHover: () => void;
};

/** A row; one the customer cannot receive stays pickable (to read its preview) but says why it cannot go. */
export const TemplateRow = memo(function TemplateRow({ id, item, active, favourite, notReceived, onPick, onHover }: Props) {
  const t = useT();
  const { template } = item;
  return (
    <li
      id={id}
      role="option"
      aria-selected={active}
      className={`template-row${active ? ' active' : ''}${notReceived ? ' not-received' : ''}`}
      onClick={onPick}
      onMouseMove={active ? undefined : onHover}
      data-testid="template-item"
      data-template={template.name}
      data-language={template.language}
      data-sendable={notReceived ? 'false' : 'true'}
    >
      <div className="template-row-main">
        <span className="template-name">{readableName(template.name)}</span>
        <span className="badge">{template.language}</span>
        {!template.usable && <span className="badge bad">{t('templates.paused')}</span>}
        <div className="hint template-snippet">{snippet(template)}</div>
        {notReceived && (
          <div className="template-not-received" data-testid="template-not-received">
            {t('templates.notReceived', { topic: t(`topic.${notReceived}`) })}
          </div>
        )}
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
