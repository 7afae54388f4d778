// k6's execution segments: `--execution-segment 1/3:2/3` runs this process's
// share of a test split across instances that never talk to each other, and
// `--execution-segment-sequence 0,1/3,2/3,1` names every instance's segment
// so the shares add up to exactly the whole test.
//
// Items (VUs, iterations, arrival-rate starts) are numbered 0, 1, 2, … in the
// whole test. They are dealt to the sequence's segments in a repeating cycle
// of L items (L = the common denominator of the segment lengths), in which a
// segment of length a/L gets a items, spread out rather than bunched (a
// smooth weighted round-robin, written here). Every instance computes the
// same cycle, so for any total N the instances' counts sum to N, and each
// instance's count is within one of N × its length.
import { ExitCode, RunError } from '../exit-codes.ts';
import { compare, formatRational, lcm, ONE, parseRational, subtract, ZERO, type Rational } from './rational.ts';

/** Cycles longer than this mean a sequence with absurd denominators (e.g. 0.1234567). */
const MAX_CYCLE = 10_000_000;

export interface ExecutionSegment {
  /** "1/3:2/3", for labels and logs. */
  readonly label: string;
  /** Whether this is the whole test (0:1): no scaling at all. */
  readonly whole: boolean;
  /** How many of the test's first `n` items belong to this segment. */
  countIn(n: number): number;
  /** The test-wide index of this segment's `k`-th item (both 0-based). */
  globalIndex(k: number): number;
}

function configError(message: string): RunError {
  return new RunError(message, ExitCode.invalidConfig);
}

function parseBound(text: string, what: string): Rational {
  const r = parseRational(text);
  if (!r || compare(r, ZERO) < 0 || compare(r, ONE) > 0) {
    throw configError(
      `invalid ${what}; expected a fraction, decimal or percentage between 0 and 1 (e.g. 1/3, 0.25, 25%), got "${text}"`,
    );
  }
  return r;
}

/** "1/3:2/3" → [1/3, 2/3]; a single value "x" means "0:x", as in k6. */
function parseSegment(text: string): [Rational, Rational] {
  const parts = text.split(':');
  if (parts.length > 2) throw configError(`invalid execution segment; expected from:to, got "${text}"`);
  const [from, to] =
    parts.length === 2
      ? [parseBound(parts[0]!, 'execution segment'), parseBound(parts[1]!, 'execution segment')]
      : [ZERO, parseBound(parts[0]!, 'execution segment')];
  if (compare(from, to) >= 0) throw configError(`invalid execution segment; expected from < to, got "${text}"`);
  return [from, to];
}

/** "0,1/3,2/3,1" → bounds; 0 and 1 are added when missing, as k6 fills a sequence. */
function parseSequence(text: string): Rational[] {
  const bounds = text.split(',').map((b) => parseBound(b, 'execution segment sequence'));
  if (compare(bounds[0]!, ZERO) !== 0) bounds.unshift(ZERO);
  if (compare(bounds[bounds.length - 1]!, ONE) !== 0) bounds.push(ONE);
  for (let i = 1; i < bounds.length; i++) {
    if (compare(bounds[i - 1]!, bounds[i]!) >= 0)
      throw configError(`invalid execution segment sequence; expected strictly increasing values, got "${text}"`);
  }
  return bounds;
}

/**
 * The segment this process runs. Without a sequence the sequence is
 * 0, from, to, 1 (as in k6); with one, the segment must be one of its steps.
 */
export function executionSegment(segmentText?: string, sequenceText?: string): ExecutionSegment {
  const [from, to] = segmentText?.trim() ? parseSegment(segmentText) : [ZERO, ONE];
  const bounds = sequenceText?.trim()
    ? parseSequence(sequenceText)
    : parseSequence([from, to].map(formatRational).join(','));
  const index = bounds.findIndex(
    (b, i) => i + 1 < bounds.length && compare(b, from) === 0 && compare(bounds[i + 1]!, to) === 0,
  );
  const label = `${formatRational(from)}:${formatRational(to)}`;
  if (index < 0)
    throw configError(
      `invalid execution segment; expected one of the steps of the sequence ${bounds.map(formatRational).join(',')}, got "${label}"`,
    );
  return segmentOfSequence(bounds, index, label);
}

function segmentOfSequence(bounds: Rational[], index: number, label: string): ExecutionSegment {
  const lengths = bounds.slice(1).map((b, i) => subtract(b, bounds[i]!));
  const cycleBig = lengths.reduce((l, r) => lcm(l, r.den), 1n);
  if (cycleBig > BigInt(MAX_CYCLE))
    throw configError(`invalid execution segment sequence; its common denominator ${cycleBig} is above ${MAX_CYCLE}`);
  const cycle = Number(cycleBig);
  const weights = lengths.map((r) => Number((r.num * cycleBig) / r.den));
  const offsets = stripeOffsets(weights, cycle, index);
  const own = weights[index]!;
  const whole = own === cycle;
  return {
    label,
    whole,
    countIn(n: number): number {
      if (whole) return n;
      const full = Math.floor(n / cycle);
      const rest = n - full * cycle;
      return full * own + countBelow(offsets, rest);
    },
    globalIndex(k: number): number {
      if (whole) return k;
      return Math.floor(k / own) * cycle + offsets[k % own]!;
    },
  };
}

/** How many of the ascending `sorted` are below `limit` (binary search: cycles can be long). */
function countBelow(sorted: readonly number[], limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Positions within one cycle that go to segment `index`: at each position the
 * segment furthest behind its share takes it (ties: the larger segment, then
 * the earlier one), so each segment's items are spread across the cycle.
 */
function stripeOffsets(weights: number[], cycle: number, index: number): number[] {
  const credit = weights.map(() => 0);
  const mine: number[] = [];
  for (let position = 0; position < cycle; position++) {
    let best = 0;
    for (let i = 0; i < weights.length; i++) {
      credit[i]! += weights[i]!;
      if (credit[i]! > credit[best]! || (credit[i] === credit[best] && weights[i]! > weights[best]!)) best = i;
    }
    credit[best]! -= cycle;
    if (best === index) mine.push(position);
  }
  return mine;
}

export const WHOLE_TEST: ExecutionSegment = executionSegment();

/** This instance's share of `n` items of a scenario (all of them without a segment). */
export function shareOf(segment: ExecutionSegment | undefined, n: number): number {
  return segment ? segment.countIn(n) : n;
}
