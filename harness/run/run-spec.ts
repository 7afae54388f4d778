import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { labSpecSchema } from '../lab/lab-spec.ts';
import { projectRoot } from '../paths.ts';

export const runSpecSchema = z
  .object({
    /** A scenario name (`cross-node-latency`) or a path to a k6 script. */
    scenario: z.string().min(1),
    lab: labSpecSchema.omit({ lifetime: true }).prefault({}),
    /** Run against an already running lab (`swaglab up`) instead of starting one. */
    attachTo: z.string().optional(),
    /** __ENV for the script. */
    env: z.record(z.string(), z.string()).default({}),
    /** Split the test across this many runner processes with k6's execution segments (as k6-operator's parallelism). */
    instances: z.number().int().min(1).max(16).default(1),
    /** A chaos plan name (chaos/plans/<name>.yaml) or path, played during the run. */
    plan: z.string().min(1).optional(),
    /** Print nothing of the runner's own (summary text goes to results only). */
    quiet: z.boolean().default(false),
    outDir: z.string().optional(),
    /** Idle lab measured before the scenario for cost accounting, seconds; 0 = none; default see harness/cost/baseline.ts. */
    baselineSeconds: z.number().min(0).max(3600).optional(),
  })
  .strict();

export type RunSpec = z.output<typeof runSpecSchema>;
export type RunSpecInput = z.input<typeof runSpecSchema>;

export const scenariosDir = join(projectRoot, 'scenarios');

/** Finds a scenario by name in scenarios/ or as a path; the error lists the names there are. */
export function resolveScenario(scenario: string, available: string[]): string {
  const candidates =
    isAbsolute(scenario) || scenario.includes('/')
      ? [resolve(scenario)]
      : [join(scenariosDir, `${scenario}.ts`), join(scenariosDir, `${scenario}.js`)];
  const found = candidates.find((path) => existsSync(path));
  if (found) return found;
  throw new Error(`unknown scenario "${scenario}"; expected a path to a k6 script or one of: ${available.join(', ')}`);
}
