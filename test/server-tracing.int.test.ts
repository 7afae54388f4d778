import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SwagServer } from '../server/app.ts';
import { testLogger } from '../server/testing/test-logger.ts';
import { WsTestClient } from '../server/testing/ws-test-client.ts';
import { startTracing, type SpanProcessor, type Tracing } from '../server/tracing.ts';
import { startReplica } from './support/replicas.ts';
import { startPostgres, startRedis, type RunningService } from './support/services.ts';

type EndedSpan = Parameters<SpanProcessor['onEnd']>[0];

/** Keeps every ended span in memory: the SDK's in-memory exporter without an import beyond the SDK's own types. */
class RecordingSpanProcessor implements SpanProcessor {
  readonly spans: EndedSpan[] = [];
  onStart(): void {}
  onEnd(span: EndedSpan): void {
    this.spans.push(span);
  }
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

/** Two replicas in one process share the global tracer provider; spans tell replicas apart by `swagboard.replica`. */
describe('tracing: one cross-node delivery is one trace', () => {
  let postgres: RunningService;
  let redis: RunningService;
  let tracing: Tracing;
  const recorder = new RecordingSpanProcessor();
  const servers: SwagServer[] = [];
  let a: SwagServer;
  let b: SwagServer;
  const clients: WsTestClient[] = [];

  const start = async (replica: string) => {
    return startReplica(
      {
        SWAGBOARD_DATABASE_URL: postgres.url,
        SWAGBOARD_BUS: 'redis',
        SWAGBOARD_REDIS_URL: redis.url,
        SWAGBOARD_REPLICA: replica,
        SWAGBOARD_AUTH: 'open',
      },
      servers,
    );
  };

  beforeAll(async () => {
    tracing = await startTracing(undefined, testLogger(), { spanProcessors: [recorder] });
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    // Assigned by name: `servers` is in start-up completion order.
    [a, b] = await Promise.all([start('trace-a'), start('trace-b')]);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all(servers.map((server) => server.close()));
    await tracing?.shutdown();
    await Promise.all([postgres?.stop(), redis?.stop()]);
  });

  it("links A's message handling, Postgres write and bus publish to B's bus receive and delivery", async () => {
    const { client: writer } = await WsTestClient.join(a.url, ['traced'], 'writer');
    const { client: reader } = await WsTestClient.join(b.url, ['traced'], 'reader');
    clients.push(writer, reader);
    writer.send({ type: 'task.create', ref: 'c1', board: 'traced', title: 'follow me', column: 'todo' });
    const ack = await writer.reply('c1');
    expect(ack.type).toBe('ack');
    await reader.event('traced', ack.seq as number);

    const find = (name: string, replica?: string) => {
      const found = recorder.spans.filter(
        (span) => span.name === name && (replica === undefined || span.attributes['swagboard.replica'] === replica),
      );
      return found;
    };
    // B's delivery span ends right after the frame is sent; wait until it is recorded rather than sleeping.
    await expect
      .poll(
        () => find('fanout.deliver', 'trace-b').filter((span) => span.attributes['swagboard.seq'] === ack.seq).length,
      )
      .toBe(1);

    const handled = find('ws.message task.create', 'trace-a');
    const seen = recorder.spans.map((span) => `${span.name}@${String(span.attributes['swagboard.replica'])}`);
    expect(handled, `spans recorded: ${seen.join(', ')}`).toHaveLength(1);
    const root = handled[0]!;
    const traceId = root.spanContext().traceId;
    const inTrace = recorder.spans.filter((span) => span.spanContext().traceId === traceId);
    const one = (name: string, replica?: string) => {
      const spans = inTrace.filter(
        (span) => span.name === name && (replica === undefined || span.attributes['swagboard.replica'] === replica),
      );
      expect(spans, `${name} on ${replica ?? 'any replica'} in the trace`).toHaveLength(1);
      return spans[0]!;
    };
    const parentOf = (span: EndedSpan) => span.parentSpanContext?.spanId;

    const write = one('pg.apply_changes');
    const publish = one('bus.publish redis', 'trace-a');
    const receive = one('bus.receive redis', 'trace-b');
    const delivered = one('fanout.deliver', 'trace-b');

    expect(parentOf(root)).toBeUndefined();
    expect(parentOf(write)).toBe(root.spanContext().spanId);
    expect(parentOf(publish)).toBe(root.spanContext().spanId);
    expect(parentOf(receive)).toBe(publish.spanContext().spanId);
    expect(parentOf(delivered)).toBe(receive.spanContext().spanId);
    expect(receive.attributes['swagboard.origin']).toBe('trace-a');
    // B received the message from the bus: the remote parent came through the envelope's traceparent.
    expect(receive.parentSpanContext?.isRemote).toBe(true);
  });
});
