import fc from 'fast-check';
import { CLIENT_MESSAGE_TYPES } from '../gateway/protocol.ts';

/**
 * fast-check arbitraries for what a client may send: anything at all (bytes, strings, JSON), and frames shaped like
 * protocol messages whose fields are sometimes right, sometimes wrong, so the schemas are exercised past `type`.
 */

/** Text that may hold anything UTF-16 can: control characters, astral code points, lone surrogates. */
export const anyText = fc.string({ unit: 'binary', maxLength: 40 });

/** A field value a schema might accept, or nearly: the edges (empty, blank, long, negative, fractional, huge). */
export const fieldValue = (boards: readonly string[], taskIds: readonly string[]) =>
  fc.oneof(
    fc.constantFrom(...boards),
    fc.constantFrom(...taskIds),
    fc.constantFrom('', ' ', 'todo', 'done', 'x'.repeat(501), 'a\ud800b', '\u{1F600}', '1', 'NaN'),
    anyText,
    fc.integer({ min: -2, max: 3 }),
    // Past 32 bits (Postgres integer), at the edge of safe integers, and beyond them.
    fc.constantFrom(0, 1, 2.5, -0, 2 ** 31 - 1, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e21, Number.MAX_SAFE_INTEGER + 2),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.oneof(fc.constantFrom('ok', 'Bad Tag', 'a'.repeat(40)), anyText), { maxLength: 18 }),
    fc.array(
      fc.record(
        { board: fc.oneof(fc.constantFrom(...boards), anyText), since: fc.oneof(fc.nat(5), fc.constant(-1)) },
        { requiredKeys: ['board'] },
      ),
      { maxLength: 3 },
    ),
    fc.jsonValue({ maxDepth: 2 }),
  );

const FIELDS = [
  'ref',
  'v',
  'user',
  'token',
  'boards',
  'batch',
  'board',
  'title',
  'column',
  'clientTs',
  'tags',
  'assignee',
  'taskId',
  'notes',
  'position',
  'since',
] as const;

/** An object with a protocol (or nearly protocol) type and a random selection of the protocol's field names. */
export const messageLike = (boards: readonly string[], taskIds: readonly string[]) =>
  fc
    .tuple(
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom<string>(...CLIENT_MESSAGE_TYPES) },
        { weight: 1, arbitrary: fc.constantFrom('task.', 'Ping', '__proto__', 'constructor') },
      ),
      fc.dictionary(fc.constantFrom(...FIELDS), fieldValue(boards, taskIds), { maxKeys: 8 }),
    )
    .map(([type, fields]) => ({ ...fields, type }));

/** A valid message of each type, for `nearlyValid` to start from. */
const validMessage = (boards: readonly string[], taskIds: readonly string[]) =>
  fc.tuple(fc.constantFrom(...boards), fc.constantFrom(...taskIds), fc.nat(3)).chain(([board, taskId, n]) =>
    fc.constantFrom<Record<string, unknown>>(
      { type: 'hello', v: 1, user: 'fuzzer', boards: [{ board }], batch: n % 2 === 0 },
      {
        type: 'task.create',
        ref: `c${n}`,
        board,
        title: `task ${n}`,
        column: 'todo',
        tags: ['ok'],
        assignee: 'fuzzer',
        clientTs: n,
      },
      { type: 'task.update', ref: `u${n}`, board, taskId, title: `renamed ${n}`, notes: 'notes\n' },
      { type: 'task.move', ref: `m${n}`, board, taskId, column: 'done', position: n },
      { type: 'task.delete', ref: `d${n}`, board, taskId },
      { type: 'resync', ref: `r${n}`, board, since: n },
      { type: 'typing', board, taskId },
      { type: 'presence.get', ref: `g${n}`, board },
      { type: 'ping', ref: `p${n}` },
      { type: 'auth.refresh', ref: `a${n}`, token: 't' },
    ),
  );

/** A valid message with up to two fields replaced by a random value or removed: deep into each schema, both sides. */
export const nearlyValid = (boards: readonly string[], taskIds: readonly string[]) =>
  fc
    .tuple(
      validMessage(boards, taskIds),
      fc.array(fc.tuple(fc.constantFrom(...FIELDS), fc.option(fieldValue(boards, taskIds))), { maxLength: 2 }),
    )
    .map(([message, mutations]) => {
      const mutated = { ...message };
      for (const [field, value] of mutations) {
        if (value === null) delete mutated[field];
        else mutated[field] = value;
      }
      return mutated;
    });

/** One text frame: JSON of anything, of a message-like or nearly valid message, or arbitrary text (often not JSON). */
export const textFrame = (boards: readonly string[], taskIds: readonly string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: nearlyValid(boards, taskIds).map((message) => JSON.stringify(message)) },
    { weight: 4, arbitrary: messageLike(boards, taskIds).map((message) => JSON.stringify(message)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: anyText },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '{',
        'null',
        '[]',
        '{"type":null}',
        '{"type":"hello","v":1',
        '\u0000',
        '{"__proto__":{"type":"ping"}}',
      ),
    },
  );
