// Plays a chaos plan against a running lab, through the lab's public API only:
// each step's fault is applied at its time and reverted when its `for`
// elapses; whatever is still broken is reverted at the end of the plan or on
// abort. Returns the timeline of what was done, for the run's results.
import { sleepUntil, systemClock, type Clock } from '../harness/clock.ts';
import { applyFault, describeFault, type AppliedFault, type FaultTarget } from '../harness/lab/index.ts';
import type { ChaosEvent } from '../reports/results.ts';
import { formatDuration } from '../reports/units/duration.ts';
import type { ChaosPlan, PlanStep } from './plan-schema.ts';

// Times in the timeline and the log are written as the plan writes them, exactly.
const PLAN_STYLE = { style: 'plan' } as const;

/** What the player needs of a lab: the fault target plus the names it can check steps against. */
export interface ChaosLab extends FaultTarget {
  linkNames(): string[];
  replicaNames(): string[];
  services(): string[];
}

/** A fault turning on or off, as it happens: what lets the lab write a series (swag_fault_active) that dashboards annotate. */
export interface FaultTransition {
  action: string;
  target: string;
  /** 1-based plan step: keeps two equal faults of one plan apart. */
  step: number;
  active: boolean;
  /** Epoch ms on the player's clock. */
  at: number;
}

export interface PlayOptions {
  signal?: AbortSignal;
  log?: (line: string) => void;
  clock?: Clock;
  /** Told when each fault starts and ends; an instant fault (a restart) ends when its action returns. Must not throw. */
  onFault?: (transition: FaultTransition) => void;
}

interface Operation {
  time: number;
  kind: 'apply' | 'revert';
  index: number;
}

/** Checks every step's target exists in this lab, naming the step's line and what the lab has. */
export function checkPlanAgainstLab(plan: ChaosPlan, lab: ChaosLab): void {
  const problems: string[] = [];
  for (const step of plan.steps) {
    const f = step.fault;
    const where = `${plan.source}${step.line ? `:${step.line}` : ''}`;
    if ((f.kind === 'toxic' || f.kind === 'link-down') && !lab.linkNames().includes(f.link)) {
      problems.push(`${where}: no link "${f.link}" in this lab; it has ${lab.linkNames().join(', ')}`);
    }
    if (f.kind === 'replica' && !lab.replicaNames().includes(f.replica)) {
      problems.push(`${where}: no ${f.replica} in this lab; it has ${lab.replicaNames().join(', ')}`);
    }
    if (f.kind === 'service-restart' && !lab.services().includes(f.service)) {
      problems.push(`${where}: this lab has no ${f.service}`);
    }
  }
  if (problems.length)
    throw new Error(`chaos plan ${plan.name} does not fit this lab:\n${problems.map((p) => `  ${p}`).join('\n')}`);
}

export async function playPlan(
  lab: ChaosLab,
  plan: ChaosPlan,
  { signal, log = () => {}, clock = systemClock, onFault = () => {} }: PlayOptions = {},
): Promise<ChaosEvent[]> {
  checkPlanAgainstLab(plan, lab);
  const start = clock.now();
  const iso = (time: number) => new Date(time).toISOString();
  const events: Array<ChaosEvent | undefined> = plan.steps.map(() => undefined);
  const applied = new Map<number, AppliedFault>();
  const operations: Operation[] = plan.steps.flatMap((step, index) => [
    { time: start + step.atMs, kind: 'apply' as const, index },
    ...(step.forMs !== undefined ? [{ time: start + step.atMs + step.forMs, kind: 'revert' as const, index }] : []),
  ]);
  // Stable: at equal times, reverts go first (a link comes back before the next fault), then plan order.
  operations.sort((a, b) => a.time - b.time || (a.kind === b.kind ? a.index - b.index : a.kind === 'revert' ? -1 : 1));
  const stamp = () => `+${formatDuration(Math.round((clock.now() - start) / 100) * 100, PLAN_STYLE)}`;
  log(`chaos plan ${plan.name}: ${plan.steps.length} step(s)`);

  const revert = async (index: number) => {
    const fault = applied.get(index);
    const event = events[index];
    if (!fault || !event) return;
    applied.delete(index);
    try {
      await fault.revert();
      event.end = iso(clock.now());
      log(`${stamp()} reverted: ${describeFault(fault.fault)}`);
    } catch (error) {
      event.end = iso(clock.now());
      event.detail = { ...event.detail, revertError: (error as Error).message };
      log(`${stamp()} could not revert ${describeFault(fault.fault)}: ${(error as Error).message}`);
    }
    // Ended either way: a failed revert is in the timeline; the series must not claim the fault lasts forever.
    onFault({ action: event.action, target: event.target, step: index + 1, active: false, at: Date.parse(event.end) });
  };

  try {
    for (const operation of operations) {
      await sleepUntil(clock, operation.time, signal);
      if (operation.kind === 'revert') {
        await revert(operation.index);
        continue;
      }
      const step = plan.steps[operation.index]!;
      events[operation.index] = await apply(lab, step, operation.index, clock, applied, log, stamp, onFault);
    }
  } catch (error) {
    if (!signal?.aborted) throw error;
    log(`${stamp()} chaos plan ${plan.name} aborted; reverting what is still broken`);
  } finally {
    // Faults without `for` last until the plan ends (or is aborted).
    for (const index of [...applied.keys()]) await revert(index);
  }
  return events.filter((e): e is ChaosEvent => e !== undefined);
}

async function apply(
  lab: ChaosLab,
  step: PlanStep,
  index: number,
  clock: Clock,
  applied: Map<number, AppliedFault>,
  log: (line: string) => void,
  stamp: () => string,
  onFault: (transition: FaultTransition) => void,
): Promise<ChaosEvent> {
  const planned = {
    at: formatDuration(step.atMs, PLAN_STYLE),
    ...(step.forMs !== undefined ? { for: formatDuration(step.forMs, PLAN_STYLE) } : {}),
    line: step.line,
  };
  // Unique toxic names, so a plan may stack two toxics of one type on a link.
  const fault =
    step.fault.kind === 'toxic' ? { ...step.fault, name: `chaos${index + 1}_${step.fault.toxic}` } : step.fault;
  const event: ChaosEvent = {
    action: step.action,
    target: step.target,
    start: new Date(clock.now()).toISOString(),
    detail: { planned },
  };
  try {
    const result = await applyFault(lab, fault);
    if (result.lasting) applied.set(index, result);
    const transition = { action: event.action, target: event.target, step: index + 1 };
    onFault({ ...transition, active: true, at: Date.parse(event.start) });
    if (!result.lasting) onFault({ ...transition, active: false, at: clock.now() });
    event.detail = { ...event.detail, ...result.detail };
    log(
      `${stamp()} ${describeFault(result.fault)}${step.forMs !== undefined ? ` for ${formatDuration(step.forMs, PLAN_STYLE)}` : ''}`,
    );
  } catch (error) {
    // One fault failing (a replica already gone…) should not end the rest of the plan or the run.
    event.detail = { ...event.detail, error: (error as Error).message };
    log(`${stamp()} could not apply ${describeFault(fault)}: ${(error as Error).message}`);
  }
  return event;
}
