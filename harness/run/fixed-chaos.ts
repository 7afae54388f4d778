// Fixed chaos players for tests and measurements that need one exact fault at
// one exact time, independent of plan files. Each heals what it broke.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChaosEvent } from '../../reports/results.ts';
import type { ChaosPlayer } from './chaos-player.ts';

const waitFor = (ms: number, signal: AbortSignal) => sleep(ms, undefined, { signal }).then(() => true, () => false);

export function killReplicaPlayer(replica: string, atMs: number, restartAfterMs: number): ChaosPlayer {
  return async (lab, { signal, log }) => {
    const timeline: ChaosEvent[] = [];
    if (!(await waitFor(atMs, signal))) return timeline;
    const start = new Date().toISOString();
    log(`kill ${replica}`);
    await lab.replica(replica).kill();
    await waitFor(restartAfterMs, signal);
    log(`restart ${replica}`);
    await lab.replica(replica).restart();
    timeline.push({ action: 'kill', target: replica, start, end: new Date().toISOString() });
    return timeline;
  };
}

/** Cuts client.edge (every client connection drops) and restores it. */
export function resetClientLinkPlayer(atMs: number, downForMs: number): ChaosPlayer {
  return async (lab, { signal, log }) => {
    if (!(await waitFor(atMs, signal))) return [];
    const start = new Date().toISOString();
    log('client.edge down');
    await lab.link('client.edge').down();
    await waitFor(downForMs, signal);
    await lab.link('client.edge').up();
    log('client.edge up');
    return [{ action: 'link-down', target: 'client.edge', start, end: new Date().toISOString() }];
  };
}

/** A downstream bandwidth toxic on client.edge for a share of connections, from `atMs` to the end of the run. */
export function slowConsumersPlayer(atMs: number, rateKBps: number, toxicity: number): ChaosPlayer {
  return async (lab, { signal, log }) => {
    if (!(await waitFor(atMs, signal))) return [];
    const start = new Date().toISOString();
    const link = lab.link('client.edge');
    const name = await link.addToxic({ type: 'bandwidth', stream: 'downstream', toxicity, attributes: { rate: rateKBps }, name: 'slow_consumers' });
    log(`client.edge: bandwidth ${rateKBps} KB/s on ${Math.round(toxicity * 100)}% of connections`);
    await waitFor(24 * 3600_000, signal);
    await link.removeToxic(name).catch(() => {});
    return [{ action: 'bandwidth', target: 'client.edge', start, end: new Date().toISOString(), detail: { rateKBps, toxicity } }];
  };
}
