/**
 * Runs a sandbox on its own loopback HTTP server (tests, or a standalone emulator), mounted at
 * `/sandbox` exactly as the Köprü server mounts it.
 *
 * @module
 */
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Sandbox, SandboxOptions } from './create-sandbox';
import { createSandbox } from './create-sandbox';
import { SANDBOX_APP_SECRET } from './identity';
import type { Clock } from './virtual-clock';
import { createVirtualClock } from './virtual-clock';

export type SandboxServerOptions = Omit<SandboxOptions, 'clock' | 'appSecret'> & {
  clock?: Clock;
  appSecret?: string;
  /** 0 (default) = an ephemeral port. */
  port?: number;
};

export type SandboxServer = {
  /** Base URL including the mount point, e.g. `http://127.0.0.1:41234/sandbox`. */
  url: string;
  /** `${url}/graph` — point a Cloud API client's base URL here. */
  graphUrl: string;
  sandbox: Sandbox;
  close(): Promise<void>;
};

export async function startSandboxServer(opts: SandboxServerOptions): Promise<SandboxServer> {
  const sandbox = createSandbox({
    ...opts,
    clock: opts.clock ?? createVirtualClock(),
    appSecret: opts.appSecret ?? SANDBOX_APP_SECRET,
  });
  const root = new Hono().route('/sandbox', sandbox.app);
  const server = createAdaptorServer({ fetch: root.fetch }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/sandbox`;
  return {
    url,
    graphUrl: `${url}/graph`,
    sandbox,
    async close() {
      await sandbox.close();
      // Hung (…0006) requests and keep-alive sockets would otherwise hold close() open.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
