import { describe, expect, it } from 'vitest';
import { extractTraceContext, injectTraceContext, withSpan, withSpanSync } from './tracing.ts';

// No SDK is started in this file: the tracer is the API's no-op, as in a replica without tracing configured.
describe('spans without a tracing SDK', () => {
  it('run the work without building attributes', async () => {
    let built = 0;
    const attributes = () => {
      built++;
      return { 'swagboard.seq': 1 };
    };
    expect(withSpanSync('fanout.deliver', { attributes }, () => 42)).toBe(42);
    expect(await withSpan('bus.publish', { attributes }, async () => 'done')).toBe('done');
    expect(built).toBe(0);
  });

  it('still propagate errors', async () => {
    expect(() =>
      withSpanSync('x', {}, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    await expect(withSpan('x', {}, async () => Promise.reject(new Error('late')))).rejects.toThrow('late');
  });

  it('put no trace context in a bus message', () => {
    expect(injectTraceContext()).toBeUndefined();
    expect(extractTraceContext(undefined)).toBeDefined();
  });
});
