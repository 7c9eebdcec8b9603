/**
 * Starts the SSE panel readers (bench/lib/sse-panels-child.ts) in a child process and asks it for
 * counts.
 * @module
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type PanelStats = { perPanel: number[]; statusEvents: number; firstAt: number; lastAt: number };

export type Panels = {
  stats(): Promise<PanelStats>;
  close(): Promise<void>;
};

export async function connectPanels(url: string, tokens: string[]): Promise<Panels> {
  const child = fork(fileURLToPath(new URL('./sse-panels-child.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const nextMessage = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const on = (m: unknown) => {
        const msg = m as { type: string; message?: string };
        if (msg.type === 'error') {
          child.off('message', on);
          reject(new Error(`SSE panels: ${msg.message}`));
        } else if (msg.type === type) {
          child.off('message', on);
          resolve(m as T);
        }
      };
      child.on('message', on);
    });
  const ready = nextMessage<unknown>('ready');
  child.send({ url, tokens });
  await ready;
  return {
    async stats() {
      const reply = nextMessage<PanelStats>('stats');
      child.send('stats');
      return reply;
    },
    async close() {
      const exited = new Promise((r) => child.once('exit', r));
      child.send('exit');
      await exited;
    },
  };
}
