// Prints the top functions of a V8 .cpuprofile (from `node --cpu-prof`) by self time, as percent of all samples.
//   tsx server/bench/cpu-profile-top.ts <file.cpuprofile> [--top 25]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatSummary, summariseProfile, type CpuProfile } from './cpu-profile-summary.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' } },
});
const file = positionals[0];
if (!file) throw new Error('usage: cpu-profile-top.ts <file.cpuprofile> [--top N]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
console.log(formatSummary(file, summariseProfile(profile, Number(values.top))));
