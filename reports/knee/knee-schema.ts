// Runtime validation of results.json `knee` (see knee.ts); tsc fails if the two drift apart.
import { z } from 'zod';
import { unitCostSchema } from '../cost/cost-results.ts';
import type { Knee } from './knee.ts';

export const kneeSchema: z.ZodType<Knee> = z.object({
  slo: z.object({ ackP99Ms: z.number(), crossP99Ms: z.number() }),
  stepSeconds: z.number(),
  steps: z.array(
    z.object({
      step: z.number().int(),
      offeredWritesPerS: z.number(),
      sentWrites: z.number(),
      ackedWritesPerS: z.number(),
      deliveriesPerS: z.number(),
      subscribers: z.number(),
      ackP99Ms: z.number().optional(),
      crossP99Ms: z.number().optional(),
      errors: z.number(),
      refused: z.number(),
      unacked: z.number(),
      missingDeliveries: z.number(),
      held: z.boolean(),
      breaches: z.array(z.string()),
      cost: z.object({ perDelivery: unitCostSchema, perWrite: unitCostSchema }).optional(),
    }),
  ),
  breaksToStop: z.number().int().min(1).optional(),
  blips: z
    .array(z.object({ step: z.number().int(), offeredWritesPerS: z.number(), reasons: z.array(z.string()) }))
    .optional(),
  held: z
    .object({
      step: z.number().int(),
      offeredWritesPerS: z.number(),
      ackedWritesPerS: z.number(),
      deliveriesPerS: z.number(),
      subscribers: z.number(),
    })
    .optional(),
  brokeAt: z
    .object({
      step: z.number().int(),
      offeredWritesPerS: z.number(),
      subscribers: z.number(),
      reasons: z.array(z.string()),
    })
    .optional(),
  cost: z
    .object({ scope: z.enum(['step', 'whole-run']), perDelivery: unitCostSchema, perWrite: unitCostSchema })
    .optional(),
});
