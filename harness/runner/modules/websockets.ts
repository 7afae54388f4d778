import { WebSocket as WsClient } from 'ws';
import type { VuApi } from '../script/vu-api.ts';
import type { Handle } from '../script/event-loop.ts';
import { toArrayBuffer } from './bytes.ts';
import { stringTags } from './k6-core.ts';

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;
const EVENTS = ['open', 'message', 'error', 'close', 'ping', 'pong'] as const;
type EventName = (typeof EVENTS)[number];
type Listener = (event: Record<string, unknown>) => unknown;

interface Params {
  headers?: Record<string, string>;
  tags?: Record<string, unknown>;
  compression?: string;
}

/** Close codes after which k6 fires an error event before close: abnormal closure and application codes. */
export function isAbnormalClose(code: number): boolean {
  return code === 1006 || code >= 4000;
}

/** The HTTP status of a failed upgrade as `ws` reports it ("Unexpected server response: 403"); '0' for network errors. */
export function statusOfFailedUpgrade(message: string): string {
  return /Unexpected server response: (\d{3})/.exec(message)?.[1] ?? '0';
}

// How long an interrupted socket waits for the server's close reply before it is dropped. The wait never holds the
// runner's exit: the VU has already let go of the socket.
const INTERRUPT_CLOSE_GRACE_MS = 1000;
const GRACE_TIMER = { unref: true } as const;

/**
 * `k6/websockets`: the browser-like WebSocket, on the `ws` package. A socket
 * keeps its VU's iteration open until it is closed (k6 semantics). Every
 * attempt emits ws_sessions and ws_connecting tagged with `status` (101, the
 * refused upgrade's HTTP status, or 0), failed ones included; opened sockets
 * add ws_session_duration, ws_msgs_sent/received, ws_ping and
 * data_sent/received (payload bytes, not frame overhead).
 */
