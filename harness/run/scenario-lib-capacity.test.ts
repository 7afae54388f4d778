// The pure parts of the scenario library that the capacity scenario and the
// write accounting rely on (vitest does not look inside scenarios/).
import { describe, expect, it } from 'vitest';
import { capacitySummary } from '../../reports/knee/capacity-summary.ts';
import { findKnee } from '../../reports/knee/find-knee.ts';
import {
  parseNumberList,
  percentile,
  planSteps,
  kneeBreak,
  stepAt,
  stepBreaches,
  writesDue,
} from '../../scenarios/lib/capacity-steps.ts';
import { PendingWrites } from '../../scenarios/lib/pending-writes.ts';
import { unbatch } from '../../scenarios/lib/protocol.ts';

describe('PendingWrites', () => {
  const write = (ref: string, step: string) => ({ ref, sentAt: 1000, tags: { step }, message: { ref }, attempts: 1 });

  it('settles a write once, by ref, and ignores refs it never sent', () => {
    const pending = new PendingWrites();
    pending.add(write('r1', '1'));
    expect(pending.settle('r1')?.ref).toBe('r1');
    expect(pending.settle('r1')).toBeUndefined();
    expect(pending.settle(undefined)).toBeUndefined();
    expect(pending.size).toBe(0);
  });

  it("takes one step's overdue writes and leaves the others waiting", () => {
    const pending = new PendingWrites();
    for (const [ref, step] of [
      ['a', '1'],
      ['b', '2'],
      ['c', '1'],
    ] as const)
      pending.add(write(ref, step));
    expect(pending.takeWhere((w) => w.tags.step === '1').map((w) => w.ref)).toEqual(['a', 'c']);
    expect(pending.size).toBe(1);
    expect(pending.get('b')?.tags.step).toBe('2');
  });
});

describe('unbatch', () => {
  it("turns an events frame into the event frames it stands for, in order, with the frame's board", () => {
    const events = unbatch({
      type: 'events',
      board: 'b1',
      events: [
        { seq: 7, name: 'task.created', data: {}, origin: 'replica-1', at: 1, clientTs: 5 },
        { seq: 8, name: 'task.moved', data: {}, origin: 'replica-2', at: 2 },
      ],
    });
    expect(events.map((e) => [e.type, e.board, e.seq, e.origin])).toEqual([
      ['event', 'b1', 7, 'replica-1'],
      ['event', 'b1', 8, 'replica-2'],
    ]);
    expect(events[0]!.clientTs).toBe(5);
  });
});

describe('capacity steps', () => {
  it('plans geometric rates in writes mode and reader counts in subscribers mode', () => {
    expect(
      planSteps({ mode: 'writes', maxSteps: 4, explicit: [], start: 20, factor: 1.5, fixed: 24 }).map((s) => [
        s.writesPerS,
        s.readers,
      ]),
    ).toEqual([
      [20, 24],
      [30, 24],
      [45, 24],
      [68, 24],
    ]);
    expect(
      planSteps({ mode: 'subscribers', maxSteps: 2, explicit: [10, 100, 1000], start: 1, factor: 2, fixed: 40 }).map(
        (s) => [s.step, s.writesPerS, s.readers],
      ),
    ).toEqual([
      [1, 40, 10],
      [2, 40, 100],
    ]);
    expect(() => planSteps({ mode: 'writes', maxSteps: 3, explicit: [], start: 20, factor: 1, fixed: 1 })).toThrow(
      /invalid step factor/,
    );
    expect(parseNumberList('RATES', '20, 40,80')).toEqual([20, 40, 80]);
    expect(() => parseNumberList('RATES', '20,x')).toThrow(/invalid RATES/);
  });

  it('paces writes to the offered rate and bounds the catch-up after a stall', () => {
    expect(writesDue(0, 100, 0)).toBe(0);
    expect(writesDue(105, 100, 0)).toBe(10);
    expect(writesDue(105, 100, 10)).toBe(0);
    expect(writesDue(1000, 100, 10, 25)).toBe(25);
    expect(writesDue(1000, 100, 120)).toBe(0);
  });

  it("computes percentiles like the runner's summary (linear between closest ranks)", () => {
    expect(percentile([], 99)).toBeUndefined();
    expect(percentile([5], 99)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5.5);
    expect(percentile([10, 1, 100], 99)).toBeCloseTo(98.2, 9);
  });

  it('breaks at the first of N broken steps in a row, or where the run ended broken; a lone break is a blip', () => {
    const [o, x] = [true, false];
    expect(kneeBreak([o, o, o], 2)).toBe(-1);
    expect(kneeBreak([o, x, o, x, x, o], 2)).toBe(3);
    expect(kneeBreak([o, x, o], 2)).toBe(-1);
    expect(kneeBreak([o, o, x], 2)).toBe(2);
    expect(kneeBreak([x, x], 2)).toBe(0);
    expect(kneeBreak([o, x, o, x], 1)).toBe(1);
    expect(kneeBreak([o, x, x, o, x, x, x], 3)).toBe(4);
    expect(kneeBreak([], 2)).toBe(-1);
  });

  it('finds the step a send time belongs to', () => {
    const windows = [
      { step: 0, startMs: 0, endMs: 100 },
      { step: 1, startMs: 200, endMs: 300 },
    ];
    expect([
      stepAt(windows, 0),
      stepAt(windows, 99),
      stepAt(windows, 150),
      stepAt(windows, 250),
      stepAt(windows, 300),
    ]).toEqual([0, 0, undefined, 1, undefined]);
  });

  it('judges a step exactly as the knee finder judges it from the summary', () => {
    const slo = { ackP99Ms: 50, crossP99Ms: 100, minSentShare: 0.95 };
    const cases = [
      { offered: 20, ackP99: 10 },
      { offered: 40, ackP99: 51 },
      { offered: 40, ackP99: 10, crossP99: 101, refused: 2, unacked: 1, errors: 1 },
      { offered: 100, ackP99: 10, sent: 900 },
      { offered: 100, ackP99: 10, missingDeliveries: 340 },
    ];
    const knee = findKnee(capacitySummary(cases, { stepSeconds: 10 }))!;
    cases.forEach((c, i) => {
      const fromScenario = stepBreaches(
        {
          offered: c.offered * 10,
          sent: c.sent ?? c.offered * 10,
          ackP99Ms: c.ackP99,
          crossP99Ms: c.crossP99 ?? c.ackP99 * 1.2,
          errors: c.errors ?? 0,
          refused: c.refused ?? 0,
          unacked: c.unacked ?? 0,
          missingDeliveries: c.missingDeliveries ?? 0,
        },
        slo,
      );
      expect(knee.steps[i]!.breaches).toEqual(fromScenario);
    });
    expect(knee.steps.map((s) => s.breaches.length)).toEqual([0, 1, 4, 1, 1]);
    expect(knee.steps[4]!.breaches).toEqual(["340 deliveries missing at the step's end"]);
  });
});
