// Capacity: where does one board stop keeping its SLO? Readers and writers
// join one board; the offered write rate rises step by step (MODE=writes, the
// default), or the number of readers does at a fixed write rate
// (MODE=subscribers), until a step breaks the SLO: ack p99 ≤ ACK_P99_MS,
// cross-node p99 ≤ CROSS_P99_MS, and no protocol errors, no refused writes
// (E_BOARD_BUSY) and no writes left unacked GRACE_MS after their step ended —
// so overload shows as errors or refusals, never as silent queueing. The run
// stops after BREAKS_TO_STOP broken steps in a row (default 2): on a shared
// machine one step can break on a pause of the machine, and the next, at a
// higher load, holding shows it was not the board's ceiling (lib/capacity-steps.ts,
// `kneeBreak`, which the knee finder applies too).
//
// One VU drives every socket: it is the only way a k6 script can see all of a
// step's figures at once and stop itself (VUs share nothing), and on the
// runner all VUs share one thread anyway. Every sample is tagged `step:<n>`
// (`0` is the warm-up) with the step its write was sent in; per-step
// thresholds put each step's figures in the summary, where
// reports/knee/find-knee.ts reads the knee. Only the first MUST_HOLD_STEPS
// steps' thresholds (default 1) can fail the run: breaking later is what the
// scenario is for. The warm-up (WARMUP_S at the first step's load) lets JIT,
// first connections and first Postgres plans pass before step 1 is judged.
//
// __ENV: MODE (writes), STEP_S (10), WARMUP_S (5), GRACE_MS (1000), MAX_STEPS (10), BREAKS_TO_STOP (2),
// WRITERS (4), ACK_P99_MS (50), CROSS_P99_MS (100), MUST_HOLD_STEPS (1), BATCH (0|1);
// writes mode: RATES ("20,40,…") or RATE_START (20) × RATE_FACTOR (1.5) per step, READERS (24);
// subscribers mode: SUBSCRIBERS ("24,48,…") or SUBSCRIBERS_START (24) × SUBSCRIBERS_FACTOR (2), WRITE_RATE (40).
// Writers read the board too, so a step's sessions are WRITERS + readers.
import { check } from 'k6';
import { Counter, Gauge, Trend } from 'k6/metrics';
import { clearInterval, setInterval, setTimeout } from 'k6/timers';
import {
  planSteps,
  parseNumberList,
  percentile,
  stepAt,
  stepBreaches,
  writesDue,
  type CapacityMode,
  type CapacityStep,
} from './lib/capacity-steps.ts';
import { envNumber, envString, runBoard } from './lib/env.ts';
import { SwagSession, type BoardEvent } from './lib/swagboard.ts';

const BASE_URL = envString('SWAGBOARD_URL', 'http://127.0.0.1:8080');
const BOARD = envString('BOARD', runBoard('capacity'));
const MODE = envString('MODE', 'writes') as CapacityMode;
if (MODE !== 'writes' && MODE !== 'subscribers')
  throw new Error(`invalid MODE; expected "writes" or "subscribers", got "${MODE}"`);
const STEP_S = envNumber('STEP_S', 10);
const WARMUP_S = envNumber('WARMUP_S', 5);
const GRACE_MS = envNumber('GRACE_MS', 1000);
const MAX_STEPS = envNumber('MAX_STEPS', 10);
const WRITERS = envNumber('WRITERS', 4);
const ACK_P99_MS = envNumber('ACK_P99_MS', 50);
const CROSS_P99_MS = envNumber('CROSS_P99_MS', 100);
const MUST_HOLD_STEPS = envNumber('MUST_HOLD_STEPS', 1);
const BREAKS_TO_STOP = envNumber('BREAKS_TO_STOP', 2);
if (!Number.isInteger(BREAKS_TO_STOP) || BREAKS_TO_STOP < 1)
  throw new Error(
    `invalid BREAKS_TO_STOP; expected a whole number of at least 1, got "${envString('BREAKS_TO_STOP', '')}"`,
  );
