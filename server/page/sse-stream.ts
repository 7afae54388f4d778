import type { Response } from 'express';
import { systemClock, type Cancel, type Clock } from '../clock.ts';

export const KEEPALIVE_MS = 15_000;

/** What may happen to a message when the reader is slow. */
export type SseDelivery = 'essential' | 'droppable';

export interface SseLimits {
  /** Past this many unsent bytes, droppable messages (typing) are dropped. */
  softBytes: number;
  /** A message that would take the unsent bytes past this closes the stream; the browser reconnects with Last-Event-ID. */
  hardBytes: number;
}

export const DEFAULT_SSE_LIMITS: SseLimits = { softBytes: 256 * 1024, hardBytes: 1024 * 1024 };

export interface SseOptions {
  /** Keepalive comment interval; KEEPALIVE_MS by default. */
  keepaliveMs?: number;
  limits?: SseLimits;
  /** Runs once when the stream is cut past its hard limit. */
  onOverflow?: () => void;
  clock?: Clock;
}

/** The part of an HTTP response a stream writes to; `writableLength` is what the reader has not taken yet. */
export type SseResponse = Pick<
  Response,
  'status' | 'setHeader' | 'flushHeaders' | 'write' | 'end' | 'destroy' | 'on' | 'socket' | 'writableLength'
>;

/**
 * One Server-Sent Events response. Comments every KEEPALIVE_MS keep proxies (HAProxy's `timeout server`)
 * from closing an idle stream; `X-Accel-Buffering: no` and `no-cache` keep intermediaries from buffering it.
 * Its unsent bytes are bounded like a WebSocket's queue: past soft, typing is dropped; past hard, the stream is
 * cut (the browser's EventSource reconnects and resumes from its Last-Event-ID), so a stalled reader cannot hold
 * more than about `hardBytes` of this process's memory.
 */
export class SseStream {
  private readonly stopKeepalive: Cancel;
  private readonly limits: SseLimits;
  private readonly onOverflow: () => void;
  private open = true;

  constructor(
    private readonly res: SseResponse,
    options: SseOptions = {},
  ) {
    this.limits = options.limits ?? DEFAULT_SSE_LIMITS;
    this.onOverflow = options.onOverflow ?? (() => undefined);
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.socket?.setNoDelay(true);
    res.write(': connected\nretry: 2000\n\n');
    this.stopKeepalive = (options.clock ?? systemClock).every(options.keepaliveMs ?? KEEPALIVE_MS, () =>
      this.write(': keepalive\n\n', 'droppable'),
    );
    res.on('close', () => this.stop());
  }

  get isOpen(): boolean {
    return this.open;
  }

  /** Sends one event; multi-line data becomes several `data:` lines, as the format requires. Returns false if not sent. */
  send(event: string, data: string, id?: number, delivery: SseDelivery = 'essential'): boolean {
    let message = `event: ${event}\n`;
    if (id !== undefined) message += `id: ${id}\n`;
    // EventSource ends a line at CR, LF or CRLF; a CR left inside a data line would cut the rest of it off.
    for (const line of data.split(/\r\n|\r|\n/)) message += `data: ${line}\n`;
    return this.write(`${message}\n`, delivery);
  }

  end(): void {
    if (!this.open) return;
    this.stop();
    this.res.end();
  }

  private write(chunk: string, delivery: SseDelivery): boolean {
    if (!this.open) return false;
    const unsent = this.res.writableLength;
    if (unsent + Buffer.byteLength(chunk) > this.limits.hardBytes && delivery === 'essential') {
      this.stop();
      this.onOverflow();
      this.res.destroy();
      return false;
    }
    if (unsent > this.limits.softBytes && delivery === 'droppable') return false;
    this.res.write(chunk);
    return true;
  }

  private stop(): void {
    this.open = false;
    this.stopKeepalive();
  }
}
