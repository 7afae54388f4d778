// Runtime validation of the checker's input (client histories arrive as
// console lines from k6 VUs) and of results.json `history`; tsc fails if these
// and history.ts drift apart.
import { z } from 'zod';
import type { ChangeRecord, ClientHistory, HistoryVerdict, OpRecord, Violation } from './history.ts';

const changeName = z.enum(['task.created', 'task.updated', 'task.moved', 'task.deleted']);
const opKind = z.enum(['create', 'update', 'move', 'delete']);

export const changeRecordSchema: z.ZodType<ChangeRecord> = z.object({
  seq: z.number().int(),
  name: changeName,
  taskId: z.string(),
  column: z.string().optional(),
  position: z.number().int().optional(),
  title: z.string().optional(),
  actor: z.string().optional(),
  clientTs: z.number().optional(),
  origin: z.string().optional(),
});

const opRecordSchema: z.ZodType<OpRecord> = z.object({
  ref: z.string(),
  kind: opKind,
  clientTs: z.number(),
  taskId: z.string().optional(),
  column: z.string().optional(),
  position: z.number().int().optional(),
  title: z.string().optional(),
  outcome: z.union([
    z.object({ ack: z.number().int(), taskId: z.string() }),
    z.object({ error: z.string() }),
    z.literal('unanswered'),
  ]),
});

export const clientHistorySchema: z.ZodType<ClientHistory> = z.object({
  client: z.string().min(1),
  board: z.string().min(1),
  replicas: z.array(z.string()),
  ops: z.array(opRecordSchema),
  events: z.array(changeRecordSchema),
  resets: z.number().int().nonnegative(),
});

const violationSchema: z.ZodType<Violation> = z.object({
  kind: z.enum([
    'log-gap',
    'log-duplicate',
    'snapshot-seq',
    'ack-not-in-log',
    'ack-wrong-seq',
    'ack-mismatch',
    'applied-twice',
    'refused-but-applied',
    'unsent-change',
    'replay-anomaly',
    'snapshot-mismatch',
    'snapshot-positions',
    'client-gap',
    'client-duplicate',
    'client-diverged',
    'client-behind',
    'client-state',
    'client-reset',
    'client-missing',
  ]),
  message: z.string(),
  seq: z.number().int().optional(),
  client: z.string().optional(),
  server: z.unknown().optional(),
  clientSide: z.unknown().optional(),
});

export const historyVerdictSchema: z.ZodType<HistoryVerdict> = z.object({
  passed: z.boolean(),
  board: z.string(),
  clients: z.number().int(),
  replicas: z.array(z.string()),
  ops: z.object({
    sent: z.number().int(),
    acked: z.number().int(),
    refused: z.number().int(),
    unanswered: z.number().int(),
    byKind: z.object({
      create: z.number().int(),
      update: z.number().int(),
      move: z.number().int(),
      delete: z.number().int(),
    }),
    errors: z.record(z.string(), z.number().int()),
  }),
  logEvents: z.number().int(),
  finalSeq: z.number().int(),
  tasksAtEnd: z.number().int(),
  reconnects: z.number().int(),
  violationCount: z.number().int(),
  violations: z.array(violationSchema),
  counterexample: violationSchema.optional(),
  /** Why the history could not be checked at all (no client histories, server unreadable). */
  error: z.string().optional(),
});
