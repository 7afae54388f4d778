import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fieldPath, parseRunResults, readRunResults, RunResultsError } from './read-run.ts';
import { sampleResults } from './testdata/sample-results.ts';
import { writeRunArtifacts } from './write-run.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'swagboard-run-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeRunArtifacts + readRunResults', () => {
  it('writes results.json, index.html and junit.xml and reads the results back unchanged', async () => {
    const results = sampleResults();
    const paths = await writeRunArtifacts(join(dir, 'nested', 'run'), results);
    expect(paths).toEqual({
      resultsJson: join(dir, 'nested', 'run', 'results.json'),
      html: join(dir, 'nested', 'run', 'index.html'),
      junit: join(dir, 'nested', 'run', 'junit.xml'),
    });
    expect(await readFile(paths.html, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(await readFile(paths.junit, 'utf8')).toMatch(/^<\?xml/);
    expect(await readRunResults(join(dir, 'nested', 'run'))).toEqual(results);
    expect(await readRunResults(paths.resultsJson)).toEqual(results);
  });
});

describe('parseRunResults', () => {
  it('accepts the sample', () => {
    expect(parseRunResults(sampleResults())).toEqual(sampleResults());
  });

  it('names the offending field', () => {
    const bad = sampleResults() as unknown as { settings: { bus: string } };
    bad.settings.bus = 'kafka';
    expect(() => parseRunResults(bad, 'x/results.json')).toThrow(
      /x\/results\.json: invalid run results, field settings\.bus: /,
    );
  });

  it('names nested record and array fields precisely', () => {
    const bad = sampleResults() as unknown as Record<string, any>;
    bad.summary.metrics['swag_broadcast_latency{path:same}'].values['p(95)'] = 'fast';
    bad.series[1].series[0].points[3] = [1, 'x'];
    let message = '';
    try {
      parseRunResults(bad);
    } catch (error) {
      expect(error).toBeInstanceOf(RunResultsError);
      message = (error as Error).message;
    }
    expect(message).toContain('summary.metrics["swag_broadcast_latency{path:same}"].values["p(95)"]');
    expect(message).toContain('series[1].series[0].points[3][1]');
  });

  it('explains a schema version it does not understand', () => {
    expect(() => parseRunResults({ ...sampleResults(), schema: 2 })).toThrow(
      /field schema is 2, but this reader understands schema 1 only/,
    );
  });

  it('formats paths', () => {
    expect(fieldPath([])).toBe('(root)');
    expect(fieldPath(['chaos', 0, 'start'])).toBe('chaos[0].start');
  });
});

describe('readRunResults errors', () => {
  it('reports a missing file', async () => {
    await expect(readRunResults(join(dir, 'nope'))).rejects.toThrow(/nope: cannot read run results \(ENOENT\)/);
  });

  it('reports invalid JSON with the file name', async () => {
    await writeFile(join(dir, 'results.json'), '{ not json');
    await expect(readRunResults(dir)).rejects.toThrow(/results\.json: not valid JSON/);
  });
});
