// A real lab with Zipkin, every request traced: one cross-node delivery is one trace in Zipkin, with spans
// from both replicas and the bus hop between them, found through Zipkin's own API.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crossNodeDelivery, REPLICA_TAG, type ZipkinSpan } from '../../reports/traces/slowest-deliveries.ts';
import { docker } from '../images/docker-cli.ts';
import { collectTraces } from '../run/collect-traces.ts';
import { startLab, type Lab } from './index.ts';
import { BoardClient } from './testing/board-client.ts';
import { ZipkinApi } from './zipkin-api.ts';

let lab: Lab;
let zipkin: ZipkinApi;
const board = `zipkin-${process.pid}`;
const startedAt = new Date();

beforeAll(async () => {
  const started = Date.now();
  lab = await startLab({ replicas: 2, bus: 'redis', traceSampleRatio: 1 });
  console.log(`lab with Zipkin ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  zipkin = new ZipkinApi(lab.endpoints.zipkinUrl!);
});

afterAll(async () => {
  await lab?.stop();
});

/** Zipkin indexes spans as they arrive; replicas export once a second. */
async function findTrace(
  query: Parameters<ZipkinApi['traces']>[0],
  timeoutMs: number,
): Promise<ZipkinSpan[] | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [trace] = await zipkin.traces(query);
    // The receiving replica's spans may come a batch later than the writer's.
    if (trace && crossNodeDelivery(trace)) return trace;
    await sleep(500);
  }
  return undefined;
}

describe('traces in Zipkin', () => {
  it('runs Zipkin as a lab service and points every replica at it', async () => {
    expect(lab.services()).toContain('zipkin');
    expect((await fetch(`${lab.endpoints.zipkinUrl}/health`)).ok).toBe(true);
    for (const name of lab.replicaNames()) {
      const inspected = await docker(['inspect', '--format', '{{json .Config.Env}}', lab.containerId(name)]);
      expect(JSON.parse(inspected.stdout)).toEqual(
        expect.arrayContaining([
          'OTEL_TRACES_EXPORTER=zipkin',
          'OTEL_EXPORTER_ZIPKIN_ENDPOINT=http://zipkin:9411/api/v2/spans',
          'OTEL_TRACES_SAMPLER_ARG=1',
          `OTEL_RESOURCE_ATTRIBUTES=swagboard.replica=${name}`,
        ]),
      );
    }
  });

  it('finds one cross-node delivery as one trace spanning both replicas and the bus hop', async () => {
    const writer = await BoardClient.join(await lab.replicaUrl(1), [board]);
    const reader = await BoardClient.join(await lab.replicaUrl(2), [board]);
    try {
      await writer.createTask(board, 'traced across');
      expect(await reader.taskCreated(board, 'traced across', 5000)).toMatchObject({ origin: 'replica-1' });
    } finally {
      writer.close();
      reader.close();
    }
    const found = await findTrace(
      { spanName: 'bus.receive redis', annotationQuery: `swagboard.board=${board}`, limit: 10 },
      20_000,
    );
    expect(found, 'a cross-node trace of the board in Zipkin').toBeDefined();
    const trace = await zipkin.trace(found![0]!.traceId);

    const on = (replica: string) => trace.filter((s) => s.tags?.[REPLICA_TAG] === replica).map((s) => s.name);
    expect(on('replica-1')).toEqual(expect.arrayContaining(['ws.message task.create', 'bus.publish redis']));
    expect(on('replica-2')).toEqual(expect.arrayContaining(['bus.receive redis', 'fanout.deliver']));
    // The bus hop: the receive on replica-2 is a child of the publish on replica-1, carried in the bus message.
    const publish = trace.find((s) => s.name === 'bus.publish redis')!;
    const receive = trace.find((s) => s.name === 'bus.receive redis')!;
    expect(receive.parentId).toBe(publish.id);
    expect(crossNodeDelivery(trace)).toMatchObject({ traceId: publish.traceId, replicas: ['replica-1', 'replica-2'] });
    expect((await fetch(zipkin.traceUrl(publish.traceId))).status).toBe(200);
  });

  it('collects the slowest cross-node deliveries of a window for results.json', async () => {
    const traces = await collectTraces(lab, startedAt, new Date(), () => {});
    expect(traces?.zipkinUrl).toBe(lab.endpoints.zipkinUrl);
    expect(traces?.slowest.length).toBeGreaterThan(0);
    expect(traces?.slowest[0]?.replicas).toEqual(expect.arrayContaining(['replica-1', 'replica-2']));
  });
});
