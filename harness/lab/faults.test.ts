import { describe, expect, it } from 'vitest';
import { applyFault, describeFault, normalizeFault, type FaultTarget } from './faults.ts';

function recordingTarget() {
  const calls: string[] = [];
  const target: FaultTarget = {
    link: (name) => ({
      addToxic: async (t) => (
        calls.push(`${name} +${t.name ?? t.type}/${t.stream}`),
        t.name ?? `${t.type}_${t.stream}`
      ),
      removeToxic: async (toxic) => void calls.push(`${name} -${toxic}`),
      down: async () => void calls.push(`${name} down`),
      up: async () => void calls.push(`${name} up`),
    }),
    replica: (name) => {
      const act = (action: string) => async () => void calls.push(`${name} ${action}`);
      return {
        kill: act('kill'),
        stop: act('stop'),
        pause: act('pause'),
        unpause: act('unpause'),
        restart: act('restart'),
      };
    },
    restartService: async (service) => void calls.push(`${service} restart`),
  };
  return { target, calls };
}

describe('faults', () => {
  it('fills toxic defaults and rejects what Toxiproxy would not take', () => {
    expect(normalizeFault({ kind: 'toxic', link: 'client.edge', toxic: 'latency' })).toMatchObject({
      stream: 'downstream',
      toxicity: 1,
      attributes: { latency: 100, jitter: 0 },
    });
    expect(() => normalizeFault({ kind: 'toxic', link: 'x', toxic: 'lag' as 'latency' })).toThrow(
      /unknown toxic "lag"; expected one of latency, bandwidth, slow_close, timeout, reset_peer, slicer, limit_data/,
    );
    expect(() => normalizeFault({ kind: 'toxic', link: 'x', toxic: 'bandwidth', attributes: { rate: -1 } })).toThrow(
      /invalid bandwidth rate; expected a number of KB\/s from 0/,
    );
    expect(() => normalizeFault({ kind: 'toxic', link: 'x', toxic: 'latency', toxicity: 2 })).toThrow(
      /toxicity; expected a fraction from 0 to 1, got 2/,
    );
  });

  it('undoes each fault the way it should be undone', async () => {
    const { target, calls } = recordingTarget();
    const faults = await Promise.all([
      applyFault(target, { kind: 'toxic', link: 'client.edge', toxic: 'latency', stream: 'both', name: 'lag' }),
      applyFault(target, { kind: 'link-down', link: 'replica-1.bus' }),
      applyFault(target, { kind: 'replica', action: 'kill', replica: 'replica-2' }),
      applyFault(target, { kind: 'replica', action: 'pause', replica: 'replica-1' }),
      applyFault(target, { kind: 'service-restart', service: 'postgres' }),
    ]);
    expect(faults.map((f) => f.lasting)).toEqual([true, true, true, true, false]);
    calls.length = 0;
    for (const fault of faults) await fault.revert();
    await faults[0]!.revert(); // twice is harmless
    expect(calls).toEqual([
      'client.edge -lag_upstream',
      'client.edge -lag_downstream',
      'replica-1.bus up',
      'replica-2 restart',
      'replica-1 unpause',
    ]);
  });

  it('describes faults for logs', () => {
    expect(
      describeFault({
        kind: 'toxic',
        link: 'replica-2.bus',
        toxic: 'latency',
        attributes: { latency: 200, jitter: 50 },
        toxicity: 0.5,
      }),
    ).toBe('latency on replica-2.bus (downstream, latency=200, jitter=50, toxicity=0.5)');
    expect(describeFault({ kind: 'replica', action: 'kill', replica: 'replica-1' })).toBe('kill replica-1');
  });
});
