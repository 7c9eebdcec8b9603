import { Hono } from 'hono';
import type { AppEnv } from '../core/app-env';
import { liveEventStream, type SseOptions } from '../core/sse';
import type { Deps } from '../deps';

/** `GET /api/events` — live events for the signed-in agent as server-sent events (see core/sse). */
export const eventsRoute = (deps: Deps, opts: SseOptions = {}) => new Hono<AppEnv>().get('/', (c) => liveEventStream(c, deps.events, opts));
