import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type RunningService } from '../../test/support/services.ts';
import { testLogger } from '../testing/test-logger.ts';
import { migrate, readMigrations, type Migration } from './migrate.ts';
import { createPool, type Pool } from './pool.ts';

describe('migrate (real Postgres)', () => {
  let postgres: RunningService;
  const pools: Pool[] = [];
  const pool = () => {
    const created = createPool(postgres.url, testLogger());
    pools.push(created);
    return created;
  };

  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await postgres?.stop();
  });

  it('applies every migration once when replicas start together, then nothing', async () => {
    const migrations = await readMigrations();
    expect(migrations.map((m) => m.id)).toContain('001-init');
    const results = await Promise.all(Array.from({ length: 5 }, () => migrate(pool(), migrations)));
    expect(results.flat().sort()).toEqual(migrations.map((m) => m.id).sort());
    expect(await migrate(pool(), migrations)).toEqual([]);
    const { rows } = await pools[0]!.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(rows.map((row) => row.table_name)).toEqual([
      'board_members',
      'boards',
      'events',
      'schema_migrations',
      'sessions',
      'tasks',
      'users',
    ]);
  });

  it('applies a new migration on top, and rolls back one that fails', async () => {
    const base = await readMigrations();
    const added: Migration = { id: '900-test-extra', sql: 'CREATE TABLE test_extra (id int)' };
    expect(await migrate(pool(), [...base, added])).toEqual(['900-test-extra']);
    const broken: Migration[] = [
      { id: '901-test-ok', sql: 'CREATE TABLE test_ok (id int)' },
      { id: '902-test-broken', sql: 'CREATE TABLE test_broken (id nonsense_type)' },
    ];
    await expect(migrate(pool(), [...base, added, ...broken])).rejects.toThrow(/nonsense_type/);
    const { rows } = await pools[0]!.query("SELECT id FROM schema_migrations WHERE id LIKE '90%' ORDER BY id");
    expect(rows).toEqual([{ id: '900-test-extra' }]);
    const { rowCount } = await pools[0]!.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'test_ok'");
    expect(rowCount).toBe(0);
  });
});
