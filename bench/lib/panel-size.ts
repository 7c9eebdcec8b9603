/**
 * The side panel's JavaScript as the browser loads it: the scripts and module preloads
 * `sidepanel.html` names, plus every chunk those import statically (followed through the built
 * files), gzipped one by one (zlib level 9, like `gzip -9`) and summed. Chunks only reachable by a
 * dynamic `import()` are listed apart: they are not loaded when the panel opens.
 * @module
 */
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export type JsFile = { file: string; bytes: number; gzipBytes: number };
export type PanelSize = { files: JsFile[]; lazy: JsFile[]; bytes: number; gzipBytes: number };

const STATIC_IMPORT = /(?:\bimport|\bexport)\s*(?:[\w*{}\s,$]+from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'](\.{1,2}\/[^"']+\.js)["']\s*\)/g;

function measure(outDir: string, file: string): JsFile {
  const content = readFileSync(join(outDir, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

/** `extraLoaded`: JS files the browser was seen loading (paths relative to the extension root). */
export function panelJsSize(outDir: string, extraLoaded: string[] = []): PanelSize {
  const html = readFileSync(join(outDir, 'sidepanel.html'), 'utf8');
  const entries = [
    ...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g),
  ].map((m) => m[1]!.replace(/^\//, ''));
  const seen = new Set<string>();
  const lazy = new Set<string>();
  const queue = [...entries, ...extraLoaded.map((f) => f.replace(/^\//, ''))];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(outDir, file), 'utf8');
    const base = dirname(file);
    for (const m of code.matchAll(STATIC_IMPORT)) queue.push(posix.normalize(posix.join(base, m[1]!)));
    for (const m of code.matchAll(DYNAMIC_IMPORT)) lazy.add(posix.normalize(posix.join(base, m[1]!)));
  }
  const files = [...seen].map((f) => measure(outDir, f));
  const lazyFiles = [...lazy].filter((f) => !seen.has(f)).map((f) => measure(outDir, f));
  return {
    files,
    lazy: lazyFiles,
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    gzipBytes: files.reduce((n, f) => n + f.gzipBytes, 0),
  };
}
