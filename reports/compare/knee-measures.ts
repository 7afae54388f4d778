// The knee of capacity runs as comparison measures: how far the board held,
// higher is better. A run whose first step broke held 0 writes/s.
import type { RunResults } from '../results.ts';
import type { Measure } from './measures.ts';

const held = (results: RunResults) =>
  results.knee ? (results.knee.held ?? { offeredWritesPerS: 0, deliveriesPerS: 0 }) : undefined;

export const kneeMeasures: readonly Measure[] = [
  {
    id: 'knee-writes',
    label: 'knee: writes/s held',
    unit: 'per-second',
    better: 'higher',
    read: (r) => held(r)?.offeredWritesPerS,
  },
  {
    id: 'knee-deliveries',
    label: 'knee: deliveries/s held',
    unit: 'per-second',
    better: 'higher',
    read: (r) => held(r)?.deliveriesPerS,
  },
];
