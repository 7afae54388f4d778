// The pure parts of the capacity scenario: which steps it offers, how many
// writes are due at a moment of a step, and whether a step held its SLO.
// No k6 imports, so they are unit-tested (harness/run/scenario-lib-capacity.test.ts).
// reports/knee/find-knee.ts applies the same rules to the run's summary.

export type CapacityMode = 'writes' | 'subscribers';

export interface CapacityStep {
  /** 1-based; samples carry it as the tag `step`. */
  step: number;
  /** Offered writes per second, over all writers. */
  writesPerS: number;
  /** Readers joined to the board during the step (writers come on top). */
  readers: number;
}

export interface StepPlanInput {
  mode: CapacityMode;
  maxSteps: number;
  /** Explicit rates (writes mode) or reader counts (subscribers mode); empty = geometric from start × factor. */
  explicit: number[];
  start: number;
  factor: number;
  /** The fixed figure of the other dimension: readers in writes mode, writes/s in subscribers mode. */
  fixed: number;
}

export function planSteps(input: StepPlanInput): CapacityStep[] {
  if (input.factor <= 1 && input.explicit.length === 0)
    throw new Error(`invalid step factor; expected a number above 1, got ${input.factor}`);
  const values =
    input.explicit.length > 0
      ? input.explicit.slice(0, input.maxSteps)
      : Array.from({ length: input.maxSteps }, (_, i) => Math.round(input.start * Math.pow(input.factor, i)));
  return values.map((value, i) =>
    input.mode === 'writes'
      ? { step: i + 1, writesPerS: value, readers: input.fixed }
      : { step: i + 1, writesPerS: input.fixed, readers: value },
  );
}

/** "20, 40,80" → [20, 40, 80]; empty text → []. */
export function parseNumberList(name: string, text: string): number[] {
  if (text.trim() === '') return [];
  return text.split(',').map((part) => {
    const n = Number(part.trim());
    if (!Number.isFinite(n) || n <= 0)
      throw new Error(`invalid ${name}; expected positive numbers separated by commas, got "${text}"`);
    return n;
  });
}

/**
 * Writes to send now so that `sent` keeps up with `writesPerS` over `elapsedMs`. A runner that stalled
 * catches up by at most `maxBurst` writes at once; what it could not send shows as a shortfall.
 */
export function writesDue(elapsedMs: number, writesPerS: number, sent: number, maxBurst = Infinity): number {
  const owed = Math.floor((elapsedMs * writesPerS) / 1000) - sent;
  return Math.max(0, Math.min(owed, maxBurst));
}

/** Percentile by linear interpolation between closest ranks (position p/100·(n−1)), as the runner's summary. */
export function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (p / 100) * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

export interface CapacitySlo {
  ackP99Ms: number;
  crossP99Ms: number;
  /** Share of the offered writes the load generator must have sent for the step to count (0–1). */
  minSentShare: number;
}

export interface StepFigures {
  offered: number;
  sent: number;
  ackP99Ms: number | undefined;
  crossP99Ms: number | undefined;
  errors: number;
  refused: number;
  unacked: number;
  /** Deliveries owed (acked writes × sessions on the board) that had not arrived when the step was judged. */
  missingDeliveries: number;
}

/**
 * Why a step broke its SLO; empty when it held. Refused and unacked writes are breaches, like errors, and so
 * are events an acked write owed some session but that had not arrived: silent loss or queueing shows here.
 */
export function stepBreaches(f: StepFigures, slo: CapacitySlo): string[] {
  const reasons: string[] = [];
  if (f.ackP99Ms !== undefined && f.ackP99Ms > slo.ackP99Ms)
    reasons.push(`ack p99 ${f.ackP99Ms.toFixed(1)} ms > ${slo.ackP99Ms} ms`);
  if (f.crossP99Ms !== undefined && f.crossP99Ms > slo.crossP99Ms)
    reasons.push(`cross-node p99 ${f.crossP99Ms.toFixed(1)} ms > ${slo.crossP99Ms} ms`);
  if (f.errors > 0) reasons.push(`${f.errors} protocol error${f.errors === 1 ? '' : 's'}`);
  if (f.refused > 0) reasons.push(`${f.refused} write${f.refused === 1 ? '' : 's'} refused (E_BOARD_BUSY)`);
  if (f.unacked > 0) reasons.push(`${f.unacked} write${f.unacked === 1 ? '' : 's'} unacked at the step's end`);
  if (f.missingDeliveries > 0)
    reasons.push(`${f.missingDeliveries} deliver${f.missingDeliveries === 1 ? 'y' : 'ies'} missing at the step's end`);
  if (f.offered > 0 && f.sent < f.offered * slo.minSentShare)
    reasons.push(`the load generator sent only ${f.sent} of ${f.offered} offered writes`);
  if (f.sent > 0 && f.ackP99Ms === undefined) reasons.push('no write was acked');
  return reasons;
}

/**
 * Where a run broke: the index of the first of `breaksToStop` broken steps in a row, or of the broken steps the
 * run ended on (nothing ran after them to tell a blip from the ceiling); -1 when none broke there. One broken step
 * followed by a held one, at a higher load, was a blip of the machine (a GC pause, a neighbour's burst), not the
 * board's ceiling. The scenario stops on the same rule (`breaksToStop` broken steps in a row).
 */
export function kneeBreak(held: readonly boolean[], breaksToStop: number): number {
  let run = 0;
  for (let i = 0; i < held.length; i++) {
    run = held[i] ? 0 : run + 1;
    if (run >= breaksToStop) return i - run + 1;
  }
  return run > 0 ? held.length - run : -1;
}

/** The step whose send window [startMs, endMs) holds `at`, if any. */
export function stepAt(
  windows: Array<{ step: number; startMs: number; endMs: number }>,
  at: number,
): number | undefined {
  for (const w of windows) if (at >= w.startMs && at < w.endMs) return w.step;
  return undefined;
}
