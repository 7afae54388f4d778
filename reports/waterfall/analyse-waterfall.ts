// What the waterfall says, as numbers the report puts into words: how far each
// path gets by its hops, how much cross-node adds and how much of that is the
// bus, and where the hops fall short of (or overshoot) the client's figure.
// Quantiles do not add (the p50s' sum is not the sum's p50), so "adds up"
// means roughly: within a quarter, or 1 ms for tiny figures.
import { BUS_HOP, FIRST_SOCKET_HOP, LAST_SOCKET_HOP, type Waterfall, type WaterfallPath } from './waterfall.ts';

export type Quantile = 'p50' | 'p99';
const field = (q: Quantile): 'p50Ms' | 'p99Ms' => (q === 'p50' ? 'p50Ms' : 'p99Ms');

export interface PathReach {
  /** Sum of the sequential hops up to the first local socket. */
  toFirstSocketMs: number;
  /** …plus what the last local socket waits beyond the first. */
  toLastSocketMs: number;
}

export function pathReach(path: WaterfallPath, q: Quantile): PathReach {
  const f = field(q);
  const steps = path.hops.filter((h) => h.hop !== LAST_SOCKET_HOP);
  const toFirstSocketMs = steps.reduce((sum, h) => sum + h[f], 0);
  const first = path.hops.find((h) => h.hop === FIRST_SOCKET_HOP)?.[f] ?? 0;
  const last = path.hops.find((h) => h.hop === LAST_SOCKET_HOP)?.[f];
  return { toFirstSocketMs, toLastSocketMs: toFirstSocketMs + (last === undefined ? 0 : Math.max(0, last - first)) };
}

export interface CrossNodeCost {
  addedMs: number;
  /** 'client': end-to-end cross − same as the clients measured them; 'hops': from the hop sums. */
  source: 'client' | 'hops';
  busMs?: number;
}

export function crossNodeCost(waterfall: Waterfall, q: Quantile): CrossNodeCost | undefined {
  const same = waterfall.paths.find((p) => p.path === 'same');
  const cross = waterfall.paths.find((p) => p.path === 'cross');
  if (!same || !cross) return undefined;
  const f = field(q);
  const bus = cross.hops.find((h) => h.hop === BUS_HOP)?.[f];
  const withBus = (cost: Omit<CrossNodeCost, 'busMs'>): CrossNodeCost =>
    bus === undefined ? cost : { ...cost, busMs: bus };
  if (same.endToEnd && cross.endToEnd)
    return withBus({ addedMs: cross.endToEnd[f] - same.endToEnd[f], source: 'client' });
  if (same.hops.length > 0 && cross.hops.length > 0)
    return withBus({
      addedMs: pathReach(cross, q).toFirstSocketMs - pathReach(same, q).toFirstSocketMs,
      source: 'hops',
    });
  return undefined;
}

export interface Shortfall {
  hopsMs: number;
  endToEndMs: number;
  /** endToEnd − hops: positive where the client saw more than the hops account for. */
  unaccountedMs: number;
}

/** Undefined where the hops add up to roughly the client's figure (or either is missing). */
export function shortfall(path: WaterfallPath, q: Quantile): Shortfall | undefined {
  if (!path.endToEnd || path.hops.length === 0) return undefined;
  const endToEndMs = path.endToEnd[field(q)];
  const reach = pathReach(path, q);
  // A reader's event arrives between the first and the last socket's hand-off.
  if (endToEndMs >= reach.toFirstSocketMs && endToEndMs <= reach.toLastSocketMs) return undefined;
  const hopsMs = endToEndMs < reach.toFirstSocketMs ? reach.toFirstSocketMs : reach.toLastSocketMs;
  const unaccountedMs = endToEndMs - hopsMs;
  if (Math.abs(unaccountedMs) <= Math.max(1, 0.25 * endToEndMs)) return undefined;
  return { hopsMs, endToEndMs, unaccountedMs };
}
