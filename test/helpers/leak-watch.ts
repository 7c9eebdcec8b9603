/**
 * Watches for secrets (the Meta access token, the app secret, the verify token) in everything a
 * client or an operator could see: response headers and bodies, and log lines. A test routes its
 * requests through `watch.fetch`, then asserts `await watch.findings()` is empty.
 */

export type LeakWatch = {
  /** `fetch` that also scans the response's headers and (for non-stream bodies) its text. */
  fetch: typeof fetch;
  /** Scans any text (a log line, a body read elsewhere). */
  scan(label: string, text: string): void;
  /** Every place a secret was seen, once all scans in flight have finished. */
  findings(): Promise<string[]>;
  /** How many responses and texts were scanned (so a test can show it looked at something). */
  readonly scanned: number;
};

/** The forms a secret could take on the way out: as is, URL-encoded, base64. */
function forms(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('base64url')])];
}

export function createLeakWatch(secrets: string[]): LeakWatch {
  const needles = secrets.filter((s) => s.length >= 6).flatMap((s) => forms(s).map((f) => ({ secret: s, form: f })));
  const found: string[] = [];
  const pending = new Set<Promise<void>>();
  let scanned = 0;

  const scan = (label: string, text: string) => {
    scanned += 1;
    for (const n of needles) if (text.includes(n.form)) found.push(`${label}: contains ${n.form === n.secret ? 'the secret' : 'an encoded form of the secret'} "${n.secret.slice(0, 4)}…"`);
  };

  const watchedFetch: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const label = `${init?.method ?? 'GET'} ${new URL(url).pathname} → ${res.status}`;
    scan(`${label} headers`, [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n'));
    if (!res.headers.get('content-type')?.includes('text/event-stream') && res.body) {
      const copy = res.clone();
      const p = copy
        .text()
        .then((text) => scan(`${label} body`, text))
        .catch(() => undefined)
        .finally(() => pending.delete(p));
      pending.add(p);
    }
    return res;
  };

  return {
    fetch: watchedFetch,
    scan,
    async findings() {
      await Promise.all([...pending]);
      return [...found];
    },
    get scanned() {
      return scanned;
    },
  };
}
