import { useRef, type KeyboardEvent } from 'react';
import { useT } from '../i18n/use-t';
import { usePanelStore } from '../store';
import type { PanelTab } from '../store/ui-slice';

const BASE_TABS: PanelTab[] = ['message', 'consent', 'handoff', 'insights'];
/** The template editor is for admins only. */
const ADMIN_TABS: PanelTab[] = [...BASE_TABS, 'templates'];
export const tabPanelId = (tab: PanelTab) => `panel-${tab}`;

/** Message / Consent / Hand-off / Insights (/ Templates for admins), as an ARIA tab list (←/→ move between tabs). */
export function PanelTabs() {
  const t = useT();
  const tab = usePanelStore((s) => s.tab);
  const TABS = usePanelStore((s) => (s.agent?.role === 'admin' ? ADMIN_TABS : BASE_TABS));
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  function onKeyDown(e: KeyboardEvent) {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const next = (TABS.indexOf(tab) + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length;
    usePanelStore.getState().tabOpened(TABS[next]!);
    refs.current[next]?.focus();
  }
  return (
    <div role="tablist" className="panel-tabs" aria-label={t('tabs.label')} onKeyDown={onKeyDown}>
      {TABS.map((name, i) => (
        <button
          key={name}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`tab-${name}`}
          aria-selected={tab === name}
          aria-controls={tabPanelId(name)}
          tabIndex={tab === name ? 0 : -1}
          onClick={() => usePanelStore.getState().tabOpened(name)}
          data-testid={`tab-${name}`}
        >
          {t(`tabs.${name}`)}
        </button>
      ))}
    </div>
  );
}
