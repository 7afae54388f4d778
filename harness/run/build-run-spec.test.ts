import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRunSpec, scenarioRunSpec } from './build-run-spec.ts';
import { runSpecSchema, scenariosDir } from './run-spec.ts';
import { parseSuitesFile, withDefaults } from './suites-file.ts';

const file = parseSuitesFile(`
scenarios:
  typing: { replicas: 3, bus: nats, plan: plans/typing.yaml, env: { PAIRS: "6", SESSION_MS: "9000" }, serverEnv: { SWAGBOARD_A: "1" }, socketBufferBytes: 8192 }
  named-plan: { plan: replica-crash }
suites:
  ci: { runs: [ { scenario: typing, replicas: 1, env: { PAIRS: "4" } } ] }
`);

describe('scenarioRunSpec', () => {
  it("takes the scenario's defaults from suites.yaml when nothing is asked", () => {
    const spec = scenarioRunSpec('typing', {}, file);
    expect(spec).toMatchObject({
      scenario: 'typing',
      env: { PAIRS: '6', SESSION_MS: '9000' },
      plan: join(scenariosDir, 'plans/typing.yaml'),
      instances: 1,
      quiet: false,
    });
    expect(spec.lab).toMatchObject({
      replicas: 3,
      bus: 'nats',
      serverEnv: { SWAGBOARD_A: '1' },
      socketBufferBytes: 8192,
    });
  });

  it('lets what was asked win, merging env and server settings key by key', () => {
    const spec = scenarioRunSpec(
      'typing',
      {
        lab: { replicas: 5, bus: 'redis', serverEnv: { SWAGBOARD_B: '2' }, socketBufferBytes: 4096 },
        env: { PAIRS: '2' },
        baselineSeconds: 0,
        instances: 2,
        outDir: '/tmp/x',
      },
      file,
    );
    expect(spec).toMatchObject({
      env: { PAIRS: '2', SESSION_MS: '9000' },
      baselineSeconds: 0,
      instances: 2,
      outDir: '/tmp/x',
    });
    expect(spec.lab).toMatchObject({
      replicas: 5,
      bus: 'redis',
      serverEnv: { SWAGBOARD_A: '1', SWAGBOARD_B: '2' },
      socketBufferBytes: 4096,
    });
  });

  it("falls back to the lab's own defaults for a scenario suites.yaml does not name", () => {
    const spec = scenarioRunSpec('scenarios/elsewhere.ts', {}, file);
    expect(spec).toMatchObject({ scenario: 'scenarios/elsewhere.ts', env: {} });
    expect(spec.plan).toBeUndefined();
    expect(spec.lab).toMatchObject({ replicas: 2, bus: 'redis', balance: 'leastconn', serverEnv: {} });
  });

  it("keeps a plan name, takes an asked plan as given, and drops suites.yaml's plan for 'none'", () => {
    expect(scenarioRunSpec('named-plan', {}, file).plan).toBe('replica-crash');
    expect(scenarioRunSpec('typing', { plan: 'mine.yaml' }, file).plan).toBe('mine.yaml');
    expect(scenarioRunSpec('typing', { plan: 'none' }, file).plan).toBeUndefined();
  });

  it('fails on a bad setting, naming it', () => {
    expect(() => scenarioRunSpec('typing', { lab: { serverEnv: { PATH: '/x' } } }, file)).toThrow(
      /server settings are SWAGBOARD_\* variables/,
    );
    expect(() => runSpecSchema.parse({ scenario: 'typing', vus: 3 })).toThrow(/vus/);
  });
});

describe('buildRunSpec for a suite entry', () => {
  const entry = withDefaults(file, file.suites.ci!.runs[0]!);

  it('puts the entry over the scenario defaults, and what was asked over both, by the same rules as a single run', () => {
    const asked = { lab: { bus: 'redis' as const }, env: { SESSION_MS: '5000' }, quiet: true };
    const spec = buildRunSpec(entry, asked);
    expect(spec.env).toEqual({ PAIRS: '4', SESSION_MS: '5000' });
    expect(spec.lab).toMatchObject({ replicas: 1, bus: 'redis', socketBufferBytes: 8192 });
    expect(spec.quiet).toBe(true);
    // Without the entry's own settings it is exactly the single run of its scenario.
    expect(buildRunSpec(withDefaults(file, { scenario: 'typing', env: {} }), asked)).toEqual(
      scenarioRunSpec('typing', asked, file),
    );
  });
});
