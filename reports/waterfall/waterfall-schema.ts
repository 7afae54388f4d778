// Runtime validation of results.json's `waterfall` (see waterfall.ts).
import { z } from 'zod';
import type { Waterfall } from './waterfall.ts';

const phase = z.enum(['steady', 'whole-run']);
const figures = z.object({ p50Ms: z.number(), p99Ms: z.number(), phase: phase.optional() });

export const waterfallSchema: z.ZodType<Waterfall> = z.object({
  paths: z.array(
    z.object({
      path: z.enum(['same', 'cross']),
      hops: z.array(z.object({ hop: z.string(), p50Ms: z.number(), p99Ms: z.number(), count: z.number() })),
      endToEnd: figures.optional(),
    }),
  ),
  ack: figures.optional(),
  windowSeconds: z.number().optional(),
  phase: phase.optional(),
});
