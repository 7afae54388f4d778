// The shape of a chaos plan file, validated with zod. Each step is one fault
// from the lab's vocabulary, placed on the plan's timeline.
import { z } from 'zod';
import { BACKING_SERVICES, REPLICA_ACTIONS, TOXIC_TYPES, type Fault } from '../harness/lab/index.ts';
import { toxicAttributes } from '../harness/lab/toxics.ts';
import { parsePlanDuration } from './plan-duration.ts';

export const PLAN_ACTIONS = [...TOXIC_TYPES, 'down', ...REPLICA_ACTIONS] as const;
const LINK = /^(client\.(edge|slow)|replica-\d+\.(http|bus|postgres))$/;
const REPLICA = /^replica-\d+$/;

const DURATION_EXPECTED = 'expected a duration like "10s", "500ms" or "1m30s"';
const got = (input: unknown) => (input === undefined ? 'missing' : `got ${JSON.stringify(input)}`);

const duration = z
  .union([z.string(), z.number()], { error: (issue) => `${DURATION_EXPECTED}, ${got(issue.input)}` })
  .transform((value, ctx) => {
    const ms = parsePlanDuration(value);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `${DURATION_EXPECTED}, ${got(value)}` });
      return z.NEVER;
    }
    return ms;
  });

const STREAMS = {
  up: 'upstream',
  down: 'downstream',
  upstream: 'upstream',
  downstream: 'downstream',
  both: 'both',
} as const;

export const stepSchema = z
  .object({
    at: duration,
    do: z.enum(PLAN_ACTIONS, { error: (issue) => `expected one of ${PLAN_ACTIONS.join(', ')}, ${got(issue.input)}` }),
    on: z.string({
      error: (issue) =>
        `expected a link (client.edge, replica-N.http|bus|postgres), a replica (replica-N) or a service (postgres, redis, nats), ${got(issue.input)}`,
    }),
    for: duration.optional(),
    with: z.record(z.string(), z.number({ error: (issue) => `expected a number, ${got(issue.input)}` })).optional(),
    stream: z
      .enum(Object.keys(STREAMS) as [keyof typeof STREAMS], {
        error: (issue) => `expected up, down or both, ${got(issue.input)}`,
      })
      .optional(),
    toxicity: z
      .number({ error: (issue) => `expected a fraction from 0 to 1, ${got(issue.input)}` })
      .min(0, 'expected a fraction from 0 to 1')
      .max(1, 'expected a fraction from 0 to 1')
      .optional(),
  })
  .strict()
  .superRefine((step, ctx) => {
    const isToxic = (TOXIC_TYPES as string[]).includes(step.do);
    const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (isToxic || step.do === 'down') {
      if (!LINK.test(step.on))
        problem(
          'on',
          `"${step.do}" acts on a link (client.edge, client.slow or replica-N.http|bus|postgres), got ${JSON.stringify(step.on)}`,
        );
    } else if (step.do === 'restart') {
      if (!REPLICA.test(step.on) && !(BACKING_SERVICES as string[]).includes(step.on)) {
        problem(
          'on',
          `"restart" acts on a replica (replica-N) or a service (${BACKING_SERVICES.join(', ')}), got ${JSON.stringify(step.on)}`,
        );
      }
      if (step.for !== undefined)
        problem('for', 'a restart is instantaneous; drop "for" (use "kill" or "stop" with "for" for an outage)');
    } else if (!REPLICA.test(step.on)) {
      problem('on', `"${step.do}" acts on a replica (replica-N), got ${JSON.stringify(step.on)}`);
    }
    if (!isToxic) {
      for (const key of ['with', 'stream', 'toxicity'] as const)
        if (step[key] !== undefined) problem(key, `only toxics take "${key}"; "${step.do}" does not`);
    } else {
      try {
        toxicAttributes(step.do as (typeof TOXIC_TYPES)[number], step.with);
      } catch (error) {
        problem('with', (error as Error).message);
      }
    }
  });

export const planSchema = z
  .object({
    name: z.string().min(1).optional(),
    description: z.string().optional(),
    steps: z
      .array(stepSchema, { error: (issue) => `expected a list of steps (- at: 5s, do: …, on: …), ${got(issue.input)}` })
      .min(1, 'expected at least one step'),
  })
  .strict();

export type PlanStepInput = z.output<typeof stepSchema>;

export interface PlanStep {
  /** Milliseconds from the start of the plan. */
  atMs: number;
  /** How long the fault lasts before it is reverted; absent: until the plan ends. */
  forMs?: number;
  action: (typeof PLAN_ACTIONS)[number];
  target: string;
  fault: Fault;
  /** Line of the step in its plan file, for messages. */
  line?: number;
}

export interface ChaosPlan {
  name: string;
  description?: string;
  /** Where the plan was read from. */
  source: string;
  steps: PlanStep[];
}

export function toFault(step: PlanStepInput): Fault {
  switch (step.do) {
    case 'down':
      return { kind: 'link-down', link: step.on };
    case 'kill':
    case 'stop':
    case 'pause':
      return { kind: 'replica', action: step.do, replica: step.on };
    case 'restart':
      return REPLICA.test(step.on)
        ? { kind: 'replica', action: 'restart', replica: step.on }
        : { kind: 'service-restart', service: step.on as 'postgres' };
    default:
      return {
        kind: 'toxic',
        link: step.on,
        toxic: step.do,
        stream: step.stream ? STREAMS[step.stream] : undefined,
        toxicity: step.toxicity,
        attributes: step.with,
      };
  }
}

/** The time the last fault of the plan ends. */
export function planLengthMs(plan: ChaosPlan): number {
  return Math.max(0, ...plan.steps.map((s) => s.atMs + (s.forMs ?? 0)));
}
