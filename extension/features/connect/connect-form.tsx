import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { describeError } from '../../i18n/describe';
import { useT } from '../../i18n/use-t';
import type { Agent } from '../../lib/api-client';
import { checkConnection, type ConnectProblem } from './check-connection';
import './connect-form.css';

type Props = {
  initialServer?: string;
  initialToken?: string;
  /** Pairing links connect without a click. */
  autoConnect?: boolean;
  onConnected: (result: { agent: Agent; serverUrl: string; token: string }) => void | Promise<void>;
};

export function ConnectForm({ initialServer = '', initialToken = '', autoConnect = false, onConnected }: Props) {
  const t = useT();
  const id = useId();
  const [serverUrl, setServerUrl] = useState(initialServer);
  const [token, setToken] = useState(initialToken);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ConnectProblem | null>(null);
  const started = useRef(false);

  async function connect(server = serverUrl, tok = token) {
    setBusy(true);
    setProblem(null);
    const result = await checkConnection(server, tok);
    setBusy(false);
    if (result.ok) await onConnected(result.value);
    else setProblem(result.error);
  }

  useEffect(() => {
    setServerUrl(initialServer);
    setToken(initialToken);
    if (autoConnect && initialServer && initialToken && !started.current) {
      started.current = true;
      void connect(initialServer, initialToken);
    }
    // Only a new pairing link (new initial values) starts another automatic check; `connect`
    // is left out of the dependencies on purpose, it is a new function on every render.
  }, [initialServer, initialToken, autoConnect]);

  function submit(e: FormEvent) {
    e.preventDefault();
    void connect();
  }

  const problemText =
    problem === null
      ? null
      : problem.code === 'INVALID_URL'
        ? t('connect.invalidUrl')
        : problem.code === 'TOKEN_MISSING'
          ? t('connect.tokenMissing')
          : problem.code === 'NETWORK'
            ? t('connect.unreachable')
            : describeError(t, problem);

  return (
    <form className="connect-form card stack" onSubmit={submit} aria-describedby={`${id}-intro`} data-testid="connect-form">
      <h2>{t('connect.title')}</h2>
      <p id={`${id}-intro`} className="hint">
        {t('connect.intro')}
      </p>
      <div>
        <label htmlFor={`${id}-server`}>{t('connect.serverUrl')}</label>
        <input
          id={`${id}-server`}
          type="url"
          inputMode="url"
          autoComplete="url"
          placeholder="https://kopru.example.com"
          value={serverUrl}
          onChange={(e) => setServerUrl(e.target.value)}
          data-testid="connect-server"
          required
        />
      </div>
      <div>
        <label htmlFor={`${id}-token`}>{t('connect.token')}</label>
        <input
          id={`${id}-token`}
          type="password"
          autoComplete="off"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          data-testid="connect-token"
          required
        />
        <p className="hint">{t('connect.tokenHint')}</p>
      </div>
      {problemText && (
        <p className="problem" role="alert" data-testid="connect-problem">
          {problemText}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy} data-testid="connect-submit">
        {busy ? t('connect.checking') : t('connect.submit')}
      </button>
    </form>
  );
}
