import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../run-script.ts';

const SCRIPT = `
import { check, group } from 'k6';
import { Counter } from 'k6/metrics';
const moves = new Counter('moves');
export const options = { scenarios: {
  writers: { executor: 'per-vu-iterations', vus: 1, iterations: 2, exec: 'write' },
  readers: { executor: 'per-vu-iterations', vus: 1, iterations: 1, exec: 'read' },
} };
export function write() { group('board', () => { moves.add(3); check(1, { 'moved': () => true }); }); }
export function read() { check(1, { 'read ok': () => true }); }
`;

describe('--summary-mode full', () => {
  it('adds a section per group and per scenario with their own aggregates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'breakdown-'));
    writeFileSync(join(dir, 'script.js'), SCRIPT);
    const outcome = await runScript({ scriptPath: join(dir, 'script.js'), quiet: true, summaryMode: 'full' });
    expect(outcome.exitCode).toBe(0);
    const text = outcome.stdoutText;
    expect(text).toMatch(
      /█ GROUP: board\n\n {4}checks_total\.+: 2 +[\d.]+\/s[\s\S]*✓ moved\n\n {4}CUSTOM\n {4}moves\.+: 6 /,
    );
    expect(text).toMatch(/█ SCENARIO: readers\n\n {4}checks_total\.+: 1 /);
    expect(text).toMatch(/█ SCENARIO: writers\n\n {4}checks_total\.+: 2 [\s\S]*moves\.+: 6 /);
    const compact = await runScript({ scriptPath: join(dir, 'script.js'), quiet: true });
    expect(compact.stdoutText).not.toContain('█ GROUP');
    expect(compact.stdoutText).toMatch(/moves\.+: 6 /);
  });
});
