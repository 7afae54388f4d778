// Runtime validation of results.json's `warmup` (see warmup.ts).
import { z } from 'zod';
import type { WarmupSummary } from './warmup.ts';

export const warmupSchema: z.ZodType<WarmupSummary> = z.object({
  seconds: z.number().nonnegative(),
  start: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO timestamp'),
  steady: z.record(z.string(), z.record(z.string(), z.number())),
});
