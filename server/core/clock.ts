/**
 * Time as the server sees it. Injected everywhere so tests (and the sandbox's virtual clock) can move
 * it: jumping 24 h must close a service window for the server and for the emulated Meta alike.
 * @module
 */
export type Clock = { now(): number };

export const systemClock: Clock = { now: () => Date.now() };
