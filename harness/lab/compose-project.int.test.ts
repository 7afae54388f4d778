// Generated compose projects: valid for Debian's docker-compose at 1 and 3
// replicas on both buses, and a one-replica project really comes up with this
// checkout's images, serves the board through Toxiproxy and HAProxy, and is
// scraped by its Prometheus. Grafana is left out of the run: its official
// image cannot be pulled here.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../images/docker-cli.ts';
import { ensureImages, type ImageTags } from '../images/ensure-images.ts';
import { composeImages, writeComposeFiles } from './compose-config.ts';
import { composeProject, PUBLISHED_PORTS } from './compose-project.ts';
import { planLinks, type Bus } from './topology.ts';

const workDir = await mkdtemp(join(tmpdir(), 'swaglab-compose-test-'));
const project = `swaglab-compose-test-${process.pid}`;
let composeCli: string[] = [];
let images: ImageTags = {};
let upFile: string | undefined;
const hostPorts: Record<string, number> = {};

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

const works = async (command: string, args: string[]) =>
  (await run(command, args).catch(() => ({ code: 1 }))).code === 0;

/** Debian's docker-compose 1.29 (installed here if missing and we are root), else docker's compose plugin. */
async function findComposeCli(): Promise<string[]> {
  if (await works('docker-compose', ['version'])) return ['docker-compose'];
  if (process.getuid?.() === 0) {
    await run('apt-get', ['install', '-y', '-qq', 'docker-compose']).catch(() => undefined);
    if (await works('docker-compose', ['version'])) return ['docker-compose'];
  }
  if (await works('docker', ['compose', 'version'])) return ['docker', 'compose'];
  return [];
}

const compose = (file: string, ...args: string[]) => {
  const env: Record<string, string> = {};
  for (const [name, { variable }] of Object.entries(PUBLISHED_PORTS)) env[variable] = String(hostPorts[name]);
  return run(composeCli[0]!, [...composeCli.slice(1), '-p', project, '-f', file, ...args], {
    env: { ...process.env, ...env },
  });
};

async function writeProject(replicas: number, bus: Bus): Promise<string> {
  const dir = join(workDir, `${replicas}-${bus}`);
  const [file] = await writeComposeFiles(composeProject({ replicas, bus, images, tokenSecret: 'compose-test' }), dir);
  return file!;
}

beforeAll(async () => {
  for (const name of Object.keys(PUBLISHED_PORTS)) hostPorts[name] = await freePort();
  composeCli = await findComposeCli();
  images = await ensureImages([...new Set([...composeImages('redis'), ...composeImages('nats')])]);
});

afterAll(async () => {
  if (upFile) {
    const down = await compose(upFile, 'down', '-v', '--remove-orphans');
    if (down.code !== 0) console.error(`compose down failed: ${down.stderr}`);
  }
  await rm(workDir, { recursive: true, force: true });
});

