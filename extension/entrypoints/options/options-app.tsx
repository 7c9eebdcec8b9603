import { useMemo, useState } from 'react';
import { ConnectForm } from '../../features/connect/connect-form';
import { parsePairingHash } from '../../features/connect/pairing-link';
import { useSettings } from '../../features/connect/use-settings';
import { LanguageSwitch } from '../../features/header/panel-header';
import { useT } from '../../i18n/use-t';
import type { Agent } from '../../lib/api-client';
import { clearConnection, saveSettings } from '../../lib/settings';
import { usePanelStore } from '../../store';
import { useDocumentLanguage } from '../sidepanel/use-document-language';
import './options.css';

/** Reads a pairing link's fragment once and removes it, so the token does not linger in the address bar or history. */
function takePairingLink() {
  const pairing = parsePairingHash(window.location.hash);
  if (pairing) history.replaceState(null, '', window.location.pathname + window.location.search);
  return pairing;
}

/**
 * The options page: the same connect form as the panel's first run, plus pairing links
 * (`options.html#server=<url>&token=<token>`), which fill both fields and connect at once.
 */
export function OptionsApp() {
  useSettings();
  useDocumentLanguage();
  const t = useT();
  const pairing = useMemo(takePairingLink, []);
  const settings = usePanelStore((s) => s.settings);
  const [connected, setConnected] = useState<{ agent: Agent; serverUrl: string } | null>(null);
  const [signedOut, setSignedOut] = useState(false);

  async function onConnected({ agent, serverUrl, token }: { agent: Agent; serverUrl: string; token: string }) {
    await saveSettings({ serverUrl, token, language: usePanelStore.getState().settings?.language ?? null });
    setConnected({ agent, serverUrl });
    setSignedOut(false);
  }

  async function signOut() {
    await clearConnection();
    setConnected(null);
    setSignedOut(true);
  }

  if (!settings) return null;
  const stored = settings.serverUrl && settings.token;
  return (
    <div className="options-page">
      <header className="options-header row">
        <h1>{t('options.title')}</h1>
        <LanguageSwitch />
      </header>
      <main className="stack">
        {connected && (
          <p className="card ok-note" role="status" data-testid="options-success">
            {t('options.connected', { name: connected.agent.name, server: connected.serverUrl })}
            <br />
            <span className="hint">{t('options.next')}</span>
          </p>
        )}
        {signedOut && (
          <p className="card hint" role="status" data-testid="options-signed-out">
            {t('options.signedOut')}
          </p>
        )}
        <ConnectForm
          initialServer={pairing?.serverUrl ?? settings.serverUrl}
          initialToken={pairing?.token ?? ''}
          autoConnect={!!pairing}
          onConnected={onConnected}
        />
        {stored && (
          <section className="card stack">
            <p>{t('options.storedServer', { server: settings.serverUrl })}</p>
            <button type="button" className="danger" onClick={() => void signOut()} data-testid="options-sign-out">
              {t('header.signOut')}
            </button>
          </section>
        )}
        <p className="hint">{t('options.privacy')}</p>
      </main>
    </div>
  );
}
