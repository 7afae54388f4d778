import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { settlesWithin } from '../clock.ts';
import { SwagError } from '../errors.ts';
import type { Admission } from './admission.ts';
import { BatchFlusher } from './batch-flusher.ts';
import { Connection, type ConnectionDeps } from './connection.ts';

export const WS_PATH = '/ws';

/**
 * Frames above maxFrameBytes get an E_FRAME_TOO_LARGE error and the socket lives on; frames above
 * this multiple are not even buffered: ws closes the socket with 1009.
 */
const HARD_FRAME_LIMIT_FACTOR = 4;

export interface Gateway {
  /**
   * Refuses new upgrades with 503 (Retry-After: 1) from now on, sends E_SHUTTING_DOWN with close 1001 to every
   * client, and waits at most `timeoutMs` for the sockets to close.
   */
  close(timeoutMs: number): Promise<void>;
  /** Closes, with 4001, the sockets signed in through this session. */
  revokeSession(sessionId: string): void;
  readonly connectionCount: number;
}

export interface GatewayDeps extends Omit<ConnectionDeps, 'flusher'> {
  /** Upgrades past its limit (sockets and page streams together) get HTTP 503. */
  admission: Admission;
}

export function attachGateway(server: Server, deps: GatewayDeps): Gateway {
  const connections = new Set<Connection>();
  const log = deps.log.child({ component: 'gateway' });
  const flusher = new BatchFlusher();
  let draining = false;

  const wss = new WebSocketServer({
    server,
    path: WS_PATH,
    maxPayload: deps.maxFrameBytes * HARD_FRAME_LIMIT_FACTOR,
    verifyClient: (_info, accept) => {
      // A draining replica takes no new sockets: 503 lets the proxy retry the upgrade on another replica.
      if (draining) return refuse(accept);
      if (deps.admission.hasRoom) return accept(true);
      deps.metrics.wsRejected.inc({ reason: 'max_connections' });
      deps.metrics.errors.inc({ code: 'E_OVERLOADED' });
      accept(false, 503, 'replica is at its connection limit', { 'Retry-After': '1' });
    },
  });

  const refuse = (accept: (ok: boolean, status: number, message: string, headers: Record<string, string>) => void) => {
    deps.metrics.wsRejected.inc({ reason: 'shutting_down' });
    deps.metrics.errors.inc({ code: 'E_SHUTTING_DOWN' });
    accept(false, 503, 'replica is shutting down', { 'Retry-After': '1' });
  };
  // Once ws has let go of the server, upgrades would reach the HTTP routes (404): keep refusing them with 503.
  const refuseAfterClose = (_request: IncomingMessage, socket: Duplex) => {
    deps.metrics.wsRejected.inc({ reason: 'shutting_down' });
    socket.end('HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  };

  deps.metrics.wsQueuedBytes.reset();
  const queuedBytes = deps.metrics.wsQueuedBytes;
  const collect = () => {
    let total = 0;
    for (const connection of connections) total += connection.queuedBytes;
    queuedBytes.set(total);
  };
  // prom-client calls a gauge's collect() at scrape time; the sum is only worth computing then.
  (queuedBytes as unknown as { collect?: () => void }).collect = collect;

  wss.on('connection', (socket) => {
    const connection = new Connection(socket, { ...deps, log, flusher });
    if (draining) return connection.fail(new SwagError('E_SHUTTING_DOWN'));
    connections.add(connection);
    deps.admission.admit();
    deps.metrics.wsConnections.inc();
    socket.on('message', (data, isBinary) =>
      connection.receive(
        Buffer.isBuffer(data) ? data : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]),
        isBinary,
      ),
    );
    socket.on('error', (error) => log.debug({ err: error, connectionId: connection.id }, 'socket error'));
    socket.on('close', () => {
      if (connections.delete(connection)) deps.admission.release();
      deps.metrics.wsConnections.dec();
      connection.closed();
    });
  });
  wss.on('error', (error) => log.error({ err: error }, 'websocket server error'));

  return {
    get connectionCount() {
      return connections.size;
    },
    revokeSession(sessionId) {
      for (const connection of connections) connection.revoked(sessionId);
    },
    async close(timeoutMs) {
      draining = true;
      const sockets = [...wss.clients];
      for (const connection of connections) connection.fail(new SwagError('E_SHUTTING_DOWN'));
      const allClosed = Promise.all(
        sockets.map(
          (socket) =>
            new Promise((resolve) =>
              socket.readyState === socket.CLOSED ? resolve(undefined) : socket.once('close', resolve),
            ),
        ),
      );
      await settlesWithin(deps.clock, allClosed, timeoutMs);
      for (const socket of wss.clients) socket.terminate();
      const closed = new Promise<void>((resolve) => wss.close(() => resolve()));
      server.on('upgrade', refuseAfterClose);
      await closed;
    },
  };
}
