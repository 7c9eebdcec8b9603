/**
 * How big and how long: the full benchmark and `--quick` (same measurements, smaller data and
 * shorter runs, under 60 s in total).
 * @module
 */
export type BenchProfile = {
  name: 'full' | 'quick';
  /** Opted-in contacts (each with a consent record) seeded before the server starts. */
  contacts: number;
  /** Agents (= connected panels in the webhook benchmark); sends rotate over them. */
  agents: number;
  /** Usable templates in the store, for the panel's first render. */
  templates: number;
  send: {
    /** Flat-out runs, one per connection count; the best sustained rate is the figure. */
    flatOutConnections: number[];
    flatOutSeconds: number;
    rate: number;
    rateConnections: number;
    rateSeconds: number;
  };
  webhook: { connections: number; maxMessages: number };
  lookup: { latencySeconds: number; throughputConnections: number; throughputSeconds: number; inProcessSamples: number };
  panel: { loads: number; reuseBuild: boolean };
};

export const FULL: BenchProfile = {
  name: 'full',
  contacts: 1_000_000,
  agents: 50,
  templates: 500,
  send: { flatOutConnections: [16, 64, 128], flatOutSeconds: 10, rate: 1000, rateConnections: 50, rateSeconds: 15 },
  webhook: { connections: 16, maxMessages: 40_000 },
  lookup: { latencySeconds: 10, throughputConnections: 8, throughputSeconds: 8, inProcessSamples: 50_000 },
  panel: { loads: 7, reuseBuild: false },
};

export const QUICK: BenchProfile = {
  name: 'quick',
  contacts: 30_000,
  agents: 50,
  templates: 500,
  send: { flatOutConnections: [64], flatOutSeconds: 4, rate: 1000, rateConnections: 50, rateSeconds: 4 },
  webhook: { connections: 16, maxMessages: 5_000 },
  lookup: { latencySeconds: 3, throughputConnections: 8, throughputSeconds: 2, inProcessSamples: 5_000 },
  panel: { loads: 3, reuseBuild: true },
};
