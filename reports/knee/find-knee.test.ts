import { describe, expect, it } from 'vitest';
import { capacitySummary } from './capacity-summary.ts';
import { findKnee } from './find-knee.ts';

describe('findKnee', () => {
  it('gives the highest step below the first broken one, in writes/s and deliveries/s', () => {
    const knee = findKnee(
      capacitySummary(
        [
          { offered: 20, ackP99: 12 },
          { offered: 40, ackP99: 20 },
          { offered: 80, ackP99: 61 },
          { offered: 160, ackP99: 30 }, // after the break: ignored for the knee
        ],
        { declared: 3 },
      ),
    )!;
    expect(knee.steps.map((s) => [s.step, s.held])).toEqual([
      [1, true],
      [2, true],
      [3, false],
      [4, true],
    ]);
    expect(knee.held).toEqual({
      step: 2,
      offeredWritesPerS: 40,
      ackedWritesPerS: 40,
      deliveriesPerS: 40 * 28,
      subscribers: 28,
    });
    expect(knee.brokeAt).toEqual({
      step: 3,
      offeredWritesPerS: 80,
      subscribers: 28,
      reasons: ['ack p99 61.0 ms > 50 ms'],
    });
  });

  it('takes a step that broke alone, below held ones, as a blip: the break is the first of BREAKS_TO_STOP in a row', () => {
    const step = (offered: number, ackP99: number) => ({ offered, ackP99 });
    const knee = findKnee(
      capacitySummary([step(20, 10), step(30, 68), step(45, 12), step(68, 70), step(101, 90)], { breaksToStop: 2 }),
    )!;
    expect(knee.breaksToStop).toBe(2);
    expect(knee.steps.map((s) => s.held)).toEqual([true, false, true, false, false]);
    expect(knee.held?.step).toBe(3);
    expect(knee.brokeAt?.step).toBe(4);
    expect(knee.blips).toEqual([{ step: 2, offeredWritesPerS: 30, reasons: ['ack p99 68.0 ms > 50 ms'] }]);
  });

  it('breaks where the run ended on fewer broken steps than BREAKS_TO_STOP, and not at all on a blip alone', () => {
    const step = (offered: number, ackP99: number) => ({ offered, ackP99 });
    const endedBroken = findKnee(capacitySummary([step(20, 10), step(30, 12), step(45, 80)], { breaksToStop: 2 }))!;
    expect([endedBroken.held?.step, endedBroken.brokeAt?.step, endedBroken.blips]).toEqual([2, 3, []]);
    const blipOnly = findKnee(capacitySummary([step(20, 10), step(30, 80), step(45, 12)], { breaksToStop: 2 }))!;
    expect([blipOnly.held?.step, blipOnly.brokeAt, blipOnly.blips?.map((b) => b.step)]).toEqual([3, undefined, [2]]);
    const fromTheStart = findKnee(capacitySummary([step(20, 80), step(30, 90)], { breaksToStop: 2 }))!;
    expect([fromTheStart.held, fromTheStart.brokeAt?.step]).toEqual([undefined, 1]);
  });

  it('counts refused, unacked and errored writes as breaches even with fast acks', () => {
    const knee = findKnee(
      capacitySummary([
        { offered: 20, ackP99: 5 },
        { offered: 40, ackP99: 5, refused: 3, unacked: 1 },
        { offered: 80, ackP99: 5, errors: 2 },
      ]),
    )!;
    expect(knee.held?.step).toBe(1);
    expect(knee.brokeAt?.reasons).toEqual(['3 writes refused (E_BOARD_BUSY)', "1 write unacked at the step's end"]);
    expect(knee.steps[2]!.breaches).toEqual(['2 protocol errors']);
  });

  it('breaks a step whose acked writes did not reach every session (silent loss or queueing)', () => {
    const knee = findKnee(
      capacitySummary([
        { offered: 20, ackP99: 5 },
        { offered: 68, ackP99: 5, missingDeliveries: 3400 },
      ]),
    )!;
    expect(knee.held?.step).toBe(1);
    expect(knee.brokeAt?.reasons).toEqual(["3400 deliveries missing at the step's end"]);
    expect(knee.steps[1]!.missingDeliveries).toBe(3400);
  });

  it('judges against the SLO the run recorded, cross-node latency included', () => {
    const summary = capacitySummary(
      [
        { offered: 20, ackP99: 30, crossP99: 90 },
        { offered: 40, ackP99: 30, crossP99: 130 },
      ],
      { slo: { ack: 25, cross: 120 } },
    );
    const knee = findKnee(summary)!;
    expect(knee.slo).toEqual({ ackP99Ms: 25, crossP99Ms: 120 });
    expect(knee.held).toBeUndefined();
    expect(knee.brokeAt?.step).toBe(1);
    expect(knee.steps[1]!.breaches).toEqual(['ack p99 30.0 ms > 25 ms', 'cross-node p99 130.0 ms > 120 ms']);
  });

  it('blames the load generator when it could not send what the step offered', () => {
    const knee = findKnee(
      capacitySummary([
        { offered: 20, ackP99: 5 },
        { offered: 1000, ackP99: 5, sent: 6000 },
      ]),
    )!;
    expect(knee.brokeAt?.reasons).toEqual(['the load generator sent only 6000 of 10000 offered writes']);
  });

  it('reports the last step as held when none broke, and repeats the whole-run cost', () => {
    const cost = {
      perDelivery: { sutMs: 0.3, labMs: 0.5, totalMs: 0.8 },
      perWrite: { sutMs: 9, labMs: 11, totalMs: 20 },
    };
    const knee = findKnee(
      capacitySummary(
        [
          { offered: 20, ackP99: 5 },
          { offered: 30, ackP99: 6, subscribers: 50 },
        ],
        { stepSeconds: 5 },
      ),
      cost,
    )!;
    expect(knee.brokeAt).toBeUndefined();
    expect(knee.held).toMatchObject({ step: 2, ackedWritesPerS: 30, deliveriesPerS: 30 * 50, subscribers: 50 });
    expect(knee.cost).toEqual({ scope: 'whole-run', ...cost });
  });

  it("costs each step on its own from the run's CPU timeline, net of the idle rate, and gives the held step's cost", () => {
    const summary = capacitySummary(
      [
        { offered: 20, ackP99: 5 },
        { offered: 40, ackP99: 61 },
      ],
      { stepSeconds: 10 },
    );
    const gauge = (value: number) => ({
      type: 'gauge' as const,
      contains: 'default' as const,
      values: { value, min: value, max: value },
    });
    summary.metrics['swag_capacity_step_start_ms{step:1}'] = gauge(10_000);
    summary.metrics['swag_capacity_step_end_ms{step:1}'] = gauge(20_000);
    const timeline = [
      { atMs: 0, sutCpuSeconds: 0, labCpuSeconds: 0 },
      { atMs: 10_000, sutCpuSeconds: 2, labCpuSeconds: 1 },
      { atMs: 20_000, sutCpuSeconds: 6, labCpuSeconds: 3 },
    ];
    // Idle: 2 and 1 CPU-s over the 20 s window, so 0.1 and 0.05 per s; step 1 spent 4 and 2, net 3 and 1.5.
    const components = [
      { name: 'replica-1', role: 'sut' as const, cpuSeconds: 6, idleCpuSeconds: 2 },
      { name: 'toxiproxy', role: 'lab' as const, cpuSeconds: 3, idleCpuSeconds: 1 },
    ];
    const whole = { perDelivery: { sutMs: 9, labMs: 9, totalMs: 18 }, perWrite: { sutMs: 9, labMs: 9, totalMs: 18 } };
    const knee = findKnee(summary, { ...whole, timeline, components, windowSeconds: 20 })!;
    const deliveries = knee.steps[0]!.deliveriesPerS * 10;
    const writes = knee.steps[0]!.ackedWritesPerS * 10;
    expect(knee.steps[0]!.cost?.perDelivery.sutMs).toBeCloseTo(3000 / deliveries);
    expect(knee.steps[0]!.cost?.perDelivery.totalMs).toBeCloseTo(4500 / deliveries);
    expect(knee.steps[0]!.cost?.perWrite.labMs).toBeCloseTo(1500 / writes);
    expect(knee.steps[1]!.cost).toBeUndefined(); // no window recorded for it
    expect(knee.cost?.scope).toBe('step');
    expect(knee.cost?.perDelivery.totalMs).toBeCloseTo(4500 / deliveries);
  });

  it('is absent for runs without per-step figures', () => {
    expect(
      findKnee({
        ...capacitySummary([]),
        metrics: { checks: { type: 'rate', contains: 'default', values: { rate: 1 } } },
      }),
    ).toBeUndefined();
    expect(findKnee(capacitySummary([], { declared: 4 }))).toBeUndefined();
  });
});
