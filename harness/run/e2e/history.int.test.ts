// The history scenario against a real lab of two replicas with faults: every
// client's history, the server's log and snapshot reach the checker, whose
// verdict lands in results.json, the report and the JUnit. Slow (one lab):
// `vitest run harness/run/e2e/history`.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runResultsSchema } from '../../../reports/results-schema.ts';
import { runScenario } from '../run-scenario.ts';
import { loadSuitesFile } from '../suites-file.ts';

describe('history end to end', () => {
  it('holds through a replica kill, a bus partition, a Postgres restart and slow links, and says so in the results', async () => {
    const defaults = loadSuitesFile().scenarios.history!;
    const { results, dir, exitCode } = await runScenario({
      scenario: 'history',
      lab: { replicas: 2, serverEnv: defaults.serverEnv ?? {} },
      plan: 'history-mix',
      env: { VUS: '4', DURATION: '20s' },
      quiet: true,
    });
    expect(results.chaos.map((c) => c.action)).toEqual(['latency', 'kill', 'down', 'restart', 'latency']);
    expect(results.chaos.every((c) => c.detail?.error === undefined)).toBe(true);
    const history = results.history!;
    expect(history.violations).toEqual([]);
    expect(history.passed).toBe(true);
    expect(history.clients).toBe(4);
    expect(history.replicas).toEqual(['replica-1', 'replica-2']);
    // 4 clients × ~4 commands/s × 20 s, less the time they spent reconnecting.
    expect(history.ops.sent).toBeGreaterThan(100);
    expect(history.ops.acked).toBeGreaterThan(50);
    expect(Object.values(history.ops.byKind).every((n) => n > 0)).toBe(true);
    // The setup's task is in the log too.
    expect(history.logEvents).toBeGreaterThanOrEqual(history.ops.acked + 1);
    expect(history.finalSeq).toBe(history.logEvents);
    // replica-2 was killed: its clients came back.
    expect(history.reconnects).toBeGreaterThan(0);
    expect(exitCode).toBe(0);

    const stored = runResultsSchema.parse(JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')));
    expect(stored.history).toEqual(history);
    const input = JSON.parse(await readFile(join(dir, 'history.json'), 'utf8'));
    expect(input.clients).toHaveLength(4);
    expect(input.server.events).toHaveLength(history.logEvents);
    expect(await readFile(join(dir, 'index.html'), 'utf8')).toContain('<section id="history"><h2>History</h2>');
    expect(await readFile(join(dir, 'junit.xml'), 'utf8')).toContain(
      'classname="history.history" name="history checker" time="0"/>',
    );
  }, 300_000);
});
