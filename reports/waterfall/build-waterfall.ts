// results.json's `waterfall` from the hop histograms' bucket increases over the
// run window (one Prometheus instant query) and the client's own figures in the
// run summary. Pure: the collection step only fetches.
import type { SummaryData } from '../results.ts';
import { steadyKey } from '../warmup/warmup.ts';
import { histogramQuantile, observationCount, type CumulativeBucket } from './histogram-quantile.ts';
import {
  PATH_HOPS,
  type Waterfall,
  type WaterfallFigures,
  type WaterfallHop,
  type WaterfallPath,
  type WaterfallPathName,
  type WaterfallPhase,
} from './waterfall.ts';

export interface HopBuckets {
  hop: string;
  /** The histogram's `path` label: write, same or cross. */
  path: string;
  buckets: CumulativeBucket[];
}

/** Groups `sum by (le, hop, path) (…_bucket)` samples into one bucket list per hop and path. */
export function hopBucketsFromSamples(
  samples: ReadonlyArray<{ labels: Record<string, string>; value: number }>,
): HopBuckets[] {
  const byHop = new Map<string, HopBuckets>();
  for (const { labels, value } of samples) {
    const { hop, path, le } = labels;
    if (hop === undefined || path === undefined || le === undefined) continue;
    const id = `${hop}\u0000${path}`;
    const entry = byHop.get(id) ?? { hop, path, buckets: [] };
    entry.buckets.push({ le: le === '+Inf' ? Infinity : Number(le), count: value });
    byHop.set(id, entry);
  }
  return [...byHop.values()];
}

const toMs = (seconds: number): number => Math.round(seconds * 1e6) / 1e3;

function hopFigures(hop: string, buckets: CumulativeBucket[] | undefined): WaterfallHop | undefined {
  if (!buckets) return undefined;
  const p50 = histogramQuantile(0.5, buckets);
  const p99 = histogramQuantile(0.99, buckets);
  if (p50 === undefined || p99 === undefined) return undefined;
  return { hop, p50Ms: toMs(p50), p99Ms: toMs(p99), count: Math.round(observationCount(buckets)) };
}

/** A trend's med and p(99) from the summary; the steady-state submetric first when asked for. */
export function figuresFromSummary(
  metrics: SummaryData['metrics'],
  wholeRunKey: string,
  preferSteady: boolean,
): WaterfallFigures | undefined {
  const candidates: Array<[string, WaterfallPhase]> = preferSteady
    ? [
        [steadyKey(wholeRunKey), 'steady'],
        [wholeRunKey, 'whole-run'],
      ]
    : [[wholeRunKey, 'whole-run']];
  for (const [key, phase] of candidates) {
    const values = metrics[key]?.values;
    const p50 = values?.med ?? values?.['p(50)'];
    const p99 = values?.['p(99)'];
    if (p50 !== undefined && p99 !== undefined) return { p50Ms: p50, p99Ms: p99, phase };
  }
  return undefined;
}

export interface BuildWaterfallInput {
  hopBuckets: HopBuckets[];
  endToEnd: Partial<Record<WaterfallPathName, WaterfallFigures>>;
  ack?: WaterfallFigures;
  windowSeconds?: number;
  phase?: WaterfallPhase;
}

/** Undefined when there is nothing to draw: no hop observed and no client figure. */
export function buildWaterfall(input: BuildWaterfallInput): Waterfall | undefined {
  const buckets = new Map(input.hopBuckets.map((h) => [`${h.hop}\u0000${h.path}`, h.buckets]));
  const paths: WaterfallPath[] = [];
  for (const path of ['same', 'cross'] as const) {
    const hops = PATH_HOPS[path].flatMap(
      ({ hop, histogramPath }) => hopFigures(hop, buckets.get(`${hop}\u0000${histogramPath}`)) ?? [],
    );
    const endToEnd = input.endToEnd[path];
    if (hops.length === 0 && endToEnd === undefined) continue;
    paths.push({ path, hops, ...(endToEnd ? { endToEnd } : {}) });
  }
  if (paths.length === 0) return undefined;
  return {
    paths,
    ...(input.ack ? { ack: input.ack } : {}),
    ...(input.windowSeconds !== undefined ? { windowSeconds: input.windowSeconds } : {}),
    ...(input.phase ? { phase: input.phase } : {}),
  };
}
