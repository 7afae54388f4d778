// The knee of a finished run, for results.json: from its summary, with the
// run's cost (results.cost, when the cost meter ran): each step's own, from its timeline.
import type { RunResults } from '../results.ts';
import { findKnee } from './find-knee.ts';
import type { Knee } from './knee.ts';

export function kneeOfRun(results: RunResults): Knee | undefined {
  return findKnee(results.summary, results.cost);
}
