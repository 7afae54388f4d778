import { describe, expect, it } from 'vitest';
import { frameRef, parseClientFrame, typeLabel } from './protocol.ts';

const TASK = '6f1c1a55-8f44-4e55-9b8e-1d2f3a4b5c6d';

function failure(frame: unknown) {
  const result = parseClientFrame(typeof frame === 'string' ? frame : JSON.stringify(frame));
  if (result.ok) throw new Error(`expected a failure for ${JSON.stringify(frame)}`);
  return { code: result.error.code, message: result.error.message, ref: result.ref };
}

describe('parseClientFrame', () => {
  it("takes hello's batch flag as a boolean, and absent as no batching", () => {
    const asked = parseClientFrame(JSON.stringify({ type: 'hello', v: 1, user: 'a', boards: [], batch: true }));
    expect(asked.ok && asked.message.type === 'hello' && asked.message.batch).toBe(true);
    const plain = parseClientFrame(JSON.stringify({ type: 'hello', v: 1, user: 'a', boards: [] }));
    expect(plain.ok && plain.message.type === 'hello' && plain.message.batch).toBe(undefined);
    expect(failure({ type: 'hello', v: 1, user: 'a', boards: [], batch: 'yes' })).toMatchObject({
      code: 'E_BAD_FRAME',
    });
    expect(failure({ type: 'hello', v: 1, user: 'a', boards: [], batch: 'yes' }).message).toContain('field "batch"');
  });

  it('accepts every message of protocol v1', () => {
    const frames = [
      { type: 'hello', v: 1, user: 'alice', boards: [{ board: 'demo' }] },
      { type: 'hello', v: 1, user: 'alice', token: 't', boards: [] },
      { type: 'hello', v: 1, user: 'alice', boards: [{ board: 'demo', since: 3 }], batch: true },
      { type: 'task.create', ref: 'c1', board: 'demo', title: 'Buy milk', column: 'todo', clientTs: 1732630000123 },
      { type: 'task.update', ref: 'c2', board: 'demo', taskId: TASK, title: 'Buy oat milk' },
      { type: 'task.update', ref: 'c2', board: 'demo', taskId: TASK, notes: '  <b>as typed</b>\n' },
      { type: 'task.update', ref: 'c2', board: 'demo', taskId: TASK, title: 'Buy oat milk', notes: '' },
      { type: 'presence.get', board: 'demo' },
      { type: 'task.move', ref: 'c3', board: 'demo', taskId: TASK, column: 'done' },
      { type: 'task.delete', ref: 'c4', board: 'demo', taskId: TASK },
      { type: 'ping' },
      { type: 'ping', ref: 'p1' },
    ];
    for (const frame of frames) {
      const result = parseClientFrame(JSON.stringify(frame));
      expect(result, JSON.stringify(frame)).toMatchObject({ ok: true, message: frame });
    }
  });

  it('rejects malformed JSON with E_BAD_JSON', () => {
    expect(failure('{not json')).toMatchObject({ code: 'E_BAD_JSON', ref: undefined });
  });

  it('rejects JSON that is not an object with E_BAD_FRAME', () => {
    expect(failure('[1,2]').code).toBe('E_BAD_FRAME');
    expect(failure('42').code).toBe('E_BAD_FRAME');
  });

  it('rejects a missing type with E_BAD_FRAME naming the field', () => {
    expect(failure({ ref: 'r' })).toEqual({ code: 'E_BAD_FRAME', message: 'field "type": required', ref: 'r' });
  });

  it('rejects an unknown type with E_UNKNOWN_TYPE and keeps the ref', () => {
    expect(failure({ type: 'task.explode', ref: 'c9' })).toMatchObject({ code: 'E_UNKNOWN_TYPE', ref: 'c9' });
    expect(failure({ type: 'toString' }).code).toBe('E_UNKNOWN_TYPE');
  });

  it('names a missing field', () => {
    const { code, message, ref } = failure({ type: 'task.create', ref: 'c1', board: 'demo', column: 'todo' });
    expect(code).toBe('E_BAD_FRAME');
    expect(ref).toBe('c1');
    expect(message).toContain('field "title"');
  });

  it('wants a field to change in task.update, and bounds notes', () => {
    expect(failure({ type: 'task.update', ref: 'u', board: 'demo', taskId: TASK })).toMatchObject({
      code: 'E_BAD_FRAME',
      ref: 'u',
      message: expect.stringContaining('at least one of "title", "notes", "tags", "assignee"'),
    });
    expect(
      failure({ type: 'task.update', ref: 'u', board: 'demo', taskId: TASK, notes: 'n'.repeat(4001) }).message,
    ).toContain('field "notes"');
  });

  it('takes tags as deduplicated slugs, at most 16, naming the bad one', () => {
    const parsed = parseClientFrame(
      JSON.stringify({
        type: 'task.create',
        ref: 't',
        board: 'demo',
        title: 'x',
        column: 'todo',
        tags: ['ui', 'bug', 'ui'],
      }),
    );
    expect(parsed).toMatchObject({ ok: true, message: { tags: ['ui', 'bug'] } });
    expect(
      failure({ type: 'task.create', ref: 't', board: 'demo', title: 'x', column: 'todo', tags: ['ok', 'Not OK'] }),
    ).toMatchObject({ code: 'E_BAD_FRAME', message: expect.stringContaining('field "tags[1]"') });
    expect(
      failure({
        type: 'task.update',
        ref: 't',
        board: 'demo',
        taskId: TASK,
        tags: Array.from({ length: 17 }, (_, i) => `t${i}`),
      }).message,
    ).toContain('field "tags"');
    expect(
      failure({ type: 'task.move', ref: 'm', board: 'demo', taskId: TASK, column: 'done', position: -1 }).message,
    ).toContain('field "position"');
  });

  it('names a mistyped field', () => {
    const { code, message } = failure({ type: 'task.create', ref: 'c1', board: 'demo', title: 7, column: 'todo' });
    expect(code).toBe('E_BAD_FRAME');
    expect(message).toMatch(/field "title": .*string/);
  });

  it('names a nested field', () => {
    expect(failure({ type: 'hello', v: 1, user: 'a', boards: [{ board: 'Not A Slug' }] }).message).toContain(
      'field "boards[0].board"',
    );
  });

  it('rejects a board id that is not a slug', () => {
    const { code, message } = failure({ type: 'task.create', ref: 'c1', board: '-x', title: 't', column: 'todo' });
    expect(code).toBe('E_BAD_FRAME');
    expect(message).toContain('field "board"');
  });

  it('rejects a task id that is not a UUID', () => {
    expect(failure({ type: 'task.delete', ref: 'c1', board: 'demo', taskId: '42' }).message).toContain(
      'field "taskId"',
    );
  });

  it('rejects a blank title', () => {
    expect(failure({ type: 'task.create', ref: 'c1', board: 'demo', title: '   ', column: 'todo' }).code).toBe(
      'E_BAD_FRAME',
    );
  });

  it('rejects another protocol version with E_UNSUPPORTED_VERSION', () => {
    expect(failure({ type: 'hello', v: 2, user: 'a', boards: [] }).code).toBe('E_UNSUPPORTED_VERSION');
  });

  it('checks the version before the other fields: a string or missing v is unsupported, not a bad frame', () => {
    expect(failure({ type: 'hello', v: '1', user: 'a', boards: [] })).toMatchObject({ code: 'E_UNSUPPORTED_VERSION' });
    expect(failure({ type: 'hello', ref: 'h', boards: 'not even an array' })).toMatchObject({
      code: 'E_UNSUPPORTED_VERSION',
      ref: 'h',
    });
  });

  it('refuses text with a lone surrogate, naming the field, and keeps well-formed pairs', () => {
    const lone = failure('{"type":"task.update","ref":"u","board":"demo","taskId":"' + TASK + '","notes":"x\\udfffy"}');
    expect(lone).toMatchObject({ code: 'E_BAD_FRAME', ref: 'u' });
    expect(lone.message).toContain('field "notes"');
    const paired = parseClientFrame(
      JSON.stringify({ type: 'task.create', ref: 'c', board: 'demo', title: '\u{1F600}', column: 'todo' }),
    );
    expect(paired.ok).toBe(true);
  });
});

describe('frameRef', () => {
  it('reads a string ref from a JSON object frame, and nothing from anything else', () => {
    expect(frameRef('{"type":"ping","ref":"p1","pad":"x"}')).toBe('p1');
    expect(frameRef('{"ref":7}')).toBeUndefined();
    expect(frameRef('["ref"]')).toBeUndefined();
    expect(frameRef('{not json')).toBeUndefined();
  });
});

describe('typeLabel', () => {
  it('bounds the label set', () => {
    expect(typeLabel('task.create')).toBe('task.create');
    expect(typeLabel('board-9f3a')).toBe('unknown');
    expect(typeLabel(undefined)).toBe('unknown');
  });
});
