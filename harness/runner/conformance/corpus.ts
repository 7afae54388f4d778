// The conformance corpus: `<name>.js` (a small k6 script written from k6's
// documented examples) beside `<name>.expect.json` (its outcome per k6's docs).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { RunOutcome } from '../types.ts';

const bound = z.object({ min: z.number(), max: z.number() }).strict();
const expectationSchema = z
  .object({
    exitCode: z.number().int(),
    metrics: z.record(z.string(), z.record(z.string(), z.union([z.number(), bound]))).optional(),
    stdoutIncludes: z.array(z.string()).optional(),
  })
  .strict();

export type Expectation = z.infer<typeof expectationSchema>;

export interface ConformanceCase {
  name: string;
  scriptPath: string;
  /** The script's first `//` line: what the case shows. */
  title: string;
  /** The k6 modules it imports, e.g. ["k6", "k6/websockets"]. */
  modules: string[];
  expect: Expectation;
}

export const CORPUS_DIR = import.meta.dirname;

export function loadCorpus(dir = CORPUS_DIR): ConformanceCase[] {
  const scripts = readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .sort();
  return scripts.map((file) => {
    const name = file.slice(0, -'.js'.length);
    const scriptPath = join(dir, file);
    const source = readFileSync(scriptPath, 'utf8');
    const expectPath = join(dir, `${name}.expect.json`);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(expectPath, 'utf8'));
    } catch (e) {
      throw new Error(
        `invalid conformance case "${name}"; expected a readable ${name}.expect.json, got ${(e as Error).message}`,
      );
    }
    const parsed = expectationSchema.safeParse(raw);
    if (!parsed.success)
      throw new Error(
        `invalid ${name}.expect.json; expected {exitCode, metrics?, stdoutIncludes?}, got ${parsed.error.message}`,
      );
    return { name, scriptPath, title: titleOf(source, name), modules: modulesOf(source), expect: parsed.data };
  });
}

function titleOf(source: string, fallback: string): string {
  return /^\s*\/\/\s*(.+)$/m.exec(source)?.[1]?.trim() ?? fallback;
}

function modulesOf(source: string): string[] {
  const found = [...source.matchAll(/from\s+['"](k6(?:\/[\w/-]+)?|https:\/\/jslib\.k6\.io\/[\w.-]+)/g)].map(
    (m) => m[1] as string,
  );
  return [...new Set(found)].sort();
}

/** Every way the outcome differs from the expectation, as readable lines (empty: conforms). */
export function mismatches(outcome: RunOutcome, expect: Expectation): string[] {
  const problems: string[] = [];
  if (outcome.exitCode !== expect.exitCode)
    problems.push(
      `exit code ${outcome.exitCode}, expected ${expect.exitCode}${outcome.error ? ` (${outcome.error})` : ''}`,
    );
  for (const [metric, stats] of Object.entries(expect.metrics ?? {})) {
    const values = outcome.summary.metrics[metric]?.values;
    if (!values) {
      problems.push(`metric ${metric} missing from the summary`);
      continue;
    }
    for (const [stat, want] of Object.entries(stats)) {
      const got = values[stat];
      const ok =
        got !== undefined &&
        (typeof want === 'number' ? Math.abs(got - want) < 1e-9 : got >= want.min && got <= want.max);
      if (!ok) problems.push(`${metric}.${stat} = ${got}, expected ${JSON.stringify(want)}`);
    }
  }
  for (const text of expect.stdoutIncludes ?? [])
    if (!outcome.stdoutText.includes(text)) problems.push(`stdout lacks ${JSON.stringify(text)}`);
  return problems;
}
