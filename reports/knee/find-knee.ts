// The knee of a capacity run: each step's figures read from the summary's
// per-step submetrics (`…{step:<n>}`, written by scenarios/capacity.ts), each
// judged against the SLO the run recorded, and the highest held step below the
// break: the first of BREAKS_TO_STOP broken steps in a row, as the scenario's own
// stop rule (scenarios/lib/capacity-steps.ts, `kneeBreak`). The breach rules are
// those of the scenario too (`stepBreaches`); a test holds them equal.
import { kneeBreak } from '../../scenarios/lib/capacity-steps.ts';
import type { CostResults } from '../cost/cost-results.ts';
import type { SummaryData, SummaryMetric } from '../results.ts';
import type { Knee, KneeCost, KneeStep } from './knee.ts';
import { stepCost, type IdleRate } from './step-cost.ts';

/** Default SLO of the scenario, for summaries that did not record theirs. */
export const DEFAULT_SLO = { ackP99Ms: 50, crossP99Ms: 100 };
/** Share of offered writes the load generator must send for a step to count. */
export const MIN_SENT_SHARE = 0.95;

const OFFERED_KEY = /^swag_capacity_offered\{step:(\d+)\}$/;

/** The subset of results.cost (CONTRACTS.md) the knee uses: the whole run's figures, and its timeline to cost each step. */
export type CostLike = Pick<CostResults, 'perDelivery' | 'perWrite'> &
  Partial<Pick<CostResults, 'timeline' | 'components' | 'windowSeconds'>>;

