// Two in-process replicas on one real Postgres and one real Redis, for a describe block: started before its tests
// (together, so both run the migrations at once), everything closed after them.
import { afterAll, beforeAll } from 'vitest';
import type { SwagServer } from '../../server/app.ts';
import { WsTestClient } from '../../server/testing/ws-test-client.ts';
import { startReplica } from './replicas.ts';
import { startPostgres, startRedis, type RunningService } from './services.ts';

export interface RedisCluster {
  readonly a: SwagServer;
  readonly b: SwagServer;
  /** Joins `boards` on `server` as a protocol client, closed after the block. */
  join(
    server: SwagServer,
    boards: string[],
    options?: Parameters<typeof WsTestClient.join>[3],
  ): ReturnType<typeof WsTestClient.join>;
  /** A connected client that has not said hello yet, closed after the block. */
  connect(server: SwagServer): Promise<WsTestClient>;
  /** Starts one more replica on the same Postgres and Redis, closed after the block. */
  start(replica: string): Promise<SwagServer>;
}

export function useRedisCluster(env: Record<string, string> = {}): RedisCluster {
  let postgres: RunningService | undefined;
  let redis: RunningService | undefined;
  const servers: SwagServer[] = [];
  const byName = new Map<string, SwagServer>();
  const clients: WsTestClient[] = [];
  const start = async (replica: string) => {
    const replicaEnv = {
      SWAGBOARD_DATABASE_URL: postgres!.url,
      SWAGBOARD_AUTH: 'open',
      SWAGBOARD_BUS: 'redis',
      SWAGBOARD_REDIS_URL: redis!.url,
      SWAGBOARD_REPLICA: replica,
      ...env,
    };
    const server = await startReplica(replicaEnv, servers);
    byName.set(replica, server);
    return server;
  };

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    await Promise.all([start('replica-a'), start('replica-b')]);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all(servers.map((server) => server.close()));
    await Promise.all([postgres?.stop(), redis?.stop()]);
  });

  const replica = (name: string) => {
    const server = byName.get(name);
    if (!server) throw new Error(`${name} has not started`);
    return server;
  };
  return {
    get a() {
      return replica('replica-a');
    },
    get b() {
      return replica('replica-b');
    },
    async join(server, boards, options) {
      const joined = await WsTestClient.join(server.url, boards, 'tester', options);
      clients.push(joined.client);
      return joined;
    },
    async connect(server) {
      const client = await WsTestClient.connect(server.url);
      clients.push(client);
      return client;
    },
    start,
  };
}
