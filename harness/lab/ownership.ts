import type { LabelledObject } from './labelled-objects.ts';
import { LABEL_KIND, LABEL_LAB, LABEL_LIFETIME, ownerFromLabels } from './labels.ts';
import type { ProcessIdentity } from './process-identity.ts';

export interface Verdict {
  /** Labs no one holds: their owner is provably gone, no live process holds them, and none is detached. */
  abandoned: string[];
  /** Hold volumes of labs still held, left by holders that are gone (a SIGKILLed `swaglab chaos`, say). */
  deadHolds: string[];
}

/**
 * The one rule for removing a lab nobody asked to remove. A lab is held by
 * - its record, while it is a detached lab (`swaglab up`): until `swaglab down`;
 * - the process that started it, whose identity every container and the network carry;
 * - any process that attached to it, through a hold volume.
 * It is abandoned only when every holder is provably gone; "unknown" counts as alive.
 * A record or hold whose lab has no container and no network left (removed by
 * hand, or by an older swaglab) names nothing that could be held: it goes too.
 */
export function judgeLabs(objects: LabelledObject[], isGone: (holder: ProcessIdentity) => boolean): Verdict {
  const byLab = new Map<string, LabelledObject[]>();
  for (const object of objects) {
    const lab = object.labels[LABEL_LAB];
    if (lab) byLab.set(lab, [...(byLab.get(lab) ?? []), object]);
  }
  const verdict: Verdict = { abandoned: [], deadHolds: [] };
  for (const [lab, things] of byLab) {
    const gone = (object: LabelledObject) => isGone(ownerFromLabels(object.labels));
    const remains = things.some((o) => o.kind !== 'volume');
    const detached =
      remains &&
      things.some(
        (o) => o.kind === 'volume' && o.labels[LABEL_KIND] === 'record' && o.labels[LABEL_LIFETIME] === 'detached',
      );
    if (!detached && things.every(gone)) {
      verdict.abandoned.push(lab);
      continue;
    }
    verdict.deadHolds.push(
      ...things.filter((o) => o.kind === 'volume' && o.labels[LABEL_KIND] === 'hold' && gone(o)).map((o) => o.id),
    );
  }
  return verdict;
}
