import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthService } from './auth/auth-service.ts';
import { AuthStore } from './auth/auth-store.ts';
import { MembershipStore } from './auth/membership.ts';
import { SessionRevocations } from './auth/session-revocations.ts';
import { BoardService } from './board/board-service.ts';
import type { Bus } from './bus/bus.ts';
import { createBus } from './bus/create-bus.ts';
import { Fanout } from './bus/fanout.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import { attachGateway } from './gateway/ws-gateway.ts';
import { createHttpApp } from './http/http-app.ts';
import { startMetricsServer } from './http/metrics-server.ts';
import { createLogger, type Logger } from './log.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { createPage } from './page/page-router.ts';
import { PresenceTracker } from './presence/presence-tracker.ts';
import { BoardStreams } from './stream/board-streams.ts';
import { BoardStore } from './store/board-store.ts';
import { migrate, readMigrations } from './store/migrate.ts';
import { createPool } from './store/pool.ts';
import { UserBuckets } from './gateway/token-bucket.ts';
import { Admission } from './gateway/admission.ts';

export interface SwagServer {
  /** http://host:port of the listening server; the WebSocket is at `${url}/ws` with ws: scheme. */
  url: string;
  port: number;
  /** http://host:port/metrics: Prometheus's, on its own port (SWAGBOARD_METRICS_PORT), never the client-facing one. */
  metricsUrl: string;
  metrics: Metrics;
  /**
   * Drains: /healthz turns 503, clients get E_SHUTTING_DOWN and close 1001; sockets still open after
   * SWAGBOARD_DRAIN_SECONDS are cut; then bus and pool close.
   */
  close(): Promise<void>;
}

export interface ServerOptions {
  log?: Logger;
  clock?: Clock;
  host?: string;
}

/** Builds and starts one SwagBoard replica: store (with migrations), bus, fan-out, HTTP and WebSocket. */
export async function createServer(config: Config, options: ServerOptions = {}): Promise<SwagServer> {
  const log = options.log ?? createLogger(config);
  const clock = options.clock ?? systemClock;
  const metrics = createMetrics(config.replica);

  const pool = createPool(config.databaseUrl, log.child({ component: 'store' }));
  let bus: Bus | undefined;
  try {
    const applied = await migrate(pool, await readMigrations());
    if (applied.length > 0) log.info({ applied }, 'migrations applied');
    bus = await createBus(config, log.child({ component: 'bus' }));
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }

  const store = new BoardStore(pool, metrics);
  const fanout = new Fanout({
    bus,
    replica: config.replica,
    metrics,
    log: log.child({ component: 'fanout' }),
    clock,
    readEvents: (board, after, limit) => store.listEvents(board, after, limit),
  });
  const service = new BoardService({
    store,
    fanout,
    metrics,
    replica: config.replica,
    clock,
    authMode: config.auth,
    maxPendingWrites: config.maxPendingWrites,
  });

  const connectedBus = bus;
  const users = new AuthStore(pool);
  const membership = new MembershipStore(pool);
  const revocations = new SessionRevocations(bus, log.child({ component: 'auth' }));
  const auth = new AuthService({
    store: users,
    metrics,
    // With auth open nothing depends on tokens surviving a restart or another replica, so any key will do.
    tokenSecret: config.tokenSecret ?? randomBytes(32).toString('hex'),
    tokenTtlSeconds: config.tokenTtlSeconds,
    sessionTtlSeconds: config.sessionTtlSeconds,
    clock,
    onRevoked: (sessionId) => {
      closeSession(sessionId);
      revocations.publish(sessionId);
    },
  });
  const presence = new PresenceTracker({
    bus,
    replica: config.replica,
    metrics,
    log: log.child({ component: 'presence' }),
    clock,
    heartbeatMs: config.presenceHeartbeatMs,
    coalesceMs: config.presenceCoalesceMs,
  });

  // One board stream per subscriber, WebSocket or page; catch-up reads go to the store, as the fan-out's gap fills do.
  const streams = new BoardStreams({
    fanout,
    presence,
    metrics,
    readEvents: (board, after, limit) => service.readEvents(board, after, limit),
  });
  const admission = new Admission(config.maxConnections);
  const page = createPage({
    service,
    fanout,
    streams,
    membership,
    authMode: config.auth,
    replica: config.replica,
    log: log.child({ component: 'page' }),
    metrics,
    clock,
    admission,
    streamLimits: { softBytes: config.softQueueBytes, hardBytes: config.hardQueueBytes },
    // A stream outlives a revocation the bus lost by at most a token's lifetime, as a socket does.
    endedSessions: (sessionIds) => users.endedSessions(sessionIds, clock.now()),
    sessionCheckMs: config.tokenTtlSeconds * 1000,
  });

  let draining = false;
  const app = createHttpApp({
    service,
    metrics,
    log: log.child({ component: 'http' }),
    replica: config.replica,
    maxFrameBytes: config.maxFrameBytes,
    checks: [
      { name: 'postgres', check: () => store.ping() },
      { name: 'bus', check: () => connectedBus.ping() },
    ],
    isDraining: () => draining,
    clock,
    authMode: config.auth,
    auth,
    users,
    membership,
    routers: [page.router],
  });
  const server = createHttpServer(app);
  const gateway = attachGateway(server, {
    service,
    fanout,
    streams,
    metrics,
    log,
    replica: config.replica,
    maxFrameBytes: config.maxFrameBytes,
    clock,
    authMode: config.auth,
    auth,
    membership,
    presence,
    userBuckets: new UserBuckets(config.userRatePerSecond, config.userRateBurst, clock),
    limits: {
      softQueueBytes: config.softQueueBytes,
      hardQueueBytes: config.hardQueueBytes,
      ratePerSecond: config.ratePerSecond,
      rateBurst: config.rateBurst,
      userRatePerSecond: config.userRatePerSecond,
      resumeWindow: config.resumeWindow,
    },
    admission,
  });
  /** A signed-out session's sockets and page streams on this replica. */
  const closeSession = (sessionId: string) => {
    gateway.revokeSession(sessionId);
    page.revokeSession(sessionId);
  };
  await Promise.all([presence.start(), revocations.listen(closeSession)]);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const metricsServer = await startMetricsServer(metrics, config.metricsPort, options.host);
  const host = options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : '127.0.0.1';
  log.info({ port, metricsPort: metricsServer.port, bus: bus.kind }, 'swagboard listening');

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    metricsUrl: `http://${host}:${metricsServer.port}/metrics`,
    metrics,
    close() {
      closing ??= (async () => {
        draining = true;
        await gateway.close(config.drainSeconds * 1000);
        await page.close();
        await Promise.all([presence.close(), revocations.close()]);
        server.closeIdleConnections();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          clock.after(1000, () => server.closeAllConnections());
        });
        await fanout.close();
        await connectedBus.close();
        await pool.end();
        await metricsServer.close(); // last: a drain is still scraped
        log.info('swagboard closed');
      })();
      return closing;
    },
  };
}
