// Writes chaos faults into the lab's Prometheus as they start and end, as the
// gauge swag_fault_active{fault,target,step,run_id} = 1 then 0, through the
// same remote-write receiver the runner's metrics use. Dashboards annotate
// from it (dashboards/fault-series.ts), looking back far enough to carry the
// 1 between the two samples, so one sample per transition is enough.
import type { FaultTransition } from '../../chaos/index.ts';
import { FAULT_ACTIVE_METRIC } from '../../dashboards/fault-series.ts';
import { remoteWriteBody, type TimeSeries } from '../runner/outputs/prometheus-rw/index.ts';

export interface FaultSeriesStats {
  written: number;
  failures: number;
  lastError?: string;
}

/** One transition as a remote-write series. Pure. */
export function faultSample(transition: FaultTransition, labels: Record<string, string> = {}): TimeSeries {
  return {
    labels: {
      ...labels,
      __name__: FAULT_ACTIVE_METRIC,
      fault: transition.action,
      target: transition.target,
      step: String(transition.step),
    },
    samples: [{ value: transition.active ? 1 : 0, timestampMs: transition.at }],
  };
}

export interface FaultSeriesDeps {
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

export class FaultSeriesWriter {
  readonly stats: FaultSeriesStats = { written: 0, failures: 0 };
  private queue: Promise<void> = Promise.resolve();

  /**
   * @param writeUrl `<prometheus>/api/v1/write`
   * @param labels added to every sample, e.g. `{ run_id }`
   */
  constructor(
    private readonly writeUrl: string,
    private readonly labels: Record<string, string> = {},
    private readonly deps: FaultSeriesDeps = {},
  ) {}

  /** Pass as the player's onFault. Pushes in order (a series' samples must arrive oldest first); never throws. */
  readonly record = (transition: FaultTransition): void => {
    this.queue = this.queue.then(() => this.push(faultSample(transition, this.labels)));
  };

  /** Resolves when everything recorded so far has been pushed (or has failed). */
  async flush(): Promise<FaultSeriesStats> {
    await this.queue;
    return this.stats;
  }

  private async push(series: TimeSeries): Promise<void> {
    const { body, headers } = remoteWriteBody([series]);
    try {
      const response = await (this.deps.fetch ?? fetch)(this.writeUrl, {
        method: 'POST',
        body,
        headers,
        signal: AbortSignal.timeout(5_000),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`);
      this.stats.written += 1;
    } catch (error) {
      this.stats.failures += 1;
      const first = this.stats.lastError === undefined;
      this.stats.lastError = (error as Error).message;
      if (first) this.deps.log?.(`fault series: remote write to ${this.writeUrl} failed: ${this.stats.lastError}`);
    }
  }
}
