// `npm start`: build the extension and the server, then run the server (sandbox mode with demo data
// unless WHATSAPP_ACCESS_TOKEN is set). The server prints the extension folder, a demo token and a
// pairing link. The server runs compiled (scripts/build-server.mjs), not through tsx: same code,
// ~50 MB less memory.
import { spawn, spawnSync } from 'node:child_process';
import { buildServer } from './build-server.mjs';

const build = spawnSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) {
  console.error('Building the extension failed (npx wxt build).');
  process.exit(build.status ?? 1);
}
const entry = await buildServer();
const server = spawn(process.execPath, [entry], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
