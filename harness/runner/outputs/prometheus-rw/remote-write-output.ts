// Streams the runner's samples to a Prometheus remote-write endpoint: samples
// are aggregated in memory and pushed once per interval, each push carrying
// the series that changed. Pushes never overlap;
// a failed push is counted and logged, not retried (the next push of a series
// carries its cumulative value anyway).
import { systemClock, type CancelTimer, type Clock } from '../../../clock.ts';
import type { Sample } from '../../metrics/types.ts';
import { RemoteWriteAggregator } from './aggregator.ts';
import type { RemoteWriteConfig } from './config.ts';
import { remoteWriteBody } from './write-request.ts';

export interface RemoteWriteStats {
  pushes: number;
  failures: number;
  seriesSent: number;
  lastError?: string;
}

export interface RemoteWriteDeps {
  fetch?: typeof fetch;
  /** Pushes are timed, and stamped, on it. */
  clock?: Clock;
  log?: (message: string) => void;
}

export class RemoteWriteOutput {
  readonly stats: RemoteWriteStats = { pushes: 0, failures: 0, seriesSent: 0 };
  private readonly aggregator: RemoteWriteAggregator;
  private stopTimer: CancelTimer | undefined;
  private inFlight: Promise<void> = Promise.resolve();
  private lastTimestamp = 0;

  constructor(
    private readonly config: RemoteWriteConfig,
    private readonly deps: RemoteWriteDeps = {},
  ) {
    this.aggregator = new RemoteWriteAggregator(config.trendStats, config.labels, {
      nativeHistograms: config.nativeHistograms,
    });
  }

  /** Pass as the runner's onSample. */
  readonly onSample = (sample: Sample): void => this.aggregator.add(sample);

  start(): void {
    // unref: the run, not the push tick, decides when the process is done; stop() pushes the rest.
    this.stopTimer ??= (this.deps.clock ?? systemClock).every(this.config.pushIntervalMs, () => void this.flush(), {
      unref: true,
    });
  }

  /** Stops the timer and pushes what is left (then the stale markers, if configured). */
  async stop(): Promise<RemoteWriteStats> {
    this.stopTimer?.();
    this.stopTimer = undefined;
    await this.flush();
    if (this.config.staleMarkers) {
      this.inFlight = this.inFlight.then(() => this.push((timestampMs) => this.aggregator.staleMarkers(timestampMs)));
      await this.inFlight;
    }
    return this.stats;
  }

  flush(): Promise<void> {
    this.inFlight = this.inFlight.then(() => this.push());
    return this.inFlight;
  }

  private async push(collect = (timestampMs: number) => this.aggregator.collect(timestampMs)): Promise<void> {
    // Each series needs strictly increasing timestamps, even with a quick stop() after a tick.
    const now = Math.max(Math.floor((this.deps.clock ?? systemClock).now()), this.lastTimestamp + 1);
    this.lastTimestamp = now;
    const series = collect(now);
    if (series.length === 0) return;
    const { body, headers } = remoteWriteBody(series);
    try {
      const response = await (this.deps.fetch ?? fetch)(this.config.url, {
        method: 'POST',
        body,
        headers: { ...this.config.headers, ...headers },
        signal: AbortSignal.timeout(5_000),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`);
      this.stats.pushes += 1;
      this.stats.seriesSent += series.length;
    } catch (error) {
      this.aggregator.markUnsent();
      this.stats.failures += 1;
      const first = this.stats.lastError === undefined;
      this.stats.lastError = (error as Error).message;
      if (first) this.deps.log?.(`prometheus remote write to ${this.config.url} failed: ${this.stats.lastError}`);
    }
  }
}
