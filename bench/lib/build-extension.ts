/**
 * A production build of the extension (WXT's `build()`, what `npx wxt build` runs, with the
 * project's wxt.config.ts) into the bench's own folder instead of `.output/`, so a benchmark never
 * swaps the files under an e2e run that is using `.output/chrome-mv3` at the same moment.
 *
 * `reuseIfFresh`: skip the build when the previous bench build is newer than every source file
 * that goes into it (used by `--quick` to stay within its time budget).
 * @module
 */
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BENCH_EXT_ROOT = join(tmpdir(), 'kopru-bench-extension');
export const BENCH_EXT_DIR = join(BENCH_EXT_ROOT, 'chrome-mv3');
const STAMP = join(BENCH_EXT_ROOT, '.built-at');

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

export async function buildExtension(opts: { reuseIfFresh: boolean }): Promise<{ dir: string; built: boolean; seconds: number }> {
  const sources = Math.max(...['extension', 'shared', 'wxt.config.ts', 'package.json'].map((p) => newestMtime(p)));
  if (opts.reuseIfFresh && existsSync(STAMP) && existsSync(join(BENCH_EXT_DIR, 'sidepanel.html')) && statSync(STAMP).mtimeMs > sources) {
    return { dir: BENCH_EXT_DIR, built: false, seconds: 0 };
  }
  const t = performance.now();
  const { build } = await import('wxt');
  const quiet = () => undefined;
  const loud = (...args: unknown[]) => console.error('[wxt]', ...args);
  await build({
    outDir: BENCH_EXT_ROOT,
    // Only warnings and errors: the bench's own output must stay readable.
    logger: { debug: quiet, log: quiet, info: quiet, success: quiet, warn: loud, error: loud, fatal: loud, level: 1 },
  });
  writeFileSync(STAMP, new Date().toISOString());
  return { dir: BENCH_EXT_DIR, built: true, seconds: (performance.now() - t) / 1000 };
}
