import { parseDuration as parseRunnerDuration } from '../harness/runner/duration.ts';

/** Parses `500ms`, `5s`, `2m`, `1m30s` (or a bare number of seconds) into milliseconds; undefined if malformed. */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
  const text = value.trim();
  // Stricter than the runner's parser (every part needs a unit; no µs/ns), which then does the arithmetic.
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(text)) return undefined;
  return parseRunnerDuration(text);
}

export function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
