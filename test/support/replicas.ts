// In-process SwagBoard replicas for integration tests: 127.0.0.1, port 0,
// a quiet logger, each recorded so the test can close what it started.
import { createServer, type SwagServer } from '../../server/app.ts';
import { parseConfig, type Env } from '../../server/config.ts';
import { testLogger } from '../../server/testing/test-logger.ts';

export async function startReplica(env: Env, started: SwagServer[]): Promise<SwagServer> {
  const server = await createServer(parseConfig({ SWAGBOARD_PORT: '0', SWAGBOARD_METRICS_PORT: '0', ...env }), {
    log: testLogger(),
    host: '127.0.0.1',
  });
  started.push(server);
  return server;
}
