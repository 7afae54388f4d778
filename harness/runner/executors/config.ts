import { parseDuration } from '../../../reports/units/duration.ts';
import { ExitCode, RunError } from '../exit-codes.ts';
import { shareOf, type ExecutionSegment } from './execution-segment.ts';

export const EXECUTORS = [
  'constant-vus',
  'per-vu-iterations',
  'shared-iterations',
  'ramping-vus',
  'constant-arrival-rate',
  'ramping-arrival-rate',
] as const;
export type ExecutorName = (typeof EXECUTORS)[number];

export interface Stage {
  durationMs: number;
  target: number;
}

export interface ScenarioConfig {
  name: string;
  executor: ExecutorName;
  startTimeMs: number;
  gracefulStopMs: number;
  exec: string;
  env: Record<string, string>;
  tags: Record<string, string>;
  vus: number;
  iterations: number;
  durationMs: number;
  maxDurationMs: number;
  startVUs: number;
  stages: Stage[];
  gracefulRampDownMs: number;
  /** Arrival-rate executors: iterations per timeUnit. */
  rate: number;
  startRate: number;
  timeUnitMs: number;
  preAllocatedVUs: number;
  maxVUs: number;
  /** This instance's execution segment; counts above are the whole test's, executors take their share. */
  segment?: ExecutionSegment;
}

/** CLI-style overrides; like k6's flags they win over the script's options. */
export interface Overrides {
  vus?: number | undefined;
  duration?: string | undefined;
  iterations?: number | undefined;
}

function configError(message: string): RunError {
  return new RunError(message, ExitCode.invalidConfig);
}

/**
 * Turns `options` (scenarios, or the vus/duration/iterations/stages shortcuts)
 * into validated scenario configs. As with k6, a duration or iterations
 * override replaces the script's scenarios with the shortcut scenario.
 */
export function resolveScenarios(options: Record<string, unknown>, overrides: Overrides = {}): ScenarioConfig[] {
  const useShortcut = overrides.duration !== undefined || overrides.iterations !== undefined || !options.scenarios;
  if (!useShortcut) {
    if (typeof options.scenarios !== 'object' || options.scenarios === null)
      throw configError('invalid options.scenarios; expected an object of name → scenario');
    const entries = Object.entries(options.scenarios as Record<string, unknown>);
    if (!entries.length) throw configError('options.scenarios is empty');
    // Like k6, --vus alone does not reach into defined scenarios: each keeps its own VUs.
    return entries.map(([name, raw]) => normalize(name, raw));
  }
  return [normalize('default', shortcut(options, overrides))];
}

function shortcut(options: Record<string, unknown>, o: Overrides): Record<string, unknown> {
  const vus = o.vus ?? options.vus;
  const duration = o.duration ?? (o.iterations === undefined ? options.duration : undefined);
  const iterations = o.iterations ?? (o.duration === undefined ? options.iterations : undefined);
  if (options.stages && o.duration === undefined && o.iterations === undefined) {
    return { executor: 'ramping-vus', startVUs: vus ?? 1, stages: options.stages, gracefulStop: options.gracefulStop };
  }
  if (iterations !== undefined) {
    return {
      executor: 'shared-iterations',
      vus: vus ?? 1,
      iterations,
      ...(duration !== undefined ? { maxDuration: duration } : {}),
    };
  }
  if (duration !== undefined) return { executor: 'constant-vus', vus: vus ?? 1, duration };
  return { executor: 'shared-iterations', vus: vus ?? 1, iterations: 1 };
}

