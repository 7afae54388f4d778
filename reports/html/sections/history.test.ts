import { describe, expect, it } from 'vitest';
import { checkHistory } from '../../history/check-history.ts';
import type { ChangeRecord, ClientHistory, ServerHistory } from '../../history/history.ts';
import { renderJUnit } from '../../junit/render-junit.ts';
import { HOSTILE, sampleResults } from '../../testdata/sample-results.ts';
import { runVerdict } from '../../thresholds.ts';
import { renderReport } from '../render-report.ts';
import { historySentence, renderHistory } from './history.ts';

const created: ChangeRecord = {
  seq: 1,
  name: 'task.created',
  taskId: 't1',
  column: 'todo',
  position: 0,
  title: 'x',
  actor: 'alice',
  clientTs: 1,
};
const server = (): ServerHistory => ({
  board: 'b',
  events: [created],
  snapshot: { seq: 1, tasks: [{ id: 't1', column: 'todo', position: 0, title: 'x' }] },
});
const alice = (events: ChangeRecord[]): ClientHistory => ({
  client: 'alice',
  board: 'b',
  replicas: ['replica-1', 'replica-2'],
  resets: 0,
  events,
  ops: [{ ref: 'r1', kind: 'create', clientTs: 1, column: 'todo', title: 'x', outcome: { ack: 1, taskId: 't1' } }],
});

describe('history section', () => {
  it('says what held and what was checked', () => {
    const verdict = checkHistory([alice([created])], server());
    expect(historySentence(verdict)).toBe(
      "Held: every acked change is in the log exactly once, the log has no gap, nothing refused was applied, and every client's board rebuilt from its events equals the snapshot, each column numbered 0..n-1. Checked 1 commands from 1 client on replica-1, replica-2 (1 acked, 0 refused, 0 unanswered; 1 reconnects), against 1 events in the log (final seq 1, 1 tasks at the end).",
    );
    const results = { ...sampleResults(), history: verdict };
    expect(renderHistory(results).value).toContain('<strong>PASSED</strong>');
    expect(renderHistory(sampleResults()).value).toBe('');
    expect(runVerdict(results).historyError).toBeUndefined();
  });

  it('shows the counterexample with both sides, fails the run, the report and the JUnit', () => {
    const verdict = checkHistory([alice([{ ...created, title: HOSTILE }])], server());
    const results = { ...sampleResults(), exitCode: 0, history: verdict };
    const section = renderHistory(results).value;
    expect(section).toContain('<h3>Counterexample at seq 1</h3>');
    expect(section).toContain('<code>client-diverged</code> (alice)');
    expect(section).not.toContain(HOSTILE);
    expect(runVerdict(results)).toMatchObject({
      passed: false,
      historyError: `history checker found ${verdict.violationCount} violation(s)`,
    });
    expect(renderReport(results)).toContain('href="#history"');
    const xml = renderJUnit(results);
    expect(xml).toMatch(
      /<testcase classname="fanout-broadcast.history" name="history checker" time="0">\s*<failure type="history" message="2 violation\(s\); first at seq 1: alice&apos;s event at seq 1 differs from the log&apos;s">/,
    );
    expect(xml).not.toContain('<script');
  });

  it('says why a history could not be checked', () => {
    const verdict = { ...checkHistory([], server()), passed: false, error: 'no client reported a history' };
    expect(historySentence(verdict)).toBe('Not checked: no client reported a history.');
    expect(runVerdict({ ...sampleResults(), history: verdict }).historyError).toBe('no client reported a history');
  });
});
