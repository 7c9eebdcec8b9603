import { useT } from '../../i18n/use-t';
import type { Lang } from '../../i18n/translate';
import { clearConnection, loadSettings, saveSettings } from '../../lib/settings';
import { usePanelStore } from '../../store';
import type { ConnectionState, LiveState } from '../../store/connection-slice';
import './panel-header.css';

/** Saves the choice so the options page and the next panel open in the same language. */
export async function switchLanguage(language: Lang) {
  usePanelStore.getState().languageSwitched(language);
  const settings = await loadSettings();
  await saveSettings({ ...settings, language });
}

export function LanguageSwitch() {
  const t = useT();
  const language = usePanelStore((s) => s.language);
  const other: Lang = language === 'tr' ? 'en' : 'tr';
  return (
    <button
      type="button"
      className="language-switch"
      onClick={() => void switchLanguage(other)}
      aria-label={t('header.switchLanguage')}
      title={t('header.switchLanguage')}
      data-testid="language-switch"
      data-language={language}
      lang={other}
    >
      {other.toUpperCase()}
    </button>
  );
}

/** One word for the agent: live, connecting, offline (server or stream unreachable) or token refused. */
export function headerState(connection: ConnectionState, live: LiveState): 'live' | 'connecting' | 'offline' | 'rejected' {
  if (connection === 'rejected') return 'rejected';
  if (connection === 'unreachable' || live === 'retrying') return 'offline';
  return live === 'live' ? 'live' : 'connecting';
}

export function PanelHeader() {
  const t = useT();
  const agent = usePanelStore((s) => s.agent);
  const connection = usePanelStore((s) => s.connection);
  const live = usePanelStore((s) => s.live);
  const waiting = usePanelStore((s) => s.outbox.length);

  const state = headerState(connection, live);

  async function signOut() {
    await clearConnection();
    usePanelStore.getState().signedOut();
  }

  return (
    <header className="panel-header">
      <div className="panel-header-title">
        <h1>Köprü</h1>
        <span className={`live-dot live-${state}`} data-testid="connection-status" data-state={state} role="status">
          {t(`header.state.${state}`)}
        </span>
      </div>
      <div className="row panel-header-actions">
        {waiting > 0 && (
          <a className="badge warn" href="#outbox" data-testid="outbox-badge">
            {t('outbox.badge', { count: waiting })}
          </a>
        )}
        {agent && (
          <span className="hint agent-name" title={agent.name}>
            {agent.name}
          </span>
        )}
        <LanguageSwitch />
        <button type="button" onClick={() => void signOut()} data-testid="sign-out">
          {t('header.signOut')}
        </button>
      </div>
    </header>
  );
}