const BATCH = envString('BATCH', '0') === '1';
const TICK_MS = 10;

const STEPS: CapacityStep[] =
  MODE === 'writes'
    ? planSteps({
        mode: MODE,
        maxSteps: MAX_STEPS,
        explicit: parseNumberList('RATES', envString('RATES', '')),
        start: envNumber('RATE_START', 20),
        factor: envNumber('RATE_FACTOR', 1.5),
        fixed: envNumber('READERS', 24),
      })
    : planSteps({
        mode: MODE,
        maxSteps: MAX_STEPS,
        explicit: parseNumberList('SUBSCRIBERS', envString('SUBSCRIBERS', '')),
        start: envNumber('SUBSCRIBERS_START', 24),
        factor: envNumber('SUBSCRIBERS_FACTOR', 2),
        fixed: envNumber('WRITE_RATE', 40),
      });
const SLO = { ackP99Ms: ACK_P99_MS, crossP99Ms: CROSS_P99_MS, minSentShare: 0.95 };

const broadcast = new Trend('swag_broadcast_latency', true);
const delivered = new Counter('swag_events_delivered');
const sentWrites = new Counter('swag_writes_sent');
const unackedWrites = new Counter('swag_writes_unacked');
/** Per step: deliveries owed (acked writes × sessions) not arrived when the step was judged. */
const missingDeliveries = new Counter('swag_deliveries_missing');
const errors = new Counter('swag_protocol_errors');
/** Offered writes/s and sessions on the board (readers + writers) per step: the step table's x axis. */
const offered = new Gauge('swag_capacity_offered');
const subscribers = new Gauge('swag_capacity_subscribers');
/** Each step's sending window (epoch ms), so the harness can cost the step on its own from the lab's CPU timeline. */
const stepStart = new Gauge('swag_capacity_step_start_ms');
const stepEnd = new Gauge('swag_capacity_step_end_ms');
/** The run's settings as figures, so the summary explains itself. */
const stepSeconds = new Gauge('swag_capacity_step_seconds');
const sloAck = new Gauge('swag_capacity_slo_ack_p99_ms');
const sloCross = new Gauge('swag_capacity_slo_cross_p99_ms');
const breaksToStop = new Gauge('swag_capacity_breaks_to_stop');
/** Steps the script itself judged held (its stop rule; the knee comes from the summary). */
const stepsHeld = new Gauge('swag_capacity_steps_held');

function stepThresholds(step: number): Record<string, string[]> {
  const gating = step <= MUST_HOLD_STEPS;
  const s = `step:${step}`;
  // Non-gating entries (always true) exist only to make the runner keep each step's submetric.
  return {
    // Step 1 must ack something whatever MUST_HOLD_STEPS says: a run that measured nothing did not pass.
    // k6 has no count threshold on a Trend; max>0 fails on a step without acks (judged with no samples, k6 >= 0.38).
    [`swag_ack_latency{${s}}`]: [gating ? `p(99)<${ACK_P99_MS}` : 'p(99)>=0', ...(step === 1 ? ['max>0'] : [])],
    [`swag_broadcast_latency{path:cross,${s}}`]: [gating ? `p(99)<${CROSS_P99_MS}` : 'p(99)>=0'],
    [`swag_protocol_errors{${s}}`]: [gating ? 'count<1' : 'count>=0'],
    [`swag_writes_refused{${s}}`]: [gating ? 'count<1' : 'count>=0'],
    [`swag_writes_unacked{${s}}`]: [gating ? 'count<1' : 'count>=0'],
    [`swag_deliveries_missing{${s}}`]: [gating ? 'count<1' : 'count>=0'],
    [`swag_writes_sent{${s}}`]: ['count>=0'],
    [`swag_events_delivered{${s}}`]: ['count>=0'],
    [`swag_capacity_offered{${s}}`]: ['value>=0'],
    [`swag_capacity_subscribers{${s}}`]: ['value>=0'],
    [`swag_capacity_step_start_ms{${s}}`]: ['value>=0'],
    [`swag_capacity_step_end_ms{${s}}`]: ['value>=0'],
  };
}

