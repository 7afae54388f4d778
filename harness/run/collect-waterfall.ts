// After a run: the server's hop histograms over the run window (one instant
// query for every hop's bucket increases, quantiles computed in
// reports/waterfall) next to the client's end-to-end figures from the summary.
// Where the warm-up is known, both sides leave it out, so like is compared with
// like. Servers without swagboard_hop_seconds yield client figures only.
import { buildWaterfall, figuresFromSummary, hopBucketsFromSamples } from '../../reports/waterfall/build-waterfall.ts';
import type { Waterfall } from '../../reports/waterfall/waterfall.ts';
import type { SummaryData } from '../../reports/results.ts';
import type { WarmupSummary } from '../../reports/warmup/warmup.ts';
import { queryInstant } from './prometheus-query.ts';

/** Below this, a steady-state window holds too few scrapes for increase() to mean much: take the whole run. */
const MIN_STEADY_WINDOW_S = 5;

export function hopBucketsExpr(windowSeconds: number): string {
  return `sum by (le, hop, path) (increase(swagboard_hop_seconds_bucket{job="swagboard"}[${windowSeconds}s]))`;
}

export interface WaterfallWindow {
  /** When the run (or, with a warm-up, its steady state) began. */
  runStart: Date;
  /** The instant the histograms are read: after the last scrape of the run. */
  evaluateAt: Date;
  warmup: WarmupSummary | undefined;
}

/** Start and length of the window, and whether it is steady state. */
export function waterfallWindow({ runStart, evaluateAt, warmup }: WaterfallWindow): {
  seconds: number;
  phase: 'steady' | 'whole-run';
} {
  const whole = Math.ceil((evaluateAt.getTime() - runStart.getTime()) / 1000);
  if (!warmup) return { seconds: whole, phase: 'whole-run' };
  const steadyStart = Date.parse(warmup.start) + warmup.seconds * 1000;
  const steady = Math.ceil((evaluateAt.getTime() - steadyStart) / 1000);
  return steady >= MIN_STEADY_WINDOW_S ? { seconds: steady, phase: 'steady' } : { seconds: whole, phase: 'whole-run' };
}

export async function collectWaterfall(
  prometheusUrl: string,
  summary: SummaryData,
  window: WaterfallWindow,
  log: (line: string) => void = () => {},
): Promise<Waterfall | undefined> {
  const { seconds, phase } = waterfallWindow(window);
  const answer = await queryInstant(prometheusUrl, hopBucketsExpr(seconds), window.evaluateAt);
  if (answer.error !== undefined) log(`waterfall: hop histograms unavailable (${answer.error})`);
  else if (answer.samples.length === 0)
    log('waterfall: no swagboard_hop_seconds samples (server without hop histograms?)');
  const steady = phase === 'steady';
  const ack = figuresFromSummary(summary.metrics, 'swag_ack_latency', steady);
  return buildWaterfall({
    hopBuckets: hopBucketsFromSamples(answer.samples),
    endToEnd: Object.fromEntries(
      (['same', 'cross'] as const).flatMap((path) => {
        const figures = figuresFromSummary(summary.metrics, `swag_broadcast_latency{path:${path}}`, steady);
        return figures ? [[path, figures]] : [];
      }),
    ),
    ...(ack ? { ack } : {}),
    windowSeconds: seconds,
    phase,
  });
}
