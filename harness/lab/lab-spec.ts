import { z } from 'zod';
import { DEFAULT_LISTEN, parseListenAddress } from './listen-address.ts';
import { planLinks } from './topology.ts';

/** The largest replica count measured to come up and serve on a 2-core, 24 GiB machine; see harness/lab/README.md. */
export const MAX_REPLICAS = 32;
/** Share of requests traced into Zipkin by default; Zipkin's CPU is lab cost, measured small at this ratio (see harness/lab/README.md). */
export const DEFAULT_TRACE_SAMPLE_RATIO = 0.05;

export const labSpecSchema = z
  .object({
    replicas: z.number().int().min(1).max(MAX_REPLICAS).default(2),
    bus: z.enum(['redis', 'nats']).default('redis'),
    balance: z.enum(['leastconn', 'roundrobin', 'source', 'random']).default('leastconn'),
    /** Per-replica limits, so saturation looks as it would in production. */
    replicaCpus: z.number().positive().max(64).optional(),
    replicaMemoryMb: z.number().int().min(64).optional(),
    /**
     * Caps the kernel's TCP buffers in replicas and Toxiproxy. Linux lets a
     * socket buffer megabytes, so a slow client takes minutes to push back on
     * the server; a small cap makes backpressure show within seconds.
     */
    socketBufferBytes: z
      .number()
      .int()
      .min(4096)
      .max(16 * 1024 * 1024)
      .optional(),
    /** Extra SWAGBOARD_* settings passed to every replica. */
    serverEnv: z
      .record(z.string(), z.string())
      .superRefine((env, ctx) => {
        for (const key of Object.keys(env)) {
          if (!/^SWAGBOARD_[A-Z0-9_]+$/.test(key))
            ctx.addIssue({ code: 'custom', path: [key], message: 'server settings are SWAGBOARD_* variables' });
        }
      })
      .default({}),
    scrapeIntervalSeconds: z.number().int().min(1).max(60).default(1),
    /** Links wired straight to their upstream instead of through Toxiproxy (names or globs, e.g. `client.edge`, `replica-*.bus`): no faults there, and no proxy cost. */
    directLinks: z.array(z.string().min(1)).default([]),
    /** 'detached' labs outlive the process that started them (`swaglab up`). */
    lifetime: z.enum(['ephemeral', 'detached']).default('ephemeral'),
    /** Zipkin in the lab, every replica exporting a sampled share of its traces to it. */
    traces: z.boolean().default(true),
    /** Share of root spans (WebSocket messages, requests) traced, with their whole trace across replicas. */
    traceSampleRatio: z.number().min(0).max(1).default(DEFAULT_TRACE_SAMPLE_RATIO),
    /** Host address every published port binds: this machine only unless a workshop opts in (`--listen 0.0.0.0`). */
    listen: z
      .string()
      .default(DEFAULT_LISTEN)
      .superRefine((value, ctx) => {
        try {
          parseListenAddress(value);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message.replace(/, got .*$/, '') });
        }
      }),
  })
  .strict();

export type LabSpecInput = z.input<typeof labSpecSchema>;
export type LabSpec = z.output<typeof labSpecSchema>;

/** Validates a lab spec, naming every bad field: `invalid lab spec; replicas: expected at most 12, got 40`. */
export function parseLabSpec(input: LabSpecInput): LabSpec {
  const parsed = labSpecSchema.safeParse(input);
  if (parsed.success) {
    try {
      planLinks(parsed.data.replicas, parsed.data.bus, parsed.data.directLinks);
    } catch (error) {
      throw new Error(`invalid lab spec; directLinks: ${(error as Error).message}`);
    }
    return parsed.data;
  }
  const reasons = parsed.error.issues.map((issue) => {
    const field = issue.path.join('.') || 'spec';
    const got = issue.path.reduce<unknown>(
      (value, key) => (value as Record<PropertyKey, unknown> | undefined)?.[key],
      input,
    );
    return `${field}: ${issue.message}${got === undefined ? '' : `, got ${JSON.stringify(got)}`}`;
  });
  throw new Error(`invalid lab spec; ${reasons.join('; ')}`);
}
