/**
 * How every Chromium here is started (browser tests and the bench): Debian's binary, and the flags
 * that keep it quiet on this closed network — no background traffic, no DNS except the fake hosts a
 * test maps to 127.0.0.1 (tooling.md §4, pitfall 12).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const QUIET_CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** `hosts` resolve to 127.0.0.1; every other lookup fails, loopback excepted. */
export const hostResolverRules = (hosts: readonly string[] = []): string =>
  `--host-resolver-rules=${[...hosts.map((h) => `MAP ${h} 127.0.0.1`), 'MAP * ~NOTFOUND', 'EXCLUDE localhost', 'EXCLUDE 127.0.0.1'].join(', ')}`;
