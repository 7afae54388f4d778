import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERRORS, SwagError, toSwagError } from './errors.ts';

describe('error catalogue', () => {
  it('has unique, well-formed codes', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of ERROR_CODES) expect(code).toMatch(/^E_[A-Z_]+$/);
  });

  it('has unique messages so a log line identifies its code', () => {
    const messages = ERROR_CODES.map((code) => ERRORS[code].message);
    expect(new Set(messages).size).toBe(messages.length);
  });

  it('uses HTTP error statuses and WebSocket close codes from the allowed ranges', () => {
    for (const code of ERROR_CODES) {
      const { status, wsClose } = ERRORS[code];
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
      if (wsClose !== null) expect(wsClose === 1001 || (wsClose >= 4000 && wsClose <= 4999)).toBe(true);
    }
  });

  it('hides unexpected errors behind E_INTERNAL', () => {
    expect(toSwagError(new Error('pg exploded')).code).toBe('E_INTERNAL');
    expect(toSwagError(new Error('pg exploded')).message).toBe('internal error');
    const known = new SwagError('E_TASK_NOT_FOUND', 'task abc does not exist');
    expect(toSwagError(known)).toBe(known);
    expect(known.status).toBe(404);
  });
});