const connectAllowanceS = MODE === 'subscribers' ? 20 : 0;
export const options = {
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'],
  scenarios: {
    capacity: {
      executor: 'per-vu-iterations',
      vus: 1,
      iterations: 1,
      maxDuration: `${Math.ceil(30 + WARMUP_S + STEPS.length * (STEP_S + GRACE_MS / 1000 + 1 + connectAllowanceS))}s`,
      gracefulStop: '10s',
    },
  },
  thresholds: Object.assign({ checks: ['rate>0.99'] }, ...STEPS.map((s) => stepThresholds(s.step))) as Record<
    string,
    string[]
  >,
};

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export default async function () {
  const windows: Array<{ step: number; startMs: number; endMs: number }> = [];
  const acks: Record<string, number[]> = {};
  const crossLatencies: Record<string, number[]> = {};
  const deliveredBy: Record<string, number> = {};
  const counts: Record<string, { errors: number; refused: number }> = {};
  const count = (step: string) => (counts[step] ??= { errors: 0, refused: 0 });
  const writers: SwagSession[] = [];
  const readers: SwagSession[] = [];
  let currentStep = 'connect';
  let stopping = false;
  let welcomed = 0;

  const onEvent = (session: SwagSession, event: BoardEvent) => {
    if (event.clientTs === undefined) return;
    const step = stepAt(windows, event.clientTs);
    if (step === undefined) return;
    const tags = { step: String(step), path: event.origin === session.replica ? 'same' : 'cross' };
    const latencyMs = Date.now() - event.clientTs;
    broadcast.add(latencyMs, tags);
    delivered.add(1, { step: tags.step });
    deliveredBy[tags.step] = (deliveredBy[tags.step] ?? 0) + 1;
    if (tags.path === 'cross') (crossLatencies[tags.step] ??= []).push(latencyMs);
  };

  const open = (user: string): SwagSession => {
    const session: SwagSession = new SwagSession(
      BASE_URL,
      user,
      [BOARD],
      {
        onWelcome: () => (welcomed += 1),
        onEvent: (event) => onEvent(session, event),
        onAck: (_ack, write, latencyMs) => {
          if (write?.tags.step !== undefined && latencyMs !== undefined) (acks[write.tags.step] ??= []).push(latencyMs);
        },
        onRefused: (write) => (count(write.tags.step ?? currentStep).refused += 1),
        onError: (error, write) => {
          const step = write?.tags.step ?? currentStep;
          count(step).errors += 1;
          errors.add(1, { step, code: error.code });
        },
        onClose: (code) => {
          if (stopping) return;
          // A session the server dropped mid-run (e.g. 4008, slow consumer) is overload too.
          count(currentStep).errors += 1;
          errors.add(1, { step: currentStep, code: `close-${code}` });
        },
      },
      { batch: BATCH, connectTimeoutMs: 10_000 },
    );
    return session;
  };

  const untilWelcomed = async (expected: number, timeoutMs: number): Promise<boolean> => {
    const deadline = Date.now() + timeoutMs;
    while (welcomed < expected && Date.now() < deadline) await pause(50);
    return welcomed >= expected;
  };

  /** Joins readers up to `target`; returns how many sessions are still not welcomed after 15 s. */
  const joinReaders = async (target: number): Promise<number> => {
    while (readers.length < target) readers.push(open(`reader-${readers.length + 1}`));
    const expected = writers.length + readers.length;
    await untilWelcomed(expected, 15_000);
    await pause(300); // let presence settle before the clock starts
    return expected - welcomed;
  };

  /** Sends at `writesPerS` for `seconds`, round-robin over the writers; returns how many went out. */
  const offer = async (step: number, writesPerS: number, seconds: number): Promise<number> => {
    const tag = String(step);
    const window = { step, startMs: Date.now(), endMs: Number.POSITIVE_INFINITY };
    windows.push(window);
    currentStep = tag;
    let attempted = 0;
    let sent = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const now = Date.now();
        const elapsed = Math.min(now - window.startMs, seconds * 1000);
        const due = writesDue(elapsed, writesPerS, attempted, Math.max(1, writesPerS / 4));
        for (let i = 0; i < due; i++) {
          const writer = writers[attempted % writers.length]!;
          attempted += 1;
          if (writer.createTask(BOARD, `capacity step ${tag}`, 'todo', { step: tag })) sent += 1;
        }
        if (elapsed >= seconds * 1000) {
          clearInterval(timer);
          resolve();
        }
      }, TICK_MS);
    });
    window.endMs = Date.now() + 1; // the last tick may send just past the nominal end
    sentWrites.add(sent, { step: tag });
    stepStart.add(window.startMs, { step: tag });
    stepEnd.add(window.endMs, { step: tag });
    await pause(GRACE_MS);
    return sent;
  };

  const takeUnacked = (tag: string): number => {
    const unacked = writers.reduce((n, w) => n + w.pendingWrites.takeWhere((p) => p.tags.step === tag).length, 0);
    unackedWrites.add(unacked, { step: tag });
    return unacked;
  };

  stepSeconds.add(STEP_S);
  sloAck.add(ACK_P99_MS);
  sloCross.add(CROSS_P99_MS);
  breaksToStop.add(BREAKS_TO_STOP);
  for (let i = 1; i <= WRITERS; i++) writers.push(open(`writer-${i}`));
  const unwelcomedAtStart = await joinReaders(STEPS[0]?.readers ?? 0);
  check(unwelcomedAtStart, { 'every session welcomed': (n) => n === 0 });

  if (WARMUP_S > 0 && STEPS[0]) {
    await offer(0, STEPS[0].writesPerS, WARMUP_S);
    takeUnacked('0');
  }

  let held = 0;
  let brokenInARow = 0;
  for (const s of STEPS) {
    const tag = String(s.step);
    const unwelcomed = await joinReaders(s.readers);
    // Readers the lab could not take in (subscribers mode) break this step: the board refused the load.
    if (unwelcomed > 0) {
      count(tag).errors += unwelcomed;
      errors.add(unwelcomed, { step: tag, code: 'not-welcomed' });
    }
    offered.add(s.writesPerS, { step: tag });
    const sessions = writers.length + readers.length;
    subscribers.add(sessions, { step: tag });
    const sent = await offer(s.step, s.writesPerS, STEP_S);
    const unacked = takeUnacked(tag);
    // Every acked write owes one event to every session on the board (writers included).
    const missing = Math.max(0, (acks[tag]?.length ?? 0) * sessions - (deliveredBy[tag] ?? 0));
    missingDeliveries.add(missing, { step: tag });
    const breaches = stepBreaches(
      {
        offered: Math.round(s.writesPerS * STEP_S),
        sent,
        ackP99Ms: percentile(acks[tag] ?? [], 99),
        crossP99Ms: percentile(crossLatencies[tag] ?? [], 99),
        errors: count(tag).errors,
        refused: count(tag).refused,
        unacked,
        missingDeliveries: missing,
      },
      SLO,
    );
    delete acks[tag];
    delete crossLatencies[tag];
    const load = `${s.writesPerS} writes/s, ${writers.length + readers.length} sessions`;
    if (breaches.length > 0) {
      brokenInARow += 1;
      const more =
        brokenInARow < BREAKS_TO_STOP ? `; going on: ${BREAKS_TO_STOP} broken steps in a row end the run` : '';
      console.warn(`capacity step ${s.step} (${load}) broke: ${breaches.join('; ')}${more}`);
      if (brokenInARow >= BREAKS_TO_STOP) break;
      continue;
    }
    console.info(`capacity step ${s.step} (${load}) held`);
    brokenInARow = 0;
    held += 1;
  }
  stepsHeld.add(held);
  stopping = true;
  for (const session of [...writers, ...readers]) session.close();
}
