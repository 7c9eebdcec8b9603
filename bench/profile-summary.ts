/**
 * `npx tsx bench/profile-summary.ts <file.cpuprofile> [--stage=<name>] [--top=30]`: where a V8 CPU
 * profile of the server (`npm run bench -- --cpu-prof`) spent its time.
 *
 * `--stage` keeps only the samples taken while that bench stage ran (`stages.json`, written by the
 * bench next to the profile; V8's profile clock and `process.hrtime` are both CLOCK_MONOTONIC, so
 * the bench's timestamps line up with the child's samples).
 *
 * Printed: a breakdown of the send/webhook/lookup paths by *part* (each sample charged to the most
 * specific part found anywhere on its stack — e.g. SQLite called by the sandbox counts as sandbox),
 * SQLite's share across all parts, self time by area, and the top functions.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { summariseProfile, type Profile } from './lib/profile-breakdown';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [--stage=<name>] [--top=30]');
  process.exit(2);
}
const top = Number(args.find((a) => a.startsWith('--top='))?.slice(6) ?? 30);
const stageName = args.find((a) => a.startsWith('--stage='))?.slice(8);
let window: { startUs: number; endUs: number } | undefined;
if (stageName) {
  const stagesFile = join(dirname(file), 'stages.json');
  if (!existsSync(stagesFile)) throw new Error(`no ${stagesFile}: was the profile written by npm run bench -- --cpu-prof?`);
  const stages = JSON.parse(readFileSync(stagesFile, 'utf8')) as Array<{ name: string; startUs: number; endUs: number }>;
  window = stages.find((s) => s.name === stageName);
  if (!window) throw new Error(`no stage "${stageName}" in ${stagesFile}; stages: ${stages.map((s) => s.name).join(', ')}`);
}

const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
console.log(summariseProfile(profile, { top, ...(window ? { window } : {}) }));
