import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { inTransaction, type Pool } from './pool.ts';

/**
 * Next to this file in the source tree, and next to server.mjs in the bundle
 * (build.ts copies the folder), so one relative URL serves both.
 */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Arbitrary constant shared by every replica: "swagbrd" in ASCII. */
const MIGRATION_LOCK_KEY = 0x73776167627264;

export interface Migration {
  id: string;
  sql: string;
}

export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => /^\d{3}-[a-z0-9-]+\.sql$/.test(name)).sort();
  return Promise.all(
    names.map(async (name) => ({ id: name.replace(/\.sql$/, ''), sql: await readFile(`${dir}/${name}`, 'utf8') })),
  );
}

/**
 * Applies pending migrations in one transaction under a transaction-scoped advisory lock,
 * so replicas starting together apply each migration once and the others wait, then find nothing to do.
 * Returns the ids applied by this call.
 */
export async function migrate(pool: Pool, migrations: Migration[]): Promise<string[]> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ id: string }>('SELECT id FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.id));
    const pending = migrations.filter((migration) => !applied.has(migration.id));
    for (const migration of pending) {
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
    }
    return pending.map((migration) => migration.id);
  });
}
