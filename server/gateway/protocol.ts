import { z } from 'zod';
import { BOARD_ID_PATTERN } from '../board/task.ts';
import type { BoardEvent } from '../board/board-event.ts';
import { assignee, column, notes, position, tags, title, wellFormedText } from '../board/task-schema.ts';
import { SwagError, type ErrorCode } from '../errors.ts';

export const PROTOCOL_VERSION = 1;

const boardId = z
  .string()
  .regex(BOARD_ID_PATTERN, { message: 'expected a board slug matching ^[a-z0-9][a-z0-9-]{0,63}$' });
const ref = z.string().min(1).max(128);
const taskId = z.uuid({ message: 'expected a task id (UUID)' });
const clientTs = z.number().finite().nonnegative().optional();

const command = { ref, board: boardId, clientTs };
const seq = z.number().int().nonnegative();
const token = z.string().min(1).max(4096);

export const clientMessageSchemas = {
  hello: z.object({
    type: z.literal('hello'),
    ref: ref.optional(),
    v: z.number().int(),
    /** Display name; required with SWAGBOARD_AUTH=open, ignored when a token names the user. */
    user: wellFormedText().min(1).max(128).optional(),
    /** Required with SWAGBOARD_AUTH=required; ignored with "open". */
    token: token.optional(),
    /** `since`: the last seq the client applied; events after it are replayed before live ones. */
    boards: z.array(z.object({ board: boardId, since: seq.optional() })).max(64),
    /** Batched delivery (a v1 extension): the server may send several events of a board in one `events` frame. */
    batch: z.boolean().optional(),
  }),
  'task.create': z.object({
    type: z.literal('task.create'),
    ...command,
    title,
    column,
    tags: tags.optional(),
    assignee: assignee.optional(),
  }),
  'task.update': z
    .object({
      type: z.literal('task.update'),
      ...command,
      taskId,
      title: title.optional(),
      notes: notes.optional(),
      tags: tags.optional(),
      assignee: assignee.optional(),
    })
    .refine(
      (message) =>
        message.title !== undefined ||
        message.notes !== undefined ||
        message.tags !== undefined ||
        message.assignee !== undefined,
      {
        message: 'expected at least one of "title", "notes", "tags", "assignee"',
        path: ['title'],
      },
    ),
  'task.move': z.object({ type: z.literal('task.move'), ...command, taskId, column, position: position.optional() }),
  'task.delete': z.object({ type: z.literal('task.delete'), ...command, taskId }),
  ping: z.object({ type: z.literal('ping'), ref: ref.optional() }),
  'auth.refresh': z.object({ type: z.literal('auth.refresh'), ref: ref.optional(), token }),
  resync: z.object({ type: z.literal('resync'), ref: ref.optional(), board: boardId, since: seq }),
  typing: z.object({
    type: z.literal('typing'),
    ref: ref.optional(),
    board: boardId,
    taskId: taskId.nullable().optional(),
  }),
  'presence.get': z.object({ type: z.literal('presence.get'), ref: ref.optional(), board: boardId }),
} as const;

export type ClientMessageType = keyof typeof clientMessageSchemas;
export type ClientMessage = { [K in ClientMessageType]: z.infer<(typeof clientMessageSchemas)[K]> }[ClientMessageType];
export type CommandMessage = Extract<
  ClientMessage,
  { type: 'task.create' | 'task.update' | 'task.move' | 'task.delete' }
>;
export type HelloMessage = z.infer<typeof clientMessageSchemas.hello>;

export const CLIENT_MESSAGE_TYPES = Object.keys(clientMessageSchemas) as ClientMessageType[];

export interface PresenceMember {
  userId: string;
  name: string;
}

export type ServerMessage =
  | {
      type: 'welcome';
      v: number;
      replica: string;
      connectionId: string;
      boards: { board: string; seq: number }[];
      user?: { id: string; username: string };
      expiresAt?: number;
    }
  | { type: 'reset'; board: string; seq: number }
  | { type: 'presence'; board: string; members: PresenceMember[] }
  | { type: 'presence.delta'; board: string; joined: PresenceMember[]; left: PresenceMember[] }
  | { type: 'typing'; board: string; taskId: string | null; userId: string; name: string; expiresAt: number }
  | { type: 'auth.refreshed'; ref?: string; expiresAt?: number }
  | { type: 'ack'; ref: string; seq: number; taskId: string }
  | ({ type: 'event' } & BoardEvent)
  /** Only to connections whose hello asked for `batch`: consecutive events of one board, ascending seq. */
  | { type: 'events'; board: string; events: BoardEvent[] }
  | { type: 'error'; ref?: string; code: ErrorCode; message: string }
  | { type: 'pong'; ref?: string; at: number };

export type ServerMessageType = ServerMessage['type'];

export type ParseResult = { ok: true; message: ClientMessage } | { ok: false; error: SwagError; ref?: string };

const isClientMessageType = (value: unknown): value is ClientMessageType =>
  typeof value === 'string' && Object.hasOwn(clientMessageSchemas, value);

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join('');
  return `field "${field || '(message)'}": ${issue.message}`;
}

/** Turns one text frame into a validated client message, or the error to report (with the frame's ref when it had one). */
export function parseClientFrame(text: string): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: new SwagError('E_BAD_JSON') };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, error: new SwagError('E_BAD_FRAME', 'field "(message)": expected a JSON object') };
  }
  const record = raw as Record<string, unknown>;
  const frameRef = typeof record.ref === 'string' ? record.ref : undefined;
  const fail = (code: ErrorCode, detail: string): ParseResult => ({
    ok: false,
    error: new SwagError(code, detail),
    ref: frameRef,
  });
  if (record.type === undefined) return fail('E_BAD_FRAME', 'field "type": required');
  // The version comes first: a hello of another version (or none) may have other fields, so it gets no field errors.
  if (record.type === 'hello' && record.v !== PROTOCOL_VERSION) {
    return fail(
      'E_UNSUPPORTED_VERSION',
      `unsupported protocol version ${record.v === undefined ? '(none)' : JSON.stringify(record.v)}; this server speaks v${PROTOCOL_VERSION} ("v": ${PROTOCOL_VERSION}, a number)`,
    );
  }
  if (!isClientMessageType(record.type)) {
    return fail(
      'E_UNKNOWN_TYPE',
      `unknown message type ${JSON.stringify(record.type)}; expected one of ${CLIENT_MESSAGE_TYPES.join(', ')}`,
    );
  }
  const result = clientMessageSchemas[record.type].safeParse(record);
  if (!result.success) return fail('E_BAD_FRAME', result.error.issues.map(describeIssue).join('; '));
  return { ok: true, message: result.data as ClientMessage };
}

/** The string `ref` of a frame that is otherwise not handled (refused, too large), when it is a JSON object with one. */
export function frameRef(text: string): string | undefined {
  try {
    const raw = JSON.parse(text) as unknown;
    const ref = typeof raw === 'object' && raw !== null ? (raw as { ref?: unknown }).ref : undefined;
    return typeof ref === 'string' ? ref : undefined;
  } catch {
    return undefined;
  }
}

/** A bounded label value for a message type: anything outside the protocol counts as "unknown". */
export function typeLabel(type: unknown): ClientMessageType | 'unknown' {
  return isClientMessageType(type) ? type : 'unknown';
}
