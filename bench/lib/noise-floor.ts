/**
 * The noise floor of this machine: the same autocannon settings against a bare `node:http` server
 * answering a 1.1 KB JSON body (about a contact's size) without any work. Its p99 is what
 * scheduling on a shared 2-core box costs any Node server, so a latency target close to it cannot
 * be judged from one run; its CPU per request is the least any HTTP route can cost here.
 * @module
 */
import { spawn } from 'node:child_process';
import { runLoad, type LoadResult } from './load';
import { freePort } from './server-process';

export async function noiseFloor(seconds: number): Promise<LoadResult> {
  const port = await freePort();
  const code = `require('node:http').createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ contact: { phone: '+905320000010', pad: 'x'.repeat(1050) } }));
  }).listen(${port}, '127.0.0.1', () => process.send('ready'));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (c) => reject(new Error(`noise-floor server exited with ${c}`)));
    });
    return await runLoad({ url: `http://127.0.0.1:${port}`, pid: child.pid! }, { connections: 1, duration: seconds, requests: [{ method: 'GET', path: '/' }] });
  } finally {
    child.kill();
  }
}
