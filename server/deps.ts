/**
 * Everything a route or worker needs, built once in start-server and injected (no singletons),
 * so tests can assemble the same app over a temporary database and a sandbox on a free port.
 * @module
 */
import type { Clock } from './core/clock';
import type { EventHub } from './core/events';
import type { Logger } from './core/logger';
import type { DB } from './db/open-db';
import type { Config } from './env';
import type { WhatsAppClient } from './whatsapp/client';

export type Deps = {
  db: DB;
  config: Config;
  clock: Clock;
  log: Logger;
  whatsapp: WhatsAppClient;
  events: EventHub;
};
