// Runs vitest, then ends with the plain closing line CI reads:
// "tests: N passed, N failed, N skipped". Vitest's own summary is kept above it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../paths.ts';

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

const reportFile = join(projectRoot, '.cache', 'vitest-results.json');
mkdirSync(join(projectRoot, '.cache'), { recursive: true });
const vitest = spawnSync(
  join(projectRoot, 'node_modules', '.bin', 'vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: projectRoot },
);
let closing = 'tests: no results were written';
try {
  const r = JSON.parse(readFileSync(reportFile, 'utf8')) as VitestJson;
  closing = `tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`;
} catch {
  // vitest died before writing; its exit code says so
}
const startedAt = Number(process.env.SWAGLAB_STARTED_AT);
if (startedAt) console.log(`set-up and tests took ${Math.round(Date.now() / 1000 - startedAt)} s`);
console.log(closing);
process.exit(vitest.status ?? 1);
