// `npm test`: typecheck, build the extension, unit + server tests, then the browser journeys.
// Prints one plain `tests: N passed, M failed` line at the end (CI reads it).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: false }).status ?? 1;
const step = (name) => console.log(`\n=== ${name}`);

mkdirSync('test-results', { recursive: true });
let rc = 0;
step('typecheck');
rc |= run('npx', ['tsc', '--noEmit', '-p', '.']) && 1;
step('build extension');
rc |= run('npx', ['wxt', 'build']) && 1;

const suites = [
  { name: 'unit and server tests', file: 'test-results/unit.json', args: [] },
  { name: 'browser tests', file: 'test-results/e2e.json', args: ['-c', 'vitest.e2e.config.ts'] },
];
for (const s of suites) {
  step(s.name);
  rmSync(s.file, { force: true });
  rc |= run('npx', ['vitest', 'run', ...s.args, '--reporter=default', '--reporter=json', `--outputFile.json=${s.file}`]) && 1;
}

let passed = 0;
let failed = 0;
for (const s of suites) {
  try {
    const r = JSON.parse(readFileSync(s.file, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
  } catch {
    failed += 1;
    console.error(`missing or unreadable ${s.file}`);
  }
}
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(rc || failed || passed === 0 ? 1 : 0);