export function createWebSocketsModule(vu: VuApi) {
  const clock = vu.services.clock;

  class WebSocket {
    static readonly CONNECTING = CONNECTING;
    static readonly OPEN = OPEN;
    static readonly CLOSING = CLOSING;
    static readonly CLOSED = CLOSED;

    readonly CONNECTING = CONNECTING;
    readonly OPEN = OPEN;
    readonly CLOSING = CLOSING;
    readonly CLOSED = CLOSED;
    readonly url: string;
    readyState = CONNECTING;
    binaryType: 'blob' | 'arraybuffer' = 'blob';
    protocol = '';
    onopen: Listener | null = null;
    onmessage: Listener | null = null;
    onerror: Listener | null = null;
    onclose: Listener | null = null;
    onping: Listener | null = null;
    onpong: Listener | null = null;

    private readonly listeners = new Map<EventName, Listener[]>();
    private readonly socket: WsClient;
    private readonly handle: Handle;
    private sampleTags: Record<string, string>;
    private readonly started = clock.now();
    private pingSentAt: number[] = [];
    private opened = false;
    private attemptReported = false;
    private errorDispatched = false;
    // Blob payloads are read asynchronously; later sends wait behind them to keep order.
    private sendQueue: Promise<void> | undefined;

    constructor(url: string, protocols?: string | string[] | null, params?: Params) {
      if (vu.inInit) throw new Error('WebSocket connections cannot be opened in the init context');
      this.url = String(url);
      this.sampleTags = vu.tags({ ...stringTags(params?.tags), url: this.url });
      const socket = new WsClient(this.url, protocols ?? undefined, {
        headers: params?.headers,
        perMessageDeflate: params?.compression === 'deflate',
      });
      this.socket = socket;
      this.handle = vu.loop.ref(() => this.closeOnInterrupt());

      socket.on(
        'open',
        vu.loop.bind(() => {
          this.readyState = OPEN;
          this.opened = true;
          this.protocol = socket.protocol;
          this.reportAttempt('101');
          this.dispatch('open', {});
        }),
      );
      socket.on(
        'message',
        vu.loop.bind((raw: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
          const buf = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw as ArrayBuffer);
          vu.emit('ws_msgs_received', 1, this.sampleTags);
          vu.emit('data_received', buf.byteLength, this.sampleTags);
          const data = !isBinary
            ? buf.toString('utf8')
            : this.binaryType === 'arraybuffer'
              ? toArrayBuffer(buf, vu.realmArrayBuffer)
              : new Blob([buf]);
          this.dispatch('message', { data, origin: this.url });
        }),
      );
      socket.on(
        'ping',
        vu.loop.bind((data: Buffer) => this.dispatch('ping', { data: data.toString() })),
      );
      socket.on(
        'pong',
        vu.loop.bind((data: Buffer) => {
          const sent = this.pingSentAt.shift();
          if (sent !== undefined) vu.emit('ws_ping', clock.now() - sent, this.sampleTags);
          this.dispatch('pong', { data: data.toString() });
        }),
      );
      socket.on('error', (err: Error) => {
        if (!this.opened) this.reportAttempt(statusOfFailedUpgrade(err.message));
        vu.loop.bind(() => this.dispatchError(err.message))();
      });
      socket.on('close', (code: number, reason: Buffer) => {
        this.readyState = CLOSED;
        if (this.opened) vu.emit('ws_session_duration', clock.now() - this.started, this.sampleTags);
        else this.reportAttempt('0');
        // The close handler runs before the loop may consider the VU idle, so
        // a handler that opens a new socket keeps the iteration alive.
        vu.loop.bind(() => {
          if (isAbnormalClose(code))
            this.dispatchError(
              `websocket closed abnormally with code ${code}${reason.length ? `: ${reason.toString()}` : ''}`,
            );
          this.dispatch('close', { code, reason: reason.toString(), wasClean: code === 1000 });
        })();
        this.handle.release();
      });
    }

    /** ws_sessions and ws_connecting, once per attempt; the status tag then stays on the socket's samples. */
    private reportAttempt(status: string): void {
      if (this.attemptReported) return;
      this.attemptReported = true;
      this.sampleTags = { ...this.sampleTags, status };
      vu.emit('ws_sessions', 1, this.sampleTags);
      vu.emit('ws_connecting', clock.now() - this.started, this.sampleTags);
    }

    private dispatchError(message: string): void {
      if (this.errorDispatched) return;
      this.errorDispatched = true;
      this.dispatch('error', { error: message, message });
    }

    /** An interrupted VU says goodbye (close frame 1001) instead of dropping the TCP connection. */
    private closeOnInterrupt(): void {
      if (this.socket.readyState !== WsClient.OPEN) {
        this.socket.terminate();
        return;
      }
      this.readyState = CLOSING;
      this.socket.close(1001, 'going away');
      clock.after(INTERRUPT_CLOSE_GRACE_MS, () => this.socket.terminate(), GRACE_TIMER);
    }

    get bufferedAmount(): number {
      return this.socket.bufferedAmount;
    }

    send(data: string | ArrayBuffer | ArrayBufferView | Blob): void {
      if (this.readyState !== OPEN)
        throw new Error(`WebSocket.send: socket is not open (readyState ${this.readyState})`);
      if (isBlob(data) || this.sendQueue) {
        const previous = this.sendQueue ?? Promise.resolve();
        const queued = previous
          .then(async () => (isBlob(data) ? Buffer.from(await data.arrayBuffer()) : toPayload(data)))
          .then((payload) => {
            if (this.socket.readyState === WsClient.OPEN) this.transmit(payload);
          })
          .catch((e: unknown) =>
            vu.loop.bind(() => this.dispatchError(`WebSocket.send: ${(e as Error).message ?? e}`))(),
          );
        this.sendQueue = queued;
        void queued.finally(() => {
          if (this.sendQueue === queued) this.sendQueue = undefined;
        });
        return;
      }
      this.transmit(toPayload(data));
    }

    private transmit(payload: string | Buffer): void {
      this.socket.send(payload);
      vu.emit('ws_msgs_sent', 1, this.sampleTags);
      vu.emit(
        'data_sent',
        typeof payload === 'string' ? Buffer.byteLength(payload) : payload.byteLength,
        this.sampleTags,
      );
    }

    ping(): void {
      if (this.readyState !== OPEN) return;
      this.pingSentAt.push(clock.now());
      this.socket.ping();
    }

    close(code?: number, reason?: string): void {
      if (this.readyState === CLOSING || this.readyState === CLOSED) return;
      this.readyState = CLOSING;
      if (this.socket.readyState === WsClient.CONNECTING) this.socket.terminate();
      else this.socket.close(code ?? 1000, reason);
    }

    addEventListener(event: string, listener: Listener): void {
      if (!EVENTS.includes(event as EventName)) throw new Error(`WebSocket.addEventListener: unknown event "${event}"`);
      const list = this.listeners.get(event as EventName) ?? [];
      list.push(listener);
      this.listeners.set(event as EventName, list);
    }

    removeEventListener(event: string, listener: Listener): void {
      const list = this.listeners.get(event as EventName);
      if (list)
        this.listeners.set(
          event as EventName,
          list.filter((l) => l !== listener),
        );
    }

    private dispatch(type: EventName, fields: Record<string, unknown>): void {
      const event = { type, target: this, timestamp: Date.now(), ...fields };
      const prop = this[`on${type}`];
      if (typeof prop === 'function') vu.callHandler(prop, this, [event]);
      for (const l of this.listeners.get(type) ?? []) vu.callHandler(l, this, [event]);
    }
  }

  return { WebSocket, Blob };
}

function isBlob(data: unknown): data is Blob {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as Blob).arrayBuffer === 'function' &&
    typeof (data as Blob).size === 'number'
  );
}

function toPayload(data: string | ArrayBuffer | ArrayBufferView): string | Buffer {
  if (typeof data === 'string') return data;
  return ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);
}
