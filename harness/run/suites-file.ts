// scenarios/suites.yaml: per-scenario defaults (lab shape, plan, env) and
// suites. Parsed once, with errors that name the field.
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { scenariosDir } from './run-spec.ts';

const envSchema = z.record(z.string(), z.string());
const defaultsSchema = z
  .object({
    replicas: z.number().int().min(1).max(12).optional(),
    bus: z.enum(['redis', 'nats']).optional(),
    /** A plan name in chaos/plans, or a plan file relative to scenarios/. */
    plan: z.string().min(1).optional(),
    env: envSchema.default({}),
    /** SWAGBOARD_* settings for the replicas. */
    serverEnv: envSchema.optional(),
    /** Caps TCP buffers in the lab (see LabSpec.socketBufferBytes). */
    socketBufferBytes: z.number().int().min(4096).optional(),
  })
  .strict();
const runEntrySchema = defaultsSchema.extend({ scenario: z.string().min(1) }).strict();

export const suitesFileSchema = z
  .object({
    scenarios: z.record(z.string(), defaultsSchema).default({}),
    suites: z
      .record(
        z.string(),
        z.object({ description: z.string().default(''), runs: z.array(runEntrySchema).min(1) }).strict(),
      )
      .default({}),
  })
  .strict();

export type SuitesFile = z.output<typeof suitesFileSchema>;
export type ScenarioDefaults = z.output<typeof defaultsSchema>;
export type SuiteRun = z.output<typeof runEntrySchema>;

export const suitesPath = join(scenariosDir, 'suites.yaml');

export function parseSuitesFile(text: string, source = 'scenarios/suites.yaml'): SuitesFile {
  const parsed = suitesFileSchema.safeParse(parse(text));
  if (parsed.success) return parsed.data;
  const reasons = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new Error(`invalid ${source}; ${reasons.join('; ')}`);
}

export function loadSuitesFile(path = suitesPath): SuitesFile {
  return parseSuitesFile(readFileSync(path, 'utf8'), path);
}

/** A suite entry with its scenario's defaults underneath (entry wins; env merged). */
export function withDefaults(file: SuitesFile, run: SuiteRun): SuiteRun {
  const defaults = file.scenarios[run.scenario] ?? { env: {} };
  const merged: SuiteRun = { ...defaults, ...run, env: { ...defaults.env, ...run.env } };
  if (defaults.serverEnv || run.serverEnv) merged.serverEnv = { ...defaults.serverEnv, ...run.serverEnv };
  return merged;
}

/** Plan files named in suites.yaml are relative to scenarios/; plan names go to chaos/plans. */
export function planReference(plan: string | undefined): string | undefined {
  if (plan === undefined || plan === 'none') return undefined;
  return /\.(ya?ml|json)$/.test(plan) && !isAbsolute(plan) ? join(scenariosDir, plan) : plan;
}
