import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Redis } from 'ioredis';
import { startPostgres, startRedis, type RunningService } from './services.ts';

describe('test services', () => {
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
});
