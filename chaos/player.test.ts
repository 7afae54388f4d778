import { describe, expect, it } from 'vitest';
import type { Clock } from '../harness/clock.ts';
import { FakeClock } from '../harness/fake-clock.ts';
import { parsePlan } from './load-plan.ts';
import { playPlan, type ChaosLab, type FaultTransition } from './player.ts';

/** Records every call; time jumps instead of passing. */
function fakeLab(failing: string[] = []) {
  const calls: string[] = [];
  // Jumps instead of waiting; aborted, it returns at once, as the system clock does.
  const clock = new FakeClock(Date.parse('2026-01-01T00:00:00Z'), { jumpOnSleep: true });
  const record = (call: string) => async () => {
    if (failing.includes(call)) throw new Error(`${call} failed`);
    calls.push(`${(clock.now() - Date.parse('2026-01-01T00:00:00Z')) / 1000}s ${call}`);
  };
  const lab: ChaosLab = {
    link: (name) => ({
      addToxic: async (t) => (await record(`${name} +${t.name}`)(), t.name!),
      removeToxic: (toxic) => record(`${name} -${toxic}`)(),
      down: record(`${name} down`),
      up: record(`${name} up`),
    }),
    replica: (name) => ({
      kill: record(`${name} kill`),
      stop: record(`${name} stop`),
      pause: record(`${name} pause`),
      unpause: record(`${name} unpause`),
      restart: record(`${name} restart`),
    }),
    restartService: (service) => record(`${service} restart`)(),
    linkNames: () => ['client.edge', 'replica-1.bus', 'replica-2.bus'],
    replicaNames: () => ['replica-1', 'replica-2'],
    services: () => ['postgres', 'redis', 'replica-1', 'replica-2'],
  };
  return { lab, clock, calls };
}

const plan = parsePlan(
  [
    'steps:',
    '  - { at: 5s, do: latency, on: replica-2.bus, for: 10s, with: { latency: 200, jitter: 50 } }',
    '  - { at: 2s, do: kill, on: replica-1, for: 3s }',
    '  - { at: 8s, do: down, on: client.edge }',
    '  - { at: 9s, do: restart, on: redis }',
  ].join('\n'),
  'test.yaml',
);

describe('playPlan', () => {
  it('applies each fault at its time, reverts it after its `for`, and the rest at the end', async () => {
    const { lab, clock, calls } = fakeLab();
    const events = await playPlan(lab, plan, { clock });
    expect(calls).toEqual([
      '2s replica-1 kill',
      '5s replica-1 restart',
      '5s replica-2.bus +chaos2_latency',
      '8s client.edge down',
      '9s redis restart',
      '15s replica-2.bus -chaos2_latency',
      '15s client.edge up',
    ]);
    expect(events.map((e) => [e.action, e.target, e.start.slice(17, 19), e.end?.slice(17, 19)])).toEqual([
      ['kill', 'replica-1', '02', '05'],
      ['latency', 'replica-2.bus', '05', '15'],
      ['down', 'client.edge', '08', '15'],
      ['restart', 'redis', '09', undefined],
    ]);
    expect(events[1]!.detail).toMatchObject({
      planned: { at: '5s', for: '10s', line: 2 },
      attributes: { latency: 200, jitter: 50 },
      stream: 'downstream',
    });
  });

  it('tells onFault when each fault starts and ends, instant ones ending as their action returns', async () => {
    const { lab, clock } = fakeLab();
    const transitions: FaultTransition[] = [];
    await playPlan(lab, plan, { clock, onFault: (t) => transitions.push(t) });
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    expect(
      transitions.map((t) => `${(t.at - t0) / 1000}s ${t.action} ${t.target} #${t.step} ${t.active ? 'on' : 'off'}`),
    ).toEqual([
      '2s kill replica-1 #1 on',
      '5s kill replica-1 #1 off',
      '5s latency replica-2.bus #2 on',
      '8s down client.edge #3 on',
      '9s restart redis #4 on',
      '9s restart redis #4 off',
      '15s latency replica-2.bus #2 off',
      '15s down client.edge #3 off',
    ]);
  });

  it('tells onFault nothing about a fault that could not be applied', async () => {
    const { lab, clock } = fakeLab(['replica-1 kill']);
    const transitions: FaultTransition[] = [];
    await playPlan(lab, plan, { clock, onFault: (t) => transitions.push(t) });
    expect(transitions.filter((t) => t.target === 'replica-1')).toEqual([]);
    expect(transitions.filter((t) => t.active).length).toBe(3);
  });

  it('reverts everything still broken when aborted', async () => {
    const { lab, clock, calls } = fakeLab();
    const controller = new AbortController();
    const abortingClock: Clock = {
      ...clock,
      sleep: async (ms, signal) => {
        if (clock.now() + ms - Date.parse('2026-01-01T00:00:00Z') >= 8000) controller.abort();
        return clock.sleep(ms, signal);
      },
    };
    const events = await playPlan(lab, plan, { clock: abortingClock, signal: controller.signal });
    expect(calls).toEqual([
      '2s replica-1 kill',
      '5s replica-1 restart',
      '5s replica-2.bus +chaos2_latency',
      '5s replica-2.bus -chaos2_latency',
    ]);
    expect(events.map((e) => e.action)).toEqual(['kill', 'latency']);
    expect(events.every((e) => e.end)).toBe(true);
  });

  it('records a fault that failed and goes on with the plan', async () => {
    const { lab, clock, calls } = fakeLab(['replica-1 kill']);
    const events = await playPlan(lab, plan, { clock });
    expect(events[0]!.detail).toMatchObject({ error: 'replica-1 kill failed' });
    expect(calls).not.toContain('5s replica-1 restart');
    expect(calls).toContain('8s client.edge down');
  });

  it('refuses a plan whose targets this lab lacks, naming the line and what exists', async () => {
    const { lab, clock } = fakeLab();
    const other = parsePlan(
      'steps:\n  - { at: 1s, do: kill, on: replica-3 }\n  - { at: 1s, do: restart, on: nats }',
      'big.yaml',
    );
    await expect(playPlan(lab, other, { clock })).rejects.toThrow(
      /big\.yaml:2: no replica-3 in this lab; it has replica-1, replica-2\n.*big\.yaml:3: this lab has no nats/,
    );
  });
});
