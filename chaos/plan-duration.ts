import { parseDuration } from '../reports/units/duration.ts';

/**
 * A plan's duration in milliseconds, or undefined if malformed. Plans are stricter than k6 options: every part of
 * a string needs a unit (ms, s, m, h; no µs/ns, no bare "5"), and a bare YAML number is seconds.
 */
export function parsePlanDuration(value: string | number): number | undefined {
  if (typeof value === 'string' && !/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(value.trim())) return undefined;
  try {
    return parseDuration(value, { bareUnit: 's' });
  } catch {
    return undefined;
  }
}
