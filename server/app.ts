import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { BoardService } from "./board/board-service.ts";
import type { Bus } from "./bus/bus.ts";
import { createBus } from "./bus/create-bus.ts";
import { Fanout, type Clock } from "./bus/fanout.ts";
import type { Config } from "./config.ts";
import { attachGateway } from "./gateway/ws-gateway.ts";
import { createHttpApp } from "./http/http-app.ts";
import { createLogger, type Logger } from "./log.ts";
import { createMetrics, type Metrics } from "./metrics.ts";
import { BoardStore } from "./store/board-store.ts";
import { migrate, readMigrations } from "./store/migrate.ts";
import { createPool } from "./store/pool.ts";

export interface SwagServer {
  /** http://host:port of the listening server; the WebSocket is at `${url}/ws` with ws: scheme. */
  url: string;
  port: number;
  metrics: Metrics;
  /** Drains: /healthz turns 503, clients get E_SHUTTING_DOWN and close 1001, then bus and pool close. */
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
  const clock = options.clock ?? Date.now;
  const metrics = createMetrics(config.replica);

  const pool = createPool(config.databaseUrl, log.child({ component: "store" }));
  let bus: Bus | undefined;
  try {
    const applied = await migrate(pool, await readMigrations());
    if (applied.length > 0) log.info({ applied }, "migrations applied");
    bus = await createBus(config, log.child({ component: "bus" }));
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }

  const store = new BoardStore(pool, metrics);
  const fanout = new Fanout({ bus, replica: config.replica, metrics, log: log.child({ component: "fanout" }), clock });
  const service = new BoardService({ store, fanout, replica: config.replica, clock });

  let draining = false;
  const connectedBus = bus;
  const app = createHttpApp({
    service,
    metrics,
    log: log.child({ component: "http" }),
    replica: config.replica,
    maxFrameBytes: config.maxFrameBytes,
    checks: [
      { name: "postgres", check: () => store.ping() },
      { name: "bus", check: () => connectedBus.ping() },
    ],
    isDraining: () => draining,
  });
  const server = createHttpServer(app);
  const gateway = attachGateway(server, { service, fanout, metrics, log, replica: config.replica, maxFrameBytes: config.maxFrameBytes, clock });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host && options.host !== "0.0.0.0" && options.host !== "::" ? options.host : "127.0.0.1";
  log.info({ port, bus: bus.kind }, "swagboard listening");

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    metrics,
    close() {
      closing ??= (async () => {
        draining = true;
        await gateway.close();
        server.closeIdleConnections();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          setTimeout(() => server.closeAllConnections(), 1000).unref();
        });
        await fanout.close();
        await connectedBus.close();
        await pool.end();
        log.info("swagboard closed");
      })();
      return closing;
    },
  };
}
