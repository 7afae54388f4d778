// One lab (two replicas, Redis bus) broken in every way the vocabulary offers.
// Tests run in order and each leaves the lab healthy for the next.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlan, playPlan } from '../../chaos/index.ts';
import { projectRoot } from '../paths.ts';
import { startLab, TOXIC_TYPES, type Lab } from './index.ts';
import { profileReplica } from './replica-profile.ts';
import { driveTraffic } from './testing/drive-traffic.ts';
import { BoardClient, joinOn } from './testing/board-client.ts';

let lab: Lab;
const clients: BoardClient[] = [];
const track = (client: BoardClient) => (clients.push(client), client);

beforeAll(async () => {
  lab = await startLab({ replicas: 2, bus: 'redis', traces: false });
});

afterAll(async () => {
  for (const client of clients) client.close();
  await lab?.stop();
});

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(250);
  }
  throw new Error(`${what} within ${timeoutMs} ms; last error: ${(lastError as Error | undefined)?.message ?? 'none'}`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
async function pingMedian(client: BoardClient): Promise<number> {
  const rtts: number[] = [];
  for (let i = 0; i < 7; i++) rtts.push(await client.ping());
  return median(rtts);
}

describe('faults on a live lab', () => {
  it('a latency toxic on client.edge raises WebSocket round trip by about its amount', async () => {
    const client = track(await BoardClient.join(lab.endpoints.clientUrl, ['latency']));
    const before = await pingMedian(client);
    const applied = await lab.apply({
      kind: 'toxic',
      link: 'client.edge',
      toxic: 'latency',
      stream: 'downstream',
      attributes: { latency: 200 },
    });
    const during = await pingMedian(client);
    await applied.revert();
    const after = await pingMedian(client);
    expect(during - before).toBeGreaterThan(180);
    expect(during - before).toBeLessThan(320);
    expect(after).toBeLessThan(before + 50);
  });

  it('accepts every toxic type in both directions, and reverts them', async () => {
    for (const toxic of TOXIC_TYPES) {
      const applied = await lab.apply({
        kind: 'toxic',
        link: 'replica-1.postgres',
        toxic,
        stream: 'both',
        toxicity: 0.5,
      });
      const toxics = await lab.link('replica-1.postgres').toxics();
      expect(toxics.map((t) => `${t.type}/${t.stream}/${t.toxicity}`).sort()).toEqual([
        `${toxic}/downstream/0.5`,
        `${toxic}/upstream/0.5`,
      ]);
      await applied.revert();
    }
    expect(await lab.link('replica-1.postgres').toxics()).toEqual([]);
  });

  it("a down bus link stops that replica's cross-node deliveries, which recover when it comes back", async () => {
    const writer = track(await BoardClient.join(await lab.replicaUrl(1), ['bus']));
    const reader = track(await BoardClient.join(await lab.replicaUrl(2), ['bus']));
    expect([writer.replica, reader.replica]).toEqual(['replica-1', 'replica-2']);
    await writer.createTask('bus', 'before');
    expect(await reader.taskCreated('bus', 'before', 5000)).toBeDefined();

    const down = await lab.apply({ kind: 'link-down', link: 'replica-2.bus' });
    await sleep(500);
    await writer.createTask('bus', 'during');
    expect(await writer.taskCreated('bus', 'during', 3000)).toBeDefined(); // its own replica still delivers
    expect(await reader.taskCreated('bus', 'during', 3000)).toBeUndefined();

    await down.revert();
    let n = 0;
    await until(
      'deliveries to replica-2 recover',
      async () => {
        const title = `after-${++n}`;
        await writer.createTask('bus', title);
        return reader.taskCreated('bus', title, 1000);
      },
      30_000,
    );
  });

  it('a killed replica is routed around, shown DOWN, and a restart brings it back', async () => {
    const replica = lab.replica('replica-2');
    await replica.kill();
    await until(
      'HAProxy marks replica-2 DOWN',
      async () => (await lab.status()).replicas.find((r) => r.name === 'replica-2' && r.haproxy.startsWith('DOWN')),
      15_000,
    );
    const status = await lab.status();
    expect(status.replicas.find((r) => r.name === 'replica-2')).toMatchObject({ container: 'exited' });
    for (let i = 0; i < 4; i++) {
      const client = await BoardClient.join(lab.endpoints.clientUrl, ['crash']);
      expect(client.replica).toBe('replica-1');
      client.close();
    }
    await replica.restart();
    await until(
      'HAProxy marks replica-2 UP again',
      async () => (await lab.status()).replicas.every((r) => r.haproxy === 'UP' && r.container === 'running'),
      30_000,
    );
    track(await joinOn(lab.endpoints.clientUrl, 'replica-2', ['crash']));
  });

  it('a paused replica goes DOWN and comes back when unpaused', async () => {
    const applied = await lab.apply({ kind: 'replica', action: 'pause', replica: 'replica-1' });
    await until(
      'replica-1 DOWN while paused',
      async () =>
        (await lab.status()).replicas.find(
          (r) => r.name === 'replica-1' && r.haproxy.startsWith('DOWN') && r.container === 'paused',
        ),
      15_000,
    );
    await applied.revert();
    await until(
      'replica-1 UP after unpause',
      async () => (await lab.status()).replicas.every((r) => r.haproxy === 'UP'),
      15_000,
    );
  });

  it('survives Postgres and Redis restarts: writes succeed again afterwards', async () => {
    for (const service of ['postgres', 'redis'] as const) {
      await lab.restartService(service);
      const client = await until(
        `a write after restarting ${service}`,
        async () => {
          const c = await BoardClient.join(await lab.replicaUrl(1), ['restarts']);
          try {
            await c.createTask('restarts', `after-${service}`, 2000);
            return c;
          } catch (error) {
            c.close();
            throw error;
          }
        },
        45_000,
      );
      client.close();
    }
    await until(
      'every replica UP after the restarts',
      async () => (await lab.status()).replicas.every((r) => r.haproxy === 'UP'),
      30_000,
    );
  });

  it('plays a chaos plan through the lab API and leaves every link clean', async () => {
    const plan = parsePlan(
      [
        'steps:',
        '  - { at: 0s, do: latency, on: replica-1.http, for: 1s, with: { latency: 50 } }',
        '  - { at: 500ms, do: down, on: replica-2.bus }',
      ].join('\n'),
      'inline.yaml',
    );
    const events = await playPlan(lab, plan, {});
    expect(events.map((e) => [e.action, e.target, Boolean(e.end), e.detail?.error])).toEqual([
      ['latency', 'replica-1.http', true, undefined],
      ['down', 'replica-2.bus', true, undefined],
    ]);
    const proxies = await lab.toxiproxy.proxies();
    expect(proxies.every((p) => p.enabled && p.toxics.length === 0)).toBe(true);
  });

  it('acts on the lab from another process via the CLI and its saved state', async () => {
    const cli = (...args: string[]) =>
      new Promise<{ code: number; out: string }>((resolve) => {
        const child = spawn(process.execPath, [
          join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
          join(projectRoot, 'harness', 'cli', 'main.ts'),
          ...args,
          '--lab',
          lab.id,
        ]);
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.on('close', (code) => resolve({ code: code ?? 1, out }));
      });
    expect(
      (await cli('chaos', 'add', 'replica-2.http', 'latency', '--attr', 'latency=75', '--stream', 'up')).code,
    ).toBe(0);
    const status = await cli('status');
    expect(status.out).toMatch(/replica-2\.http\s+up\s+latency_upstream \[latency, upstream\]\s+latency=75 jitter=0/);
    expect(status.out).toMatch(/replica-1\s+running\s+UP\s+\d+/);
    const wrong = await cli('chaos', 'add', 'replica-9.http', 'latency');
    expect(wrong.code).not.toBe(0);
    expect(wrong.out).toMatch(
      /unknown link "replica-9.http"; expected one of client.edge, client.slow, replica-1.http/,
    );
    expect((await cli('chaos', 'remove', 'replica-2.http', 'latency_upstream')).code).toBe(0);
    expect(await lab.link('replica-2.http').toxics()).toEqual([]);
  });

  it("profiles a replica through its inspector inside the container: the profile samples the server's own code", async () => {
    const traffic = driveTraffic(lab.endpoints.clientUrl, {
      clients: 4,
      boards: 1,
      tasksPerClient: 15,
      intervalMs: 100,
    });
    const profile = await profileReplica(lab.replica(1).containerId, 2);
    await traffic;
    expect(profile.samples.length).toBeGreaterThan(500);
    expect(profile.nodes.some((node) => node.callFrame.url.endsWith('/app/server.mjs'))).toBe(true);
  });
});