function normalize(name: string, raw: unknown): ScenarioConfig {
  if (!raw || typeof raw !== 'object') throw configError(`scenario "${name}": expected an object`);
  const r = raw as Record<string, unknown>;
  const executor = r.executor as ExecutorName;
  if (r.executor === 'externally-controlled') {
    throw configError(
      `scenario "${name}": the externally-controlled executor is not supported by the swaglab runner (it needs k6's REST API to scale VUs); use ramping-vus or run the script on k6`,
    );
  }
  if (!EXECUTORS.includes(executor)) {
    throw configError(
      `scenario "${name}": unsupported executor ${JSON.stringify(r.executor)}; supported: ${EXECUTORS.join(', ')}`,
    );
  }
  const dur = (key: string, fallback?: string): number => {
    const v = r[key] ?? fallback;
    if (v === undefined) throw configError(`scenario "${name}" (${executor}): "${key}" is required`);
    try {
      return parseDuration(v, { bareUnit: 'ms', what: `${key} in scenario "${name}"` });
    } catch (e) {
      throw configError((e as Error).message);
    }
  };
  const int = (key: string, fallback: number, min = 0): number => {
    const v = r[key] ?? fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
      throw configError(`scenario "${name}": "${key}" must be an integer >= ${min}, got ${JSON.stringify(v)}`);
    return v;
  };
  const stages = (): Stage[] => {
    if (!Array.isArray(r.stages) || !r.stages.length)
      throw configError(`scenario "${name}" (${executor}): "stages" must be a non-empty array`);
    return r.stages.map((s: unknown, i: number) => {
      const st = s as { duration?: unknown; target?: unknown };
      if (typeof st?.target !== 'number' || st.target < 0)
        throw configError(`scenario "${name}": stage ${i} needs a numeric "target" >= 0`);
      return { durationMs: parseStageDuration(st.duration, name, i), target: st.target };
    });
  };

  const cfg: ScenarioConfig = {
    name,
    executor,
    startTimeMs: dur('startTime', '0s'),
    gracefulStopMs: dur('gracefulStop', '30s'),
    exec: typeof r.exec === 'string' ? r.exec : 'default',
    env: stringRecord(r.env),
    tags: stringRecord(r.tags),
    vus: 0,
    iterations: 0,
    durationMs: 0,
    maxDurationMs: 0,
    startVUs: 0,
    stages: [],
    gracefulRampDownMs: 0,
    rate: 0,
    startRate: 0,
    timeUnitMs: 1000,
    preAllocatedVUs: 0,
    maxVUs: 0,
  };
  switch (executor) {
    case 'constant-vus':
      cfg.vus = int('vus', 1, 1);
      cfg.durationMs = dur('duration');
      break;
    case 'per-vu-iterations':
    case 'shared-iterations':
      cfg.vus = int('vus', 1, 1);
      cfg.iterations = int('iterations', 1, 1);
      cfg.maxDurationMs = dur('maxDuration', '10m');
      if (executor === 'shared-iterations' && cfg.iterations < cfg.vus) {
        throw configError(
          `scenario "${name}" (shared-iterations): the number of iterations (${cfg.iterations}) can't be less than the number of VUs (${cfg.vus})`,
        );
      }
      break;
    case 'ramping-vus':
      cfg.startVUs = int('startVUs', 1, 0);
      cfg.stages = stages();
      cfg.gracefulRampDownMs = dur('gracefulRampDown', '30s');
      break;
    case 'constant-arrival-rate':
      cfg.rate = int('rate', 0, 1);
      cfg.startRate = cfg.rate;
      cfg.timeUnitMs = dur('timeUnit', '1s');
      cfg.durationMs = dur('duration');
      cfg.stages = [{ durationMs: cfg.durationMs, target: cfg.rate }];
      cfg.preAllocatedVUs = int('preAllocatedVUs', 0, 1);
      cfg.maxVUs = Math.max(cfg.preAllocatedVUs, int('maxVUs', cfg.preAllocatedVUs, 1));
      break;
    case 'ramping-arrival-rate':
      cfg.startRate = int('startRate', 0, 0);
      cfg.timeUnitMs = dur('timeUnit', '1s');
      cfg.stages = stages();
      cfg.preAllocatedVUs = int('preAllocatedVUs', 0, 1);
      cfg.maxVUs = Math.max(cfg.preAllocatedVUs, int('maxVUs', cfg.preAllocatedVUs, 1));
      break;
  }
  return cfg;
}

function parseStageDuration(v: unknown, name: string, i: number): number {
  try {
    return parseDuration(v, { bareUnit: 'ms', what: `duration of stage ${i} in scenario "${name}"` });
  } catch (e) {
    throw configError((e as Error).message);
  }
}

function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out[k] = String(x);
  return out;
}

/** VUs a scenario needs at its peak (arrival-rate: the pre-allocated ones). */
export function peakVus(cfg: ScenarioConfig): number {
  return shareOf(cfg.segment, peakVusOfTest(cfg));
}

function peakVusOfTest(cfg: ScenarioConfig): number {
  switch (cfg.executor) {
    case 'ramping-vus':
      return Math.max(cfg.startVUs, ...cfg.stages.map((s) => s.target));
    case 'constant-arrival-rate':
    case 'ramping-arrival-rate':
      return cfg.preAllocatedVUs;
    default:
      return cfg.vus;
  }
}

/** Scheduled length of a scenario without graceful stop (k6's "maxDuration"). */
export function scheduledDurationMs(cfg: ScenarioConfig): number {
  switch (cfg.executor) {
    case 'per-vu-iterations':
    case 'shared-iterations':
      return cfg.maxDurationMs;
    case 'ramping-vus':
    case 'ramping-arrival-rate':
      return cfg.stages.reduce((a, s) => a + s.durationMs, 0);
    default:
      return cfg.durationMs;
  }
}
