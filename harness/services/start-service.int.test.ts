import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Redis } from 'ioredis';
import { docker } from '../images/docker-cli.ts';
import { startNats, startPostgres, startRedis, type RunningService } from './start-service.ts';

describe('services started alone', () => {
  const started: RunningService[] = [];
  afterAll(async () => Promise.all(started.map((s) => s.stop())));

  it('starts a real Postgres that answers queries', async () => {
    const postgres = await startPostgres();
    started.push(postgres);
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    const { rows } = await client.query<{ v: string }>('select version() as v');
    await client.end();
    expect(rows[0]!.v).toMatch(/PostgreSQL 15/);
  });

  it('starts a real Redis that answers PING', async () => {
    const redis = await startRedis();
    started.push(redis);
    const client = new Redis(redis.url);
    expect(await client.ping()).toBe('PONG');
    client.disconnect();
  });

  it('starts a real NATS, published on 127.0.0.1 only (no password on these services)', async () => {
    const nats = await startNats();
    started.push(nats);
    expect(nats.url).toMatch(/^nats:\/\/127\.0\.0\.1:\d+$/);
    const inspected = await docker(['inspect', '--format', '{{json .NetworkSettings.Ports}}', nats.container.getId()]);
    const bindings = Object.values(
      JSON.parse(inspected.stdout) as Record<string, Array<{ HostIp: string }> | null>,
    ).flatMap((b) => b ?? []);
    expect(bindings.map((b) => b.HostIp)).toEqual(['127.0.0.1']);
  });
});
