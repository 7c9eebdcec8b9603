/**
 * What feature hooks need to reach the outside world, built once per server + token and handed
 * down through React context (no module-level client, so a sign-in or re-pairing swaps it cleanly).
 *
 * @module
 */
import { createContext, useContext, type ReactNode } from 'react';
import { createApiClient, type ApiClient } from './api-client';
import { createOutbox, type Outbox } from './outbox';
import type { Settings } from './settings';
import { outboxStorage } from './storage-items';

export type Services = { api: ApiClient; outbox: Outbox };

export function createServices(settings: Settings, fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis)): Services {
  const api = createApiClient({ serverUrl: settings.serverUrl, token: settings.token, fetch: fetchImpl });
  const outbox = createOutbox({ storage: outboxStorage, send: (input, key) => api.sendMessage(input, key), now: Date.now });
  return { api, outbox };
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() outside <ServicesProvider>');
  return services;
}