export function findKnee(summary: SummaryData, cost?: CostLike): Knee | undefined {
  const m = summary.metrics;
  const value = (key: string, stat: string): number | undefined => usable(m[key], stat);
  const stepNumbers = Object.keys(m)
    .map((key) => OFFERED_KEY.exec(key)?.[1])
    .filter((s): s is string => s !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  const stepSeconds = value('swag_capacity_step_seconds', 'value');
  if (stepNumbers.length === 0 || stepSeconds === undefined || stepSeconds <= 0) return undefined;
  const slo = {
    ackP99Ms: value('swag_capacity_slo_ack_p99_ms', 'value') ?? DEFAULT_SLO.ackP99Ms,
    crossP99Ms: value('swag_capacity_slo_cross_p99_ms', 'value') ?? DEFAULT_SLO.crossP99Ms,
  };

  const steps: KneeStep[] = [];
  for (const step of stepNumbers) {
    const s = `step:${step}`;
    const offeredWritesPerS = value(`swag_capacity_offered{${s}}`, 'value');
    // Declared but never run (the run stopped before it): its gauge has no sample, or reads 0.
    if (offeredWritesPerS === undefined || offeredWritesPerS <= 0) continue;
    const ackCount = value(`swag_ack_latency{${s}}`, 'count') ?? 0;
    const figures = {
      step,
      offeredWritesPerS,
      sentWrites: value(`swag_writes_sent{${s}}`, 'count') ?? 0,
      ackedWritesPerS: ackCount / stepSeconds,
      deliveriesPerS: (value(`swag_events_delivered{${s}}`, 'count') ?? 0) / stepSeconds,
      subscribers: value(`swag_capacity_subscribers{${s}}`, 'value') ?? 0,
      ...optional('ackP99Ms', ackCount > 0 ? value(`swag_ack_latency{${s}}`, 'p(99)') : undefined),
      ...optional(
        'crossP99Ms',
        (value(`swag_broadcast_latency{path:cross,${s}}`, 'count') ?? 1) > 0
          ? value(`swag_broadcast_latency{path:cross,${s}}`, 'p(99)')
          : undefined,
      ),
      errors: value(`swag_protocol_errors{${s}}`, 'count') ?? 0,
      refused: value(`swag_writes_refused{${s}}`, 'count') ?? 0,
      unacked: value(`swag_writes_unacked{${s}}`, 'count') ?? 0,
      missingDeliveries: value(`swag_deliveries_missing{${s}}`, 'count') ?? 0,
    };
    const breaches = breachesOf(figures, Math.round(offeredWritesPerS * stepSeconds), slo);
    const startMs = value(`swag_capacity_step_start_ms{${s}}`, 'value');
    const endMs = value(`swag_capacity_step_end_ms{${s}}`, 'value');
    const units = { deliveries: value(`swag_events_delivered{${s}}`, 'count') ?? 0, writes: ackCount };
    const costed =
      cost?.timeline && startMs !== undefined && endMs !== undefined
        ? stepCost(cost.timeline, idleRate(cost), { startMs, endMs, ...units })
        : undefined;
    steps.push({ ...figures, held: breaches.length === 0, breaches, ...(costed ? { cost: costed } : {}) });
  }
  if (steps.length === 0) return undefined;

  // Summaries from before the rule carry no gauge: those runs stopped at their first broken step.
  const breaksToStop = value('swag_capacity_breaks_to_stop', 'value') ?? 1;
  const breakAt = kneeBreak(
    steps.map((s) => s.held),
    breaksToStop,
  );
  const below = breakAt === -1 ? steps : steps.slice(0, breakAt);
  const heldStep = below.findLast((s) => s.held);
  const broken = breakAt === -1 ? undefined : steps[breakAt];
  const blips = below
    .filter((s) => !s.held)
    .map((s) => ({ step: s.step, offeredWritesPerS: s.offeredWritesPerS, reasons: s.breaches }));
  return {
    slo,
    stepSeconds,
    steps,
    breaksToStop,
    blips,
    ...(heldStep
      ? {
          held: {
            step: heldStep.step,
            offeredWritesPerS: heldStep.offeredWritesPerS,
            ackedWritesPerS: heldStep.ackedWritesPerS,
            deliveriesPerS: heldStep.deliveriesPerS,
            subscribers: heldStep.subscribers,
          },
        }
      : {}),
    ...(broken
      ? {
          brokeAt: {
            step: broken.step,
            offeredWritesPerS: broken.offeredWritesPerS,
            subscribers: broken.subscribers,
            reasons: broken.breaches,
          },
        }
      : {}),
    ...(cost ? { cost: kneeCost(cost, heldStep) } : {}),
  };
}

/** Same rules as the scenario's `stepBreaches`: latency over the SLO, any error, refusal, unacked write or missing delivery, a short-sending generator. */
function breachesOf(f: Omit<KneeStep, 'held' | 'breaches'>, offeredWrites: number, slo: Knee['slo']): string[] {
  const reasons: string[] = [];
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (f.ackP99Ms !== undefined && f.ackP99Ms > slo.ackP99Ms)
    reasons.push(`ack p99 ${f.ackP99Ms.toFixed(1)} ms > ${slo.ackP99Ms} ms`);
  if (f.crossP99Ms !== undefined && f.crossP99Ms > slo.crossP99Ms)
    reasons.push(`cross-node p99 ${f.crossP99Ms.toFixed(1)} ms > ${slo.crossP99Ms} ms`);
  if (f.errors > 0) reasons.push(plural(f.errors, 'protocol error'));
  if (f.refused > 0) reasons.push(`${plural(f.refused, 'write')} refused (E_BOARD_BUSY)`);
  if (f.unacked > 0) reasons.push(`${plural(f.unacked, 'write')} unacked at the step's end`);
  if (f.missingDeliveries > 0)
    reasons.push(`${f.missingDeliveries} deliver${f.missingDeliveries === 1 ? 'y' : 'ies'} missing at the step's end`);
  if (offeredWrites > 0 && f.sentWrites < offeredWrites * MIN_SENT_SHARE)
    reasons.push(`the load generator sent only ${f.sentWrites} of ${offeredWrites} offered writes`);
  if (f.sentWrites > 0 && f.ackP99Ms === undefined) reasons.push('no write was acked');
  return reasons;
}

/** The held step's own cost where it could be measured, else the whole run's. */
function kneeCost(cost: CostLike, held: KneeStep | undefined): KneeCost {
  if (held?.cost) return { scope: 'step', ...held.cost };
  return { scope: 'whole-run', perDelivery: { ...cost.perDelivery }, perWrite: { ...cost.perWrite } };
}

/** The idle baseline as a rate per role: its CPU (scaled to the run window) over the window's length. */
function idleRate(cost: CostLike): IdleRate {
  const seconds = cost.windowSeconds ?? 0;
  const idle = (role: 'sut' | 'lab') =>
    (cost.components ?? []).filter((c) => c.role === role).reduce((sum, c) => sum + (c.idleCpuSeconds ?? 0), 0);
  return seconds > 0 ? { sut: idle('sut') / seconds, lab: idle('lab') / seconds } : { sut: 0, lab: 0 };
}

function usable(metric: SummaryMetric | undefined, stat: string): number | undefined {
  const v = metric?.values[stat];
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

function optional<K extends string>(key: K, v: number | undefined): Partial<Record<K, number>> {
  return v === undefined ? {} : ({ [key]: v } as Record<K, number>);
}
