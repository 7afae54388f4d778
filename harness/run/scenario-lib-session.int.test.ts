// SwagSession (scenarios/lib/swagboard.ts) on the runner against a real SwagBoard replica on a real Postgres:
// send → ack is timed per write, E_BOARD_BUSY is counted as refused (never as an error) and retried only when
// asked, and batched `events` frames feed the same path as single events (ledger, onEvent).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SwagServer } from '../../server/app.ts';
import { startReplica } from '../../test/support/replicas.ts';
import { startPostgres, type RunningService } from '../../test/support/services.ts';
import { runScript } from '../runner/index.ts';

const SCRIPT = join(import.meta.dirname, '../../scenarios/lib/testdata/session-busy-batch.ts');

describe('SwagSession against a replica that admits two pending writes per board', () => {
  let postgres: RunningService;
  const servers: SwagServer[] = [];
  let baseUrl: string;
  beforeAll(async () => {
    postgres = await startPostgres();
    // Two pending writes per board: a burst of six sent at once gets some E_BOARD_BUSY, and the two admitted
    // together share a batch, so a batching client gets them in one `events` frame.
    const server = await startReplica(
      {
        SWAGBOARD_DATABASE_URL: postgres.url,
        SWAGBOARD_AUTH: 'open',
        SWAGBOARD_BUS: 'none',
        SWAGBOARD_REPLICA: 'session',
        SWAGBOARD_MAX_PENDING_WRITES: '2',
      },
      servers,
    );
    baseUrl = server.url;
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await postgres?.stop();
  });

  it('retries refused writes when asked, times each to its ack, and takes batched events once each', async () => {
    const outcome = await runScript({
      scriptPath: SCRIPT,
      env: { BASE_URL: baseUrl, BOARD: 'session-retry', BATCH: '1', RETRY: '1', WRITES: '6' },
      quiet: true,
    });
    const m = outcome.summary.metrics;
    expect(outcome.exitCode).toBe(0);
    expect(m.swag_writes_refused?.values.count).toBeGreaterThanOrEqual(1);
    expect(m.t_refused_retrying?.values.count).toBe(m.swag_writes_refused?.values.count);
    expect(m.t_errors).toBeUndefined();
    expect(m.swag_ack_latency?.values.count).toBe(6);
    expect(m['t_events{kind:new}']?.values.count).toBe(6);
    expect(m['t_events{kind:duplicate}']?.values.count ?? 0).toBe(0);
  });

  it('without retry, a refused write is settled as refused: no ack, no error', async () => {
    const outcome = await runScript({
      scriptPath: SCRIPT,
      env: { BASE_URL: baseUrl, BOARD: 'session-once', WRITES: '6' },
      quiet: true,
    });
    const m = outcome.summary.metrics;
    const refused = m.swag_writes_refused?.values.count ?? 0;
    expect(refused).toBeGreaterThanOrEqual(1);
    expect(m.t_refused_retrying).toBeUndefined();
    expect(m.t_errors).toBeUndefined();
    expect(m.swag_ack_latency?.values.count).toBe(6 - refused);
  });
});
