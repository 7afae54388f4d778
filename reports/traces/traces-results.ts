// results.json's `traces`: the slowest cross-node deliveries of a run, as traced into the lab's Zipkin.
import { z } from 'zod';

export interface SlowDelivery {
  traceId: string;
  /** From the writer's message received to the last delivery on another replica. */
  durationMs: number;
  /** Every replica the trace touched, origin first. */
  replicas: string[];
}

export interface TracesResults {
  /** The lab's Zipkin; its trace links work only while that lab runs. */
  zipkinUrl?: string;
  slowest: SlowDelivery[];
}

export const tracesResultsSchema: z.ZodType<TracesResults> = z.object({
  zipkinUrl: z.string().optional(),
  slowest: z.array(
    z.object({
      traceId: z.string().regex(/^[0-9a-f]{16,32}$/),
      durationMs: z.number().nonnegative(),
      replicas: z.array(z.string()),
    }),
  ),
});
