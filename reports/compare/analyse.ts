// Redis vs NATS, measure by measure: runs grouped by what was held equal
// (scenario, replicas, plan, load settings), repeats summarised as mean and
// spread, and a verdict that claims a difference (and names a winner, by the
// measure's direction: lower latency and cost, higher capacity) only when the
// ranges of the repeats do not overlap.
import type { RunResults } from '../results.ts';
import { MEASURES, measureValue, unitSuffix, type Measure } from './measures.ts';

export type Bus = 'redis' | 'nats';

export interface Spread {
  n: number;
  mean: number;
  min: number;
  max: number;
  /** Half the range: the "±" printed next to the mean. */
  halfRange: number;
}

export interface MeasureComparison {
  measure: Measure;
  redis?: Spread;
  nats?: Spread;
  /** nats.mean / redis.mean, with the range of ratios the repeats allow. */
  ratio?: { value: number; low: number; high: number };
  verdict:
    'nats-lower' | 'redis-lower' | 'nats-higher' | 'redis-higher' | 'within-noise' | 'not-enough-runs' | 'one-bus-only';
  /** The bus that did better in every repeat; only when the spreads do not overlap. */
  winner?: Bus;
  sentence: string;
}

export interface ComparisonGroup {
  key: string;
  scenario: string;
  replicas: number;
  plan?: string;
  env: Record<string, string>;
  runIds: Record<Bus, string[]>;
  measures: MeasureComparison[];
}

const IGNORED_ENV = new Set(['RUN_ID', 'SWAGBOARD_URL', 'BOARD']);

function groupKey(r: RunResults): { key: string; env: Record<string, string> } {
  const env = Object.fromEntries(
    Object.entries(r.settings.env)
      .filter(([k]) => !IGNORED_ENV.has(k))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  const s = r.settings;
  return { key: `${s.scenario}|${s.replicas}|${s.plan ?? ''}|${JSON.stringify(env)}`, env };
}

export function spreadOf(values: number[]): Spread | undefined {
  if (values.length === 0) return undefined;
  const min = Math.min(...values);
  const max = Math.max(...values);
  return {
    n: values.length,
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    min,
    max,
    halfRange: (max - min) / 2,
  };
}

export function compareRuns(runs: RunResults[]): ComparisonGroup[] {
  const groups = new Map<string, { env: Record<string, string>; runs: RunResults[] }>();
  for (const run of runs) {
    const { key, env } = groupKey(run);
    const group = groups.get(key) ?? { env, runs: [] };
    group.runs.push(run);
    groups.set(key, group);
  }
  return [...groups.entries()].map(([key, { env, runs: members }]) => {
    const first = members[0]!.settings;
    const redisRuns = members.filter((r) => r.settings.bus === 'redis');
    const natsRuns = members.filter((r) => r.settings.bus === 'nats');
    const measures = MEASURES.map((measure) => compareMeasure(measure, redisRuns, natsRuns)).filter(
      (m): m is MeasureComparison => m !== undefined,
    );
    return {
      key,
      scenario: first.scenario,
      replicas: first.replicas,
      ...(first.plan ? { plan: first.plan } : {}),
      env,
      runIds: { redis: redisRuns.map((r) => r.runId), nats: natsRuns.map((r) => r.runId) },
      measures,
    };
  });
}

function compareMeasure(
  measure: Measure,
  redisRuns: RunResults[],
  natsRuns: RunResults[],
): MeasureComparison | undefined {
  const values = (rs: RunResults[]) =>
    rs.map((r) => measureValue(r, measure)).filter((v): v is number => v !== undefined);
  const redis = spreadOf(values(redisRuns));
  const nats = spreadOf(values(natsRuns));
  if (!redis && !nats) return undefined;
  const base = { measure, ...(redis ? { redis } : {}), ...(nats ? { nats } : {}) };
  if (!redis || !nats) {
    return {
      ...base,
      verdict: 'one-bus-only',
      sentence: `${measure.label}: measured on ${redis ? 'Redis' : 'NATS'} only; nothing to compare.`,
    };
  }
  const ratio =
    redis.mean > 0
      ? {
          value: nats.mean / redis.mean,
          low: redis.max > 0 ? nats.min / redis.max : NaN,
          high: redis.min > 0 ? nats.max / redis.min : Infinity,
        }
      : undefined;
  const figures = `NATS ${fmt(nats, measure)} vs Redis ${fmt(redis, measure)}${ratio ? ` (${ratio.value.toFixed(2)}× Redis's)` : ''}`;
  if (redis.n < 2 || nats.n < 2) {
    return {
      ...base,
      ...(ratio ? { ratio } : {}),
      verdict: 'not-enough-runs',
      sentence: `${measure.label}: ${figures}; one run on a bus gives no measure of noise, so no conclusion.`,
    };
  }
  const overlap = nats.min <= redis.max && redis.min <= nats.max;
  if (overlap) {
    return {
      ...base,
      ...(ratio ? { ratio } : {}),
      verdict: 'within-noise',
      sentence: `${measure.label}: ${figures}; the repeats overlap, so the difference is within noise.`,
    };
  }
  const natsLower = nats.max < redis.min;
  const higherIsBetter = measure.better === 'higher';
  const winner: Bus = natsLower !== higherIsBetter ? 'nats' : 'redis';
  const direction = higherIsBetter ? 'higher' : 'lower';
  const winnerName = winner === 'nats' ? 'NATS' : 'Redis';
  return {
    ...base,
    ...(ratio ? { ratio } : {}),
    verdict: `${winner}-${direction}`,
    winner,
    sentence: `${measure.label}: ${figures}; ${winnerName} was ${direction} in every repeat (${redis.n} Redis, ${nats.n} NATS runs on this machine), so ${winnerName} wins here.`,
  };
}

function fmt(s: Spread, measure: Measure): string {
  const unit = unitSuffix(measure);
  const digits = measure.unit === 'cpu-ms' ? 3 : measure.unit === 'ms' && s.mean < 10 ? 2 : 1;
  return `${s.mean.toFixed(digits)}${unit} (±${s.halfRange.toFixed(digits)}, n=${s.n})`;
}
