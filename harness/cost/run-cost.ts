// Cost accounting around one run: an idle baseline, the run window, then the
// counts from Prometheus, into results.json `cost`. run-scenario.ts calls
// startRunCost before the scenario, end() when it ends, results() when collecting.
import type { CostResults } from '../../reports/cost/cost-results.ts';
import { sleepUntil, systemClock, type Clock } from '../clock.ts';
import type { Lab } from '../lab/index.ts';
import { computeCost } from './cost-arithmetic.ts';
import { CostMeter, type WindowUsage } from './cost-meter.ts';
import { countOver, DELIVERY_QUERIES, WRITE_QUERIES } from './counter-increase.ts';
import { detectCgroupReader } from './detect-cgroup.ts';

export interface RunCost {
  /** Closes the run window; call as the scenario ends. */
  end(): Promise<void>;
  /** The run's cost; call once Prometheus has scraped the run's last samples. Never throws: a failed count is logged and recorded as 0. */
  results(): Promise<CostResults>;
}

export interface RunCostOptions {
  log?: (line: string) => void;
  signal?: AbortSignal | undefined;
  clock?: Clock;
}

/** Starts metering the lab; with baselineSeconds > 0 first measures it idle for that long. */
export async function startRunCost(
  lab: Lab,
  baselineSeconds: number,
  { log = () => {}, signal, clock = systemClock }: RunCostOptions = {},
): Promise<RunCost> {
  const reader = await detectCgroupReader();
  if (!reader) log("cost: no cgroup tree found here; only the runner's CPU is measured");
  const meter = await CostMeter.start(lab.state.containers, { reader, sampleEveryMs: 1000, clock });
  let baseline: WindowUsage | undefined;
  try {
    if (baselineSeconds > 0) {
      log(`cost: measuring the idle lab for ${baselineSeconds} s`);
      await sleepUntil(clock, clock.now() + baselineSeconds * 1000, signal);
      baseline = await meter.lap();
    } else {
      await meter.lap();
    }
  } catch (error) {
    meter.stop(); // interrupted during the baseline
    throw error;
  }
  let run: Promise<WindowUsage> | undefined;
  return {
    end: async () => {
      run ??= meter.lap().finally(() => meter.stop());
      await run;
    },
    results: async () => {
      run ??= meter.lap().finally(() => meter.stop());
      const window = await run;
      const [deliveries, writes] = await Promise.all([
        countOver(lab.endpoints.prometheusUrl, DELIVERY_QUERIES, window.startedAt, window.endedAt),
        countOver(lab.endpoints.prometheusUrl, WRITE_QUERIES, window.startedAt, window.endedAt),
      ]).catch((error: Error) => {
        log(`cost: could not count deliveries and writes: ${error.message}`);
        return [
          { value: 0, source: 'none' },
          { value: 0, source: 'none' },
        ];
      });
      const incomplete = window.components.filter((c) => c.incomplete).map((c) => c.name);
      if (reader && incomplete.length > 0)
        log(`cost: ${incomplete.join(', ')} restarted or vanished during the run; their CPU is a lower bound`);
      return computeCost({
        run: window,
        baseline,
        // increase() extrapolates to the window edges; whole events read better and differ by less than one.
        deliveries: Math.round(deliveries!.value),
        writes: Math.round(writes!.value),
        cgroupVersion: reader?.version ?? null,
        links: lab.state.links.map((l) => ({ name: l.name, proxied: !l.direct })),
        sources: { deliveries: deliveries!.source, writes: writes!.source },
      });
    },
  };
}
