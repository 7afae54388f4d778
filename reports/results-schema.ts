// Runtime validation of results.json, mirroring the interfaces in results.ts.
// The annotation `z.ZodType<RunResults>` makes tsc fail if the two drift apart.
import { z } from 'zod';
import { costResultsSchema } from './cost/cost-results.ts';
import { historyVerdictSchema } from './history/history-schema.ts';
import { kneeSchema } from './knee/knee-schema.ts';
import type { RunResults, SummaryGroup } from './results.ts';
import { tracesResultsSchema } from './traces/traces-results.ts';
import { waterfallSchema } from './waterfall/waterfall-schema.ts';
import { warmupSchema } from './warmup/warmup-schema.ts';

const summaryMetric = z.object({
  type: z.enum(['counter', 'gauge', 'rate', 'trend']),
  contains: z.enum(['time', 'data', 'default']),
  values: z.record(z.string(), z.number()),
  thresholds: z.record(z.string(), z.object({ ok: z.boolean() })).optional(),
});

const summaryGroup: z.ZodType<SummaryGroup> = z.lazy(() =>
  z.object({
    name: z.string(),
    path: z.string(),
    id: z.string(),
    groups: z.array(summaryGroup),
    checks: z.array(
      z.object({ name: z.string(), path: z.string(), id: z.string(), passes: z.number(), fails: z.number() }),
    ),
  }),
);

const isoTimestamp = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO timestamp');

export const runResultsSchema: z.ZodType<RunResults> = z.object({
  schema: z.literal(1),
  runId: z.string().min(1),
  startedAt: isoTimestamp,
  endedAt: isoTimestamp,
  settings: z.object({
    scenario: z.string(),
    replicas: z.number().int().nonnegative(),
    bus: z.enum(['redis', 'nats']),
    plan: z.string().optional(),
    env: z.record(z.string(), z.string()),
    gitRevision: z.string(),
    machine: z.object({
      hostname: z.string(),
      cpuModel: z.string(),
      cpus: z.number(),
      memoryBytes: z.number(),
      os: z.string(),
      node: z.string(),
    }),
    runner: z.enum(['swaglab', 'k6']),
    instances: z.number().int().positive().optional(),
  }),
  summary: z.object({
    metrics: z.record(z.string(), summaryMetric),
    root_group: summaryGroup,
    options: z.object({
      summaryTrendStats: z.array(z.string()),
      summaryTimeUnit: z.string().optional(),
      noColor: z.boolean().optional(),
    }),
    state: z.object({ isStdOutTTY: z.boolean(), isStdErrTTY: z.boolean(), testRunDurationMs: z.number() }),
  }),
  series: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      unit: z.string(),
      query: z.string(),
      stepSeconds: z.number(),
      series: z.array(
        z.object({
          labels: z.record(z.string(), z.string()),
          points: z.array(z.tuple([z.number(), z.number()])),
        }),
      ),
      error: z.string().optional(),
    }),
  ),
  chaos: z.array(
    z.object({
      action: z.string(),
      target: z.string(),
      start: isoTimestamp,
      end: isoTimestamp.optional(),
      detail: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
  exitCode: z.number().int(),
  traces: tracesResultsSchema.optional(),
  cost: costResultsSchema.optional(),
  waterfall: waterfallSchema.optional(),
  warmup: warmupSchema.optional(),
  knee: kneeSchema.optional(),
  history: historyVerdictSchema.optional(),
});
