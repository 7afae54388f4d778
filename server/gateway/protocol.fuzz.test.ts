import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERRORS } from '../errors.ts';
import { anyText, textFrame } from '../testing/frame-arbitraries.ts';
import { CLIENT_MESSAGE_TYPES, frameRef, parseClientFrame } from './protocol.ts';

const BOARDS = ['demo', 'fuzz'];
const TASK_IDS = ['6f1c1a55-8f44-4e55-9b8e-1d2f3a4b5c6d', 'not-a-uuid'];

/** The ref the server must echo: a string `ref` of a JSON object frame, else none. */
function expectedRef(text: string): string | undefined {
  try {
    const raw = JSON.parse(text) as unknown;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
    const ref = (raw as { ref?: unknown }).ref;
    return typeof ref === 'string' ? ref : undefined;
  } catch {
    return undefined;
  }
}

/** The frame parser's contract: a valid message (which parses again to itself) or a coded 4xx error with the frame's ref. */
function checkParse(text: string): void {
  const result = parseClientFrame(text);
  if (result.ok) {
    expect(CLIENT_MESSAGE_TYPES).toContain(result.message.type);
    const again = parseClientFrame(JSON.stringify(result.message));
    expect(again).toEqual({ ok: true, message: result.message });
    return;
  }
  expect(ERROR_CODES).toContain(result.error.code);
  expect(result.error.code).not.toBe('E_INTERNAL');
  expect(ERRORS[result.error.code].status).toBeGreaterThanOrEqual(400);
  expect(ERRORS[result.error.code].status).toBeLessThan(500);
  expect(result.error.message.length).toBeGreaterThan(0);
  if (result.error.code !== 'E_BAD_JSON') expect(result.ref).toBe(expectedRef(text));
  expect(frameRef(text)).toBe(expectedRef(text));
}

describe('parseClientFrame under fuzzing', () => {
  it('turns any message-like or JSON frame into a valid message or a coded error, never a throw', () => {
    fc.assert(fc.property(textFrame(BOARDS, TASK_IDS), checkParse), { numRuns: 3000 });
  });

  it('does the same for arbitrary text and for arbitrary bytes read as UTF-8', () => {
    fc.assert(fc.property(anyText, checkParse), { numRuns: 1000 });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => checkParse(Buffer.from(bytes).toString('utf8'))),
      { numRuns: 1000 },
    );
  });

  it("accepts some of the generated frames, so the properties reach the schemas' valid side", () => {
    const accepted = fc
      .sample(textFrame(BOARDS, TASK_IDS), { numRuns: 3000, seed: 42 })
      .filter((text) => parseClientFrame(text).ok);
    expect(accepted.length).toBeGreaterThan(20);
  });
});
