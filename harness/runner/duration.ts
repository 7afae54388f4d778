// Kept only for run-script.ts, which another change is rewriting now: when that lands, call
// `parseDuration(value, { bareUnit: 'ms', what })` from units/duration.ts there and delete this file.
import { parseDuration as parse } from '../../reports/units/duration.ts';

/** @deprecated k6 options' reading (a bare number is ms); use units/duration.ts with `bareUnit: 'ms'`. */
export function parseDuration(value: unknown, what = 'duration'): number {
  return parse(value, { bareUnit: 'ms', what });
}
