// The lab's fault vocabulary: everything that can be broken, as plain data.
// The CLI, tests and chaos plans all describe faults this way and apply them
// with applyFault, which returns how to undo each one.
import { isToxicType, TOXIC_TYPES, toxicAttributes } from './toxics.ts';
import type { ToxicStream, ToxicType } from './toxiproxy-api.ts';

export type ReplicaAction = 'kill' | 'stop' | 'pause' | 'restart';
export type BackingService = 'postgres' | 'redis' | 'nats';
/** `both` adds the toxic on each direction. */
export type FaultStream = ToxicStream | 'both';

export type Fault =
  | {
      kind: 'toxic';
      link: string;
      toxic: ToxicType;
      stream?: FaultStream;
      toxicity?: number;
      attributes?: Record<string, number>;
      name?: string;
    }
  | { kind: 'link-down'; link: string }
  | { kind: 'replica'; action: ReplicaAction; replica: string }
  | { kind: 'service-restart'; service: BackingService };

export const REPLICA_ACTIONS: ReplicaAction[] = ['kill', 'stop', 'pause', 'restart'];
export const BACKING_SERVICES: BackingService[] = ['postgres', 'redis', 'nats'];

/** The part of a Lab that faults act through (Lab satisfies it; tests pass fakes). */
export interface FaultTarget {
  link(name: string): {
    addToxic(options: {
      type: ToxicType;
      stream?: ToxicStream;
      toxicity?: number;
      attributes?: Record<string, number>;
      name?: string;
    }): Promise<string>;
    removeToxic(name: string): Promise<void>;
    down(): Promise<void>;
    up(): Promise<void>;
  };
  replica(name: string): {
    kill(): Promise<void>;
    stop(): Promise<void>;
    pause(): Promise<void>;
    unpause(): Promise<void>;
    restart(): Promise<void>;
  };
  restartService(service: BackingService): Promise<void>;
}

export interface AppliedFault {
  fault: Fault;
  /** What was actually set (toxic names, filled-in attributes). */
  detail: Record<string, unknown>;
  /** Undoes the fault; a no-op for instantaneous ones (restarts). Safe to call twice. */
  revert(): Promise<void>;
  /** False for restarts: nothing stays broken, so there is nothing to revert. */
  lasting: boolean;
}

/** `latency on replica-2.bus (downstream, latency=200 jitter=50)`, `kill replica-1`… */
export function describeFault(fault: Fault): string {
  switch (fault.kind) {
    case 'toxic': {
      const attrs = Object.entries(fault.attributes ?? {}).map(([k, v]) => `${k}=${v}`);
      const toxicity = fault.toxicity !== undefined && fault.toxicity < 1 ? [`toxicity=${fault.toxicity}`] : [];
      return `${fault.toxic} on ${fault.link} (${[fault.stream ?? 'downstream', ...attrs, ...toxicity].join(', ')})`;
    }
    case 'link-down':
      return `link ${fault.link} down`;
    case 'replica':
      return `${fault.action} ${fault.replica}`;
    case 'service-restart':
      return `restart ${fault.service}`;
  }
}

/** Checks a fault's shape and fills toxic defaults; throws naming what is wrong and what is allowed. */
export function normalizeFault(fault: Fault): Fault {
  if (fault.kind === 'toxic') {
    if (!isToxicType(fault.toxic))
      throw new Error(`unknown toxic "${fault.toxic}"; expected one of ${TOXIC_TYPES.join(', ')}`);
    const toxicity = fault.toxicity ?? 1;
    if (!(toxicity >= 0 && toxicity <= 1))
      throw new Error(`invalid toxicity; expected a fraction from 0 to 1, got ${toxicity}`);
    const stream = fault.stream ?? 'downstream';
    if (!['upstream', 'downstream', 'both'].includes(stream))
      throw new Error(`invalid stream; expected upstream, downstream or both, got "${stream}"`);
    return { ...fault, stream, toxicity, attributes: toxicAttributes(fault.toxic, fault.attributes) };
  }
  if (fault.kind === 'replica' && !REPLICA_ACTIONS.includes(fault.action)) {
    throw new Error(`unknown replica action "${fault.action}"; expected one of ${REPLICA_ACTIONS.join(', ')}`);
  }
  if (fault.kind === 'service-restart' && !BACKING_SERVICES.includes(fault.service)) {
    throw new Error(`unknown service "${fault.service}"; expected one of ${BACKING_SERVICES.join(', ')}`);
  }
  return fault;
}

export async function applyFault(target: FaultTarget, input: Fault): Promise<AppliedFault> {
  const fault = normalizeFault(input);
  switch (fault.kind) {
    case 'toxic': {
      const link = target.link(fault.link);
      const streams: ToxicStream[] =
        fault.stream === 'both' ? ['upstream', 'downstream'] : [fault.stream as ToxicStream];
      const names: string[] = [];
      try {
        for (const stream of streams) {
          const name = fault.name ? `${fault.name}${streams.length > 1 ? `_${stream}` : ''}` : undefined;
          names.push(
            await link.addToxic({
              type: fault.toxic,
              stream,
              toxicity: fault.toxicity,
              attributes: fault.attributes,
              name,
            }),
          );
        }
      } catch (error) {
        await Promise.allSettled(names.map((name) => link.removeToxic(name)));
        throw error;
      }
      return lasting(
        fault,
        { toxics: names, attributes: fault.attributes, toxicity: fault.toxicity, stream: fault.stream },
        async () => {
          await Promise.all(names.map((name) => ignoreMissing(link.removeToxic(name))));
        },
      );
    }
    case 'link-down': {
      const link = target.link(fault.link);
      await link.down();
      return lasting(fault, {}, () => link.up());
    }
    case 'replica': {
      const replica = target.replica(fault.replica);
      await replica[fault.action]();
      if (fault.action === 'restart') return instant(fault);
      return lasting(fault, {}, () => (fault.action === 'pause' ? replica.unpause() : replica.restart()));
    }
    case 'service-restart':
      await target.restartService(fault.service);
      return instant(fault);
  }
}

function lasting(fault: Fault, detail: Record<string, unknown>, undo: () => Promise<void>): AppliedFault {
  let undone: Promise<void> | undefined;
  return { fault, detail, lasting: true, revert: () => (undone ??= undo()) };
}

function instant(fault: Fault): AppliedFault {
  return { fault, detail: {}, lasting: false, revert: async () => {} };
}

/** A toxic already gone (removed by hand, or by a Toxiproxy reset) counts as reverted. */
async function ignoreMissing(removal: Promise<void>): Promise<void> {
  try {
    await removal;
  } catch (error) {
    if (!/404|not found/i.test((error as Error).message)) throw error;
  }
}
