// The knee of a finished run, for results.json: from its summary, with the
// run's cost (results.cost, when the cost meter ran) repeated at the knee.
import type { RunResults } from '../results.ts';
import { findKnee, type CostLike } from './find-knee.ts';
import type { Knee } from './knee.ts';

export function kneeOfRun(results: RunResults): Knee | undefined {
  const cost = (results as { cost?: Partial<CostLike> }).cost;
  return findKnee(results.summary, cost?.perDelivery && cost.perWrite ? (cost as CostLike) : undefined);
}
