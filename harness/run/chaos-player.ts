// The seam between a run and chaos: a ChaosPlayer plays something against the
// lab until it ends or the run does, and resolves to the timeline. Named
// plans go through chaos/ (loadPlan + playPlan); tests inject fixed players.
import { loadPlan, parsePlan, playPlan, type ChaosPlan, type FaultTransition } from '../../chaos/index.ts';
import type { ChaosEvent } from '../../reports/results.ts';
import type { Clock } from '../clock.ts';
import type { Lab } from '../lab/index.ts';

export interface ChaosPlayerOptions {
  signal: AbortSignal;
  log: (line: string) => void;
  /** Told when each fault starts and ends (see FaultSeriesWriter). */
  onFault?: (transition: FaultTransition) => void;
  /** The run's clock (default: the system's). */
  clock?: Clock;
}

/** Plays against a lab until done or `signal` aborts (then heals what it broke); resolves to the timeline. */
export type ChaosPlayer = (lab: Lab, options: ChaosPlayerOptions) => Promise<ChaosEvent[]>;

/** The player of a plan name (`replica-crash`) or plan file; fails before any container starts if there is none. */
export async function planPlayer(plan: string): Promise<ChaosPlayer> {
  return playerOf(await loadPlan(plan));
}

/** The player of a plan written inline, e.g. a test's one exact fault: `inlinePlayer('steps: [{ at: 5s, do: kill, on: replica-2, for: 4s }]')`. */
export function inlinePlayer(yaml: string): ChaosPlayer {
  return playerOf(parsePlan(yaml, 'inline plan'));
}

function playerOf(plan: ChaosPlan): ChaosPlayer {
  return (lab, options) => playPlan(lab, plan, options);
}
