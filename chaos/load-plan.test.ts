import { describe, expect, it } from 'vitest';
import { loadPlan, parsePlan, PlanError, shippedPlans } from './load-plan.ts';
import { planLengthMs } from './plan-schema.ts';

describe('loadPlan', () => {
  it('loads every shipped plan by name', async () => {
    const names = await shippedPlans();
    expect(names).toEqual(
      expect.arrayContaining([
        'replica-crash',
        'rolling-restart',
        'bus-partition',
        'postgres-latency-spike',
        'flaky-client-network',
        'slow-consumers',
      ]),
    );
    for (const name of names) {
      const plan = await loadPlan(name);
      expect(plan.name).toBe(name);
      expect(plan.steps.length).toBeGreaterThan(0);
    }
  });

  it('says which plans exist when the name is unknown', async () => {
    await expect(loadPlan('replica-krash')).rejects.toThrow(
      /no chaos plan "replica-krash"; shipped plans: bus-partition, .*replica-crash/,
    );
  });
});

describe('parsePlan', () => {
  it('turns steps into faults on a timeline, sorted by time', () => {
    const plan = parsePlan(
      [
        'steps:',
        '  - { at: 5s, do: latency, on: replica-2.bus, for: 10s, with: { latency: 200, jitter: 50 } }',
        '  - { at: 1s, do: restart, on: postgres }',
        '  - { at: 1m30s, do: kill, on: replica-1, for: 500ms }',
        '  - { at: 2, do: limit_data, on: client.edge, stream: up, toxicity: 0.5, with: { bytes: 10 } }',
      ].join('\n'),
      'p.yaml',
    );
    expect(plan.steps.map((s) => [s.atMs, s.action, s.line])).toEqual([
      [1000, 'restart', 3],
      [2000, 'limit_data', 5],
      [5000, 'latency', 2],
      [90_000, 'kill', 4],
    ]);
    expect(plan.steps[0]!.fault).toEqual({ kind: 'service-restart', service: 'postgres' });
    expect(plan.steps[1]!.fault).toMatchObject({
      kind: 'toxic',
      stream: 'upstream',
      toxicity: 0.5,
      attributes: { bytes: 10 },
    });
    expect(planLengthMs(plan)).toBe(90_500);
  });

  const problems = (text: string): string[] => {
    try {
      parsePlan(text, 'bad.yaml');
    } catch (error) {
      expect(error).toBeInstanceOf(PlanError);
      return (error as PlanError).problems;
    }
    throw new Error('expected the plan to be rejected');
  };

  it('names the line, the field and what was expected', () => {
    const found = problems(
      [
        'name: broken',
        'steps:',
        '  - at: 5s',
        '    do: latency',
        '    on: replica-2.bus',
        '    for: ten',
        '  - at: 1s',
        '    do: explode',
        '    on: replica-1',
      ].join('\n'),
    );
    expect(found).toEqual([
      'bad.yaml:6:10: steps[0].for: expected a duration like "10s", "500ms" or "1m30s", got "ten"',
      expect.stringMatching(/^bad\.yaml:8:9: steps\[1\]\.do: expected one of latency, .*restart, got "explode"$/),
    ]);
  });

  it('reports missing and unknown fields at the step that has them', () => {
    const found = problems(['steps:', '  - do: kill', '    on: replica-1', '    when: 5s'].join('\n'));
    expect(found).toContain('bad.yaml:2:5: steps[0].at: expected a duration like "10s", "500ms" or "1m30s", missing');
    expect(found).toContain(
      'bad.yaml:4:5: steps[0]: unknown field "when"; expected at, do, on, for, with, stream, toxicity',
    );
  });

  it('checks that the target suits the action, and toxic attributes', () => {
    expect(problems('steps:\n  - { at: 1s, do: kill, on: replica-1.bus }')).toEqual([
      'bad.yaml:2:29: steps[0].on: "kill" acts on a replica (replica-N), got "replica-1.bus"',
    ]);
    expect(problems('steps:\n  - { at: 1s, do: latency, on: client.edge, with: { jiter: 5 } }')[0]).toMatch(
      /^bad\.yaml:2:\d+: steps\[0\]\.with: invalid attribute "jiter" of latency; expected one of latency, jitter$/,
    );
    expect(problems('steps:\n  - { at: 1s, do: restart, on: redis, for: 5s }')[0]).toMatch(
      /^bad\.yaml:2:\d+: steps\[0\]\.for: a restart is instantaneous/,
    );
    expect(problems('steps:\n  - { at: 1s, do: down, on: client.edge, with: { x: 1 } }')[0]).toMatch(
      /steps\[0\]\.with: only toxics take "with"/,
    );
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problems('steps:\n  - at: 1s\n   do: kill\n')[0]).toMatch(/^bad\.yaml:3:\d+: /);
  });

  it('needs at least one step', () => {
    expect(problems('name: empty\nsteps: []')).toEqual(['bad.yaml:2:8: steps: expected at least one step']);
  });
});
