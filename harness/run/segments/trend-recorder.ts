// Keeps every trend value of one runner instance, by metric and tag set, so
// that the instances' summaries can be merged with exact percentiles.
import { matchesFilter, parseMetricKey } from '../../runner/metrics/metric-key.ts';
import type { Sample } from '../../runner/types.ts';

export type TrendValues = Record<string, number[]>;

export class TrendRecorder {
  private readonly series = new Map<string, { metric: string; tags: Record<string, string>; values: number[] }>();

  readonly onSample = (sample: Sample): void => {
    if (sample.type !== 'trend') return;
    const key = `${sample.metric}\u0000${JSON.stringify(sample.tags)}`;
    let entry = this.series.get(key);
    if (!entry) this.series.set(key, (entry = { metric: sample.metric, tags: sample.tags, values: [] }));
    entry.values.push(sample.value);
  };

  /** Values for each summary key (`latency`, `latency{path:cross}`), as the summary's trends aggregate them. */
  valuesFor(summaryKeys: readonly string[]): TrendValues {
    const out: TrendValues = {};
    for (const summaryKey of summaryKeys) {
      const { metric, filter } = parseMetricKey(summaryKey);
      const values: number[] = [];
      for (const entry of this.series.values()) {
        if (entry.metric === metric && (!filter || matchesFilter(entry.tags, filter)))
          for (const v of entry.values) values.push(v);
      }
      if (values.length) out[summaryKey] = values;
    }
    return out;
  }
}
