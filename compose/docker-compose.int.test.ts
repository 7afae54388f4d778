// compose/docker-compose.yml: valid, wired like the lab, and — all but
// Grafana, whose image needs Docker Hub — it really comes up and serves.
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../harness/images/docker-cli.ts';
import { ensureImages } from '../harness/images/ensure-images.ts';
import { ALL_IMAGES } from '../harness/images/image-catalogue.ts';
import { writeComposeConfig } from '../harness/lab/compose-config.ts';
import { planLinks } from '../harness/lab/topology.ts';
import { composeDir } from '../harness/paths.ts';

const composeFile = join(composeDir, 'docker-compose.yml');
const project = `swaglab-compose-test-${process.pid}`;
let composeCli: string | undefined;
const ports: Record<string, number> = {};

interface ComposeFile {
  services: Record<string, { image: string; volumes?: string[]; environment?: Record<string, string>; ports?: string[] }>;
}

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Debian's docker-compose 1.29 (installed here if missing), else docker's compose plugin. */
async function findComposeCli(): Promise<string | undefined> {
  if ((await run('docker-compose', ['version']).catch(() => ({ code: 1 }))).code === 0) return 'docker-compose';
  if (process.getuid?.() === 0) {
    await run('apt-get', ['install', '-y', '-qq', 'docker-compose']).catch(() => undefined);
    if ((await run('docker-compose', ['version']).catch(() => ({ code: 1 }))).code === 0) return 'docker-compose';
  }
  return undefined;
}

const compose = (...args: string[]) =>
  run(composeCli!, ['-p', project, '-f', composeFile, ...args], {
    env: {
      ...process.env,
      SWAGLAB_BOARD_PORT: String(ports.board),
      SWAGLAB_TOXIPROXY_PORT: String(ports.toxiproxy),
      SWAGLAB_HAPROXY_STATS_PORT: String(ports.stats),
      SWAGLAB_PROMETHEUS_PORT: String(ports.prometheus),
      SWAGLAB_GRAFANA_PORT: String(ports.grafana),
    },
  });

beforeAll(async () => {
  for (const name of ['board', 'toxiproxy', 'stats', 'prometheus', 'grafana']) ports[name] = await freePort();
  await writeComposeConfig({ bus: 'redis' });
  composeCli = await findComposeCli();
});

afterAll(async () => {
  if (composeCli) await compose('down', '-v', '--remove-orphans');
});

describe('compose/docker-compose.yml', () => {
  it('uses our images, mounts files that exist, and wires replicas through the lab links', async () => {
    const file = parse(await readFile(composeFile, 'utf8'), { merge: true }) as ComposeFile;
    const services = file.services;
    expect(Object.keys(services).sort()).toEqual(
      ['grafana', 'haproxy', 'nats', 'postgres', 'postgres-exporter', 'prometheus', 'redis', 'redis-exporter', 'replica-1', 'replica-2', 'toxiproxy'].sort(),
    );
    for (const [name, service] of Object.entries(services)) {
      if (name === 'grafana') expect(service.image).toMatch(/^grafana\/grafana:/);
      else expect(ALL_IMAGES.map((image) => `swaglab/${image}:latest`)).toContain(service.image);
      for (const volume of service.volumes ?? []) expect(existsSync(resolve(composeDir, volume.split(':')[0]!)), `${name}: ${volume}`).toBe(true);
      for (const port of service.ports ?? []) expect(port, `${name} binds loopback only`).toMatch(/^127\.0\.0\.1:/);
    }
    const links = planLinks(2, 'redis');
    for (const replica of ['replica-1', 'replica-2']) {
      const env = services[replica]!.environment!;
      const port = (link: string) => links.find((l) => l.name === `${replica}.${link}`)!.listenPort;
      expect(env.SWAGBOARD_DATABASE_URL).toBe(`postgres://swag@toxiproxy:${port('postgres')}/swagboard`);
      expect(env.SWAGBOARD_REDIS_URL).toBe(`redis://toxiproxy:${port('bus')}`);
    }
    expect(existsSync(join(dirname(composeFile), '..', 'dashboards', 'grafana', 'overview.json'))).toBe(true);
  });

  it('passes docker-compose config and brings up everything but Grafana', async (context) => {
    if (!composeCli) return context.skip('no docker-compose here and it could not be installed');
    expect((await compose('config', '-q')).stderr).toBe('');
    await ensureImages(ALL_IMAGES);
    const services = ['postgres', 'redis', 'nats', 'toxiproxy', 'replica-1', 'replica-2', 'haproxy', 'prometheus', 'postgres-exporter', 'redis-exporter'];
    const up = await compose('up', '-d', ...services);
    expect(up.code, up.stderr).toBe(0);

    const deadline = Date.now() + 120_000;
    let health = '';
    let targets: Array<{ labels: { job: string }; health: string }> = [];
    while (Date.now() < deadline) {
      health = await fetch(`http://127.0.0.1:${ports.board}/healthz`).then((r) => r.text(), () => '');
      const answer = await fetch(`http://127.0.0.1:${ports.prometheus}/api/v1/targets`).then((r) => r.json(), () => undefined);
      targets = (answer as { data?: { activeTargets: typeof targets } } | undefined)?.data?.activeTargets ?? [];
      if (health.includes('"status":"ok"') && targets.length >= 6 && targets.every((t) => t.health === 'up')) break;
      await sleep(1000);
    }
    expect(health).toContain('"status":"ok"');
    expect(targets.map((t) => `${t.labels.job}=${t.health}`).sort()).toEqual(
      ['haproxy=up', 'postgres=up', 'redis=up', 'swagboard=up', 'swagboard=up', 'toxiproxy=up'],
    );
    const proxies = (await fetch(`http://127.0.0.1:${ports.toxiproxy}/proxies`).then((r) => r.json())) as Record<string, unknown>;
    expect(Object.keys(proxies).sort()).toEqual(planLinks(2, 'redis').map((l) => l.name).sort());
  });
});
