import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findK6, runWithK6Binary } from '../k6-binary.ts';
import { runScript } from '../run-script.ts';
import { lintSource } from '../lint/static-rules.ts';
import { loadCorpus, mismatches } from './corpus.ts';
import { README_PATH, renderTable, tableInReadme } from './readme-table.ts';
import { startCorpusServer, type CorpusServer } from './test-server.ts';

const cases = loadCorpus();
const k6 = findK6();
let server: CorpusServer;

beforeAll(async () => {
  server = await startCorpusServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('conformance corpus', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it('is what the runner README table lists (regenerate with readme-table.ts --write)', () => {
    expect(tableInReadme(readFileSync(README_PATH, 'utf8'))).toBe(renderTable(cases));
  });

  describe.each(cases)('$name', (c) => {
    it('imports and uses only what k6 has', () => {
      const findings = lintSource(c.scriptPath, readFileSync(c.scriptPath, 'utf8')).filter(
        (f) => f.rule === 'import' || f.rule === 'global',
      );
      expect(findings.map((f) => `${f.line}: ${f.message}`)).toEqual([]);
    });
    it('on the swaglab runner', async () => {
      const outcome = await runScript({ scriptPath: c.scriptPath, env: { ...server.env }, quiet: true });
      expect(mismatches(outcome, c.expect)).toEqual([]);
    });
    // Only where a real k6 is on PATH; with none, this is reported as skipped, never as passed.
    it.runIf(k6 !== undefined)('on a real k6 from PATH', async () => {
      const outcome = await runWithK6Binary({ scriptPath: c.scriptPath, env: { ...server.env }, quiet: true });
      expect(mismatches(outcome, c.expect)).toEqual([]);
    });
  });
});
