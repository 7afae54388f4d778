// results.json `knee`: the capacity scenario's steps and the highest one that
// held its SLO. Written by harness/run/run-scenario.ts from the run's summary
// (reports/knee/find-knee.ts); present only when the summary has per-step figures.
import type { UnitCost } from '../cost/cost-results.ts';

export interface KneeStep {
  step: number;
  /** Writes/s the step offered, and what was sent and acked (per second over the step). */
  offeredWritesPerS: number;
  sentWrites: number;
  ackedWritesPerS: number;
  /** Events delivered to sessions, per second, for writes sent in the step. */
  deliveriesPerS: number;
  /** Sessions joined to the board (readers and writers). */
  subscribers: number;
  ackP99Ms?: number;
  crossP99Ms?: number;
  errors: number;
  refused: number;
  unacked: number;
  /** Deliveries owed (acked writes × sessions) that had not arrived when the step was judged. */
  missingDeliveries: number;
  held: boolean;
  /** Why it broke (empty when it held). */
  breaches: string[];
  /** CPU-ms over the step's own window, net of the idle rate (when the run had a cost timeline and step windows). */
  cost?: { perDelivery: UnitCost; perWrite: UnitCost };
}

export interface KneeCost {
  /** 'step': the held step's own window; 'whole-run': every step and the warm-up (runs without a cost timeline). */
  scope: 'step' | 'whole-run';
  perDelivery: UnitCost;
  perWrite: UnitCost;
}

export interface Knee {
  slo: { ackP99Ms: number; crossP99Ms: number };
  stepSeconds: number;
  steps: KneeStep[];
  /**
   * Broken steps in a row that make the break (the run's BREAKS_TO_STOP); a run that ended on fewer broke there
   * too. Absent in results of runs before the rule (they stopped at their first broken step: 1).
   */
  breaksToStop?: number;
  /** Steps below the break that broke alone, a held step at a higher load after them: blips, not the ceiling. */
  blips?: Array<{ step: number; offeredWritesPerS: number; reasons: string[] }>;
  /** The highest held step below the break; absent when the run broke from its first step. */
  held?: {
    step: number;
    offeredWritesPerS: number;
    ackedWritesPerS: number;
    deliveriesPerS: number;
    subscribers: number;
  };
  /** The first step of the break; absent when the run did not break (every step held, or only blips). */
  brokeAt?: { step: number; offeredWritesPerS: number; subscribers: number; reasons: string[] };
  cost?: KneeCost;
}