describe('generated compose projects', () => {
  it('finds docker-compose (or docker compose) to check them with', () => {
    expect(
      composeCli,
      'neither docker-compose nor docker compose answers, and docker-compose could not be installed',
    ).not.toEqual([]);
  });

  for (const [replicas, bus] of [
    [1, 'redis'],
    [3, 'redis'],
    [1, 'nats'],
    [3, 'nats'],
  ] as const) {
    it(`${replicas} replica(s) on ${bus}: passes \`config\`, with every port on 127.0.0.1`, async () => {
      const file = await writeProject(replicas, bus);
      const quiet = await compose(file, 'config', '-q');
      expect(quiet.code, quiet.stderr).toBe(0);
      expect(quiet.stderr).toBe('');
      const resolved = await compose(file, 'config', '--services');
      const expected = [
        'postgres',
        bus,
        'toxiproxy',
        ...Array.from({ length: replicas }, (_, i) => `replica-${i + 1}`),
        'haproxy',
        'prometheus',
        'postgres-exporter',
        ...(bus === 'redis' ? ['redis-exporter'] : []),
        'zipkin',
        'grafana',
      ];
      // docker-compose 1.29 lists services behind a profile (Grafana) too.
      expect(resolved.stdout.trim().split('\n').sort()).toEqual(expected.sort());
      const full = (await compose(file, 'config')).stdout;
      const published = full.match(/^\s*- (?:"|')?[\d.]*:?\d+:\d+(?:\/tcp)?(?:"|')?$/gm) ?? [];
      expect(published).toHaveLength(8); // Toxiproxy's API and two client links, HAProxy and its stats, Prometheus, Zipkin, Grafana
      for (const port of published) expect(port.trim()).toMatch(/^- ["']?127\.0\.0\.1:/);
      expect(full).not.toMatch(/:9464\/tcp/);
    });
  }

  it("brings up one replica with this checkout's images: the board answers through client.edge and HAProxy, Prometheus scrapes the replica", async () => {
    upFile = await writeProject(1, 'redis');
    const up = await compose(
      upFile,
      'up',
      '-d',
      'postgres',
      'redis',
      'toxiproxy',
      'replica-1',
      'haproxy',
      'prometheus',
      'postgres-exporter',
      'redis-exporter',
    );
    expect(up.code, up.stderr).toBe(0);

    const deadline = Date.now() + 150_000;
    let edge = { status: 0, body: '' };
    let direct = 0;
    let replicaTarget: { health: string; lastError?: string } | undefined;
    let connections: unknown[] = [];
    while (Date.now() < deadline) {
      edge = await fetch(`http://127.0.0.1:${hostPorts.board}/boards/compose-check`).then(
        async (r) => ({ status: r.status, body: await r.text() }),
        () => ({ status: 0, body: '' }),
      );
      direct = await fetch(`http://127.0.0.1:${hostPorts.haproxy}/healthz`).then(
        (r) => r.status,
        () => 0,
      );
      const targets = await fetch(`http://127.0.0.1:${hostPorts.prometheus}/api/v1/targets`).then(
        (r) => r.json(),
        () => undefined,
      );
      const active =
        (
          targets as
            | {
                data?: { activeTargets: Array<{ labels: Record<string, string>; health: string; lastError?: string }> };
              }
            | undefined
        )?.data?.activeTargets ?? [];
      replicaTarget = active.find((t) => t.labels.job === 'swagboard' && t.labels.instance === 'replica-1:9464');
      const query = await fetch(
        `http://127.0.0.1:${hostPorts.prometheus}/api/v1/query?query=${encodeURIComponent('swagboard_ws_connections{job="swagboard"}')}`,
      ).then(
        (r) => r.json(),
        () => undefined,
      );
      connections = (query as { data?: { result: unknown[] } } | undefined)?.data?.result ?? [];
      if (edge.status === 200 && direct === 200 && replicaTarget?.health === 'up' && connections.length > 0) break;
      await sleep(1000);
    }
    expect(edge.status, edge.body.slice(0, 300)).toBe(200);
    expect(edge.body).toContain('compose-check');
    expect(direct).toBe(200);
    expect(replicaTarget, 'Prometheus has a swagboard target replica-1:9464').toBeDefined();
    expect(replicaTarget!.health, replicaTarget!.lastError).toBe('up');
    expect(connections.length, 'swagboard_ws_connections scraped from the replica').toBeGreaterThan(0);
    // /metrics stays off the client-facing path, as in the lab.
    expect(await fetch(`http://127.0.0.1:${hostPorts.board}/metrics`).then((r) => r.status)).toBe(404);
    const proxies = (await fetch(`http://127.0.0.1:${hostPorts.toxiproxy}/proxies`).then((r) => r.json())) as Record<
      string,
      unknown
    >;
    expect(Object.keys(proxies).sort()).toEqual(
      planLinks(1, 'redis')
        .map((l) => l.name)
        .sort(),
    );
  }, 240_000);
});
