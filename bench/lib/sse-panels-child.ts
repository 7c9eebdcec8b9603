/**
 * Child process: N side panels connected to `GET /api/events`, each with its own agent's token,
 * reading the stream the way the panel does (fetch-style, Authorization header) and counting the
 * events it receives. Runs apart from the load generator so reading 50 streams does not steal the
 * load generator's CPU.
 *
 * Protocol (IPC): parent → `{ url, tokens }` once; child → `{ type: 'ready' }` when every stream has
 * received its `: connected` line (so no event can be missed); parent → `'stats'`; child →
 * `{ type: 'stats', perPanel, statusEvents, firstAt, lastAt }` (times are epoch ms, sub-ms precise).
 * @module
 */
import { request } from 'node:http';

type Config = { url: string; tokens: string[] };

const now = () => performance.timeOrigin + performance.now();
const send = (m: unknown) => process.send?.(m);

function connect(url: string, token: string, onStatusEvent: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/events`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`GET /api/events → ${res.statusCode}`));
        res.resume();
        return;
      }
      res.setEncoding('utf8');
      let buf = '';
      let connected = false;
      res.on('data', (chunk: string) => {
        buf += chunk;
        let end: number;
        while ((end = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, end);
          buf = buf.slice(end + 2);
          if (!connected && frame.includes(': connected')) {
            connected = true;
            resolve();
          }
          if (frame.startsWith('event: message.status')) onStatusEvent();
        }
      });
      res.on('error', () => undefined);
    });
    req.on('error', reject);
    req.end();
  });
}

process.once('message', (raw) => {
  const config = raw as Config;
  const perPanel = new Array<number>(config.tokens.length).fill(0);
  let statusEvents = 0;
  let firstAt = 0;
  let lastAt = 0;
  const connecting = config.tokens.map((token, i) =>
    connect(config.url, token, () => {
      const t = now();
      if (statusEvents === 0) firstAt = t;
      lastAt = t;
      statusEvents++;
      perPanel[i]!++;
    }),
  );
  Promise.all(connecting).then(
    () => send({ type: 'ready' }),
    (e: unknown) => send({ type: 'error', message: e instanceof Error ? e.message : String(e) }),
  );
  process.on('message', (m) => {
    if (m === 'stats') send({ type: 'stats', perPanel, statusEvents, firstAt, lastAt });
    if (m === 'exit') process.exit(0);
  });
});
