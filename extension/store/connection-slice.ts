import type { StateCreator } from 'zustand';
import type { Agent, ClientErrorCode } from '../lib/api-client';
import type { Settings } from '../lib/settings';
import type { PanelState } from './index';

export type ConnectionState =
  | 'loading' // settings not read yet
  | 'signed_out' // no server or token stored
  | 'checking' // GET /api/me in flight
  | 'connected'
  | 'unreachable' // stored settings, but the server did not answer (the outbox keeps working)
  | 'rejected'; // the server refused the token (revoked, wrong server)

export type LiveState = 'off' | 'connecting' | 'live' | 'retrying';

export type ConnectionSlice = {
  settings: Settings | null;
  agent: Agent | null;
  connection: ConnectionState;
  connectionError: ClientErrorCode | null;
  live: LiveState;
  settingsLoaded: (settings: Settings) => void;
  connectionChecking: () => void;
  agentVerified: (agent: Agent) => void;
  connectionFailed: (code: ClientErrorCode) => void;
  signedOut: () => void;
  liveStatusChanged: (live: LiveState) => void;
};

export const createConnectionSlice: StateCreator<PanelState, [], [], ConnectionSlice> = (set) => ({
  settings: null,
  agent: null,
  connection: 'loading',
  connectionError: null,
  live: 'off',
  settingsLoaded: (settings) =>
    set((s) => {
      const connected = settings.serverUrl !== '' && settings.token !== '';
      const changed = s.settings?.serverUrl !== settings.serverUrl || s.settings?.token !== settings.token;
      return {
        settings,
        ...(settings.language ? { language: settings.language } : {}),
        ...(changed ? { connection: connected ? 'checking' : 'signed_out', agent: null, connectionError: null } : {}),
      };
    }),
  connectionChecking: () => set({ connection: 'checking', connectionError: null }),
  agentVerified: (agent) => set({ agent, connection: 'connected', connectionError: null }),
  connectionFailed: (code) =>
    set({ connection: code === 'UNAUTHORIZED' || code === 'FORBIDDEN' || code === 'ORIGIN_NOT_ALLOWED' ? 'rejected' : 'unreachable', connectionError: code }),
  signedOut: () => set({ agent: null, connection: 'signed_out', connectionError: null, live: 'off' }),
  liveStatusChanged: (live) => set({ live }),
});
