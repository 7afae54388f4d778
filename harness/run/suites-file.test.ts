import { describe, expect, it } from 'vitest';
import { listScenarios } from './scenario-list.ts';
import { loadSuitesFile, parseSuitesFile, withDefaults } from './suites-file.ts';

describe('scenarios/suites.yaml', () => {
  it('parses, and every scenario it names exists', () => {
    const file = loadSuitesFile();
    const scenarios = listScenarios();
    for (const name of Object.keys(file.scenarios)) expect(scenarios).toContain(name);
    for (const suite of Object.values(file.suites))
      for (const run of suite.runs) expect(scenarios).toContain(run.scenario);
    expect(Object.keys(file.suites)).toEqual(expect.arrayContaining(['ci', 'full']));
  });

  it('puts scenario defaults under suite entries, entry first, env merged', () => {
    const file = parseSuitesFile(
      'scenarios: { a: { replicas: 3, plan: p, env: { X: "1", Y: "2" } } }\nsuites: { s: { runs: [ { scenario: a, env: { Y: "3" } } ] } }',
    );
    expect(withDefaults(file, file.suites.s!.runs[0]!)).toEqual({
      scenario: 'a',
      replicas: 3,
      plan: 'p',
      env: { X: '1', Y: '3' },
    });
  });

  it('names the bad field', () => {
    expect(() => parseSuitesFile('suites: { s: { runs: [ { scenario: a, replicas: 40 } ] } }')).toThrow(
      /suites\.s\.runs\.0\.replicas/,
    );
  });
});
