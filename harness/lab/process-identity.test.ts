import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { currentProcess, isProvablyGone, processStartTicks } from './process-identity.ts';

describe('isProvablyGone', () => {
  const me = currentProcess();

  it('holds this very process alive', () => {
    expect(me.started).toMatch(/^\d+$/);
    expect(isProvablyGone(me)).toBe(false);
  });

  it('proves gone a pid that has exited', () => {
    const child = spawnSync(process.execPath, ['-e', '0']);
    expect(child.pid).toBeGreaterThan(0);
    expect(isProvablyGone({ ...me, pid: child.pid!, started: '1' })).toBe(true);
  });

  it('proves gone a reused pid: alive, but started at another time', () => {
    expect(isProvablyGone({ ...me, started: String(Number(me.started) - 1) })).toBe(true);
  });

  it('proves gone a holder from before a reboot', () => {
    expect(isProvablyGone({ ...me, boot: 'another-boot' })).toBe(true);
  });

  it('never proves gone a holder on another host, whatever its pid', () => {
    expect(isProvablyGone({ ...me, host: `${me.host}-elsewhere`, pid: 999_999_999, boot: 'another-boot' })).toBe(false);
  });

  it('keeps a holder recorded without a start time alive while its pid runs', () => {
    expect(isProvablyGone({ ...me, started: '' })).toBe(false);
  });

  it('reads the start time of pid 1 as a number', () => {
    expect(processStartTicks(1)).toMatch(/^\d+$/);
  });
});
