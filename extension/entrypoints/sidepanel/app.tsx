import { useMemo } from 'react';
import { AlertsStrip } from '../../features/alerts/alerts-strip';
import { useAlerts } from '../../features/alerts/use-alerts';
import { ConnectForm } from '../../features/connect/connect-form';
import { useConnectionCheck } from '../../features/connect/use-connection-check';
import { useSettings } from '../../features/connect/use-settings';
import { ConsentPanel } from '../../features/consent/consent-panel';
import { CustomerCard } from '../../features/customer-card/customer-card';
import { useActiveTicket } from '../../features/customer-card/use-active-ticket';
import { useContactLoader } from '../../features/customer-card/use-contact-loader';
import { HandoffPanel } from '../../features/handoff/handoff-panel';
import { InsightsView } from '../../features/insights/insights-view';
import { PriceEstimate } from '../../features/insights/price-estimate';
import { headerState, LanguageSwitch, PanelHeader } from '../../features/header/panel-header';
import { useLiveEvents } from '../../features/live/use-live-events';
import { RecentMessages } from '../../features/message-status/message-status';
import { OutboxList } from '../../features/outbox/outbox-list';
import { useOutbox } from '../../features/outbox/use-outbox';
import { PanelTabs, tabPanelId } from '../../features/panel-tabs';
import { ReplyBox } from '../../features/reply/reply-box';
import { Composer } from '../../features/send/composer';
import { TemplateEditor } from '../../features/template-editor/template-editor';
import { TemplatePicker } from '../../features/template-picker/template-picker';
import { useTemplates } from '../../features/template-picker/use-templates';
import { useT } from '../../i18n/use-t';
import { createServices, ServicesProvider, useServices } from '../../lib/services';
import { hasConnection, saveSettings } from '../../lib/settings';
import { usePanelStore } from '../../store';
import { useDocumentLanguage } from './use-document-language';
import './app.css';

function FirstRun() {
  const t = useT();
  const settings = usePanelStore((s) => s.settings);
  const rejected = usePanelStore((s) => s.connection === 'rejected');
  return (
    <>
      <header className="first-run-header row">
        <h1>Köprü</h1>
        <LanguageSwitch />
      </header>
      <main className="panel-main">
        {rejected && (
          <p className="problem card" role="alert" data-testid="token-rejected">
            {t('connect.rejected')}
          </p>
        )}
        <ConnectForm
          initialServer={settings?.serverUrl ?? ''}
          onConnected={async ({ serverUrl, token }) => {
            const current = usePanelStore.getState().settings;
            await saveSettings({ serverUrl, token, language: current?.language ?? null });
          }}
        />
      </main>
    </>
  );
}

function Panel() {
  const t = useT();
  const services = useServices();
  useConnectionCheck(services);
  useActiveTicket();
  useContactLoader();
  useTemplates();
  useLiveEvents();
  useOutbox();
  useAlerts();
  const tab = usePanelStore((s) => s.tab);
  const isAdmin = usePanelStore((s) => s.agent?.role === 'admin');
  const offline = usePanelStore((s) => headerState(s.connection, s.live) === 'offline');
  return (
    <>
      <PanelHeader />
      <main className="panel-main">
        {offline && (
          <p className="badge warn offline-banner" role="status" data-testid="offline-banner">
            {t('panel.offline')}
          </p>
        )}
        <AlertsStrip />
        <CustomerCard />
        <PanelTabs />
        <div role="tabpanel" id={tabPanelId(tab)} aria-labelledby={`tab-${tab}`} className="tab-panel stack">
          {tab === 'message' && (
            <>
              <TemplatePicker />
              <PriceEstimate />
              <Composer />
              <ReplyBox />
              <RecentMessages />
            </>
          )}
          {tab === 'consent' && <ConsentPanel />}
          {tab === 'handoff' && <HandoffPanel />}
          {tab === 'insights' && <InsightsView />}
          {tab === 'templates' && isAdmin && <TemplateEditor />}
        </div>
        <OutboxList />
      </main>
    </>
  );
}

export function App() {
  useSettings();
  useDocumentLanguage();
  const settings = usePanelStore((s) => s.settings);
  const connection = usePanelStore((s) => s.connection);
  const serverUrl = settings?.serverUrl ?? '';
  const token = settings?.token ?? '';
  const services = useMemo(
    () => (serverUrl && token ? createServices({ serverUrl, token, language: null }) : null),
    [serverUrl, token],
  );
  if (connection === 'loading') return null;
  if (!services || !settings || !hasConnection(settings) || connection === 'rejected') return <FirstRun />;
  return (
    <ServicesProvider services={services}>
      <Panel />
    </ServicesProvider>
  );
}
