import { describe, expect, it } from 'vitest';
import { crossNodeDelivery, slowestDeliveries, type ZipkinSpan } from './slowest-deliveries.ts';

/** One write on `origin` delivered on `remotes`, each delivery ending `endsUs` µs after the root started. */
function delivery(traceId: string, origin: string, remotes: Array<[replica: string, endsUs: number]>): ZipkinSpan[] {
  const t0 = 1_700_000_000_000_000;
  return [
    {
      traceId,
      id: 'a1',
      name: 'ws.message task.create',
      timestamp: t0,
      duration: 4000,
      tags: { 'swagboard.replica': origin },
    },
    {
      traceId,
      id: 'a2',
      parentId: 'a1',
      name: 'bus.publish redis',
      timestamp: t0 + 3000,
      duration: 500,
      tags: { 'swagboard.replica': origin },
    },
    ...remotes.flatMap(([replica, endsUs], i): ZipkinSpan[] => [
      {
        traceId,
        id: `r${i}`,
        parentId: 'a2',
        name: 'bus.receive redis',
        timestamp: t0 + 3600,
        duration: 100,
        tags: { 'swagboard.replica': replica },
      },
      {
        traceId,
        id: `d${i}`,
        parentId: `r${i}`,
        name: 'fanout.deliver',
        timestamp: endsUs - 200,
        duration: 200,
        tags: { 'swagboard.replica': replica },
      },
    ]),
  ];
}

describe('slowest cross-node deliveries', () => {
  it('measures from the root to the last delivery on another replica', () => {
    const t0 = 1_700_000_000_000_000;
    expect(
      crossNodeDelivery(
        delivery('aa11', 'replica-1', [
          ['replica-3', t0 + 9000],
          ['replica-2', t0 + 5500],
        ]),
      ),
    ).toEqual({
      traceId: 'aa11',
      durationMs: 9,
      replicas: ['replica-1', 'replica-2', 'replica-3'],
    });
  });

  it('leaves out traces that stayed on one replica', () => {
    const sameNode = delivery('bb22', 'replica-1', []);
    expect(crossNodeDelivery(sameNode)).toBeUndefined();
    expect(crossNodeDelivery([])).toBeUndefined();
  });

  it('sorts slowest first and keeps the limit', () => {
    const t0 = 1_700_000_000_000_000;
    const traces = [
      delivery('0001', 'replica-1', [['replica-2', t0 + 2000]]),
      delivery('0002', 'replica-2', [['replica-1', t0 + 30_000]]),
      delivery('0003', 'replica-1', []),
      delivery('0004', 'replica-1', [['replica-2', t0 + 7000]]),
    ];
    expect(slowestDeliveries(traces, 2).map((d) => [d.traceId, d.durationMs])).toEqual([
      ['0002', 30],
      ['0004', 7],
    ]);
  });
});
