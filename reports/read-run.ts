// Loads a run's results.json back (for re-rendering and comparisons) and
// refuses anything that does not match the schema, naming the offending field
// so a hand-edited or older file is quick to fix.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import type { RunResults } from './results.ts';
import { runResultsSchema } from './results-schema.ts';

export class RunResultsError extends Error {
  override name = 'RunResultsError';
}

/** `summary.metrics["http_req_duration"].values.avg` style path of an issue. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === '' ? '(root)' : out;
}

function describeIssues(issues: ReadonlyArray<z.core.$ZodIssue>): string {
  return issues.map((issue) => `  - ${fieldPath(issue.path)}: ${issue.message}`).join('\n');
}

/** Validates already-parsed JSON. `source` names the file in error messages. */
export function parseRunResults(json: unknown, source = 'results'): RunResults {
  // Check the schema version first: a newer file fails on many fields at once,
  // and "this is schema 2" is the one message that explains all of them.
  if (typeof json === 'object' && json !== null && 'schema' in json && json.schema !== 1) {
    throw new RunResultsError(
      `${source}: field schema is ${JSON.stringify(json.schema)}, but this reader understands schema 1 only`,
    );
  }
  const parsed = runResultsSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const headline = first ? `field ${fieldPath(first.path)}: ${first.message}` : 'invalid';
    throw new RunResultsError(`${source}: invalid run results, ${headline}\n${describeIssues(parsed.error.issues)}`);
  }
  return parsed.data;
}

/** Reads `<dir>/results.json`, or the file itself when given a file path. */
export async function readRunResults(fileOrDir: string): Promise<RunResults> {
  const info = await stat(fileOrDir).catch((error: NodeJS.ErrnoException) => {
    throw new RunResultsError(`${fileOrDir}: cannot read run results (${error.code ?? error.message})`);
  });
  const file = info.isDirectory() ? join(fileOrDir, 'results.json') : fileOrDir;
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new RunResultsError(`${file}: cannot read run results (${error.code ?? error.message})`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RunResultsError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  return parseRunResults(json, file);
}
