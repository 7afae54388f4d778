// Kept only for run-script.ts, which another change is rewriting now: when that lands, import `systemClock` and
// `Clock` from harness/clock.ts there and delete this file.
import { systemClock } from '../clock.ts';

export type { Clock } from '../clock.ts';
/** @deprecated the harness has one clock: `systemClock` in harness/clock.ts. */
export const realClock = systemClock;
