// Compiles the server (server/index.ts and everything it imports from server/ and shared/) into one
// plain-JS ES module, `node_modules` left as they are (imported at run time), so `npm start` runs
// it with plain `node`: no TypeScript loader in the running server. Measured: the tsx loader costs
// the server ~50–60 MB of RSS (a second V8 isolate for the loader hooks, the transformed sources)
// for nothing once the code is compiled. Tests and `npm run start:server` still run the TS directly.
//
//   node scripts/build-server.mjs [outDir]      (default .output/server)
//
// Writes <outDir>/index.mjs (+ source map) and copies the SQL migrations next to it, where
// server/db/migrate.ts looks for them (`import.meta.dirname` of the running module). outDir must
// be inside the project, so `node_modules` resolves from it. esbuild is the one tsx itself uses.
import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

export async function buildServer(outDir = '.output/server') {
  const dir = resolve(outDir);
  rmSync(dir, { recursive: true, force: true });
  await build({
    entryPoints: ['server/index.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: join(dir, 'index.mjs'),
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  cpSync('server/db/migrations', join(dir, 'migrations'), { recursive: true });
  return join(dir, 'index.mjs');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = await buildServer(process.argv[2]);
  console.log(file);
}
