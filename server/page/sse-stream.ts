import type { Response } from "express";

export const KEEPALIVE_MS = 15_000;

/**
 * One Server-Sent Events response. Comments every KEEPALIVE_MS keep proxies (HAProxy's `timeout server`)
 * from closing an idle stream; `X-Accel-Buffering: no` and `no-cache` keep intermediaries from buffering it.
 */
export class SseStream {
  private readonly keepalive: NodeJS.Timeout;
  private open = true;

  constructor(
    private readonly res: Response,
    keepaliveMs: number = KEEPALIVE_MS,
  ) {
    res.status(200);
    res.setHeader("Content-Type", "text/event-stream; charset=utf-8");
    res.setHeader("Cache-Control", "no-cache, no-transform");
    res.setHeader("Connection", "keep-alive");
    res.setHeader("X-Accel-Buffering", "no");
    res.flushHeaders();
    res.socket?.setNoDelay(true);
    res.write(": connected\nretry: 2000\n\n");
    this.keepalive = setInterval(() => this.write(": keepalive\n\n"), keepaliveMs);
    this.keepalive.unref();
    res.on("close", () => this.stop());
  }

  get isOpen(): boolean {
    return this.open;
  }

  /** Sends one event; multi-line data becomes several `data:` lines, as the format requires. */
  send(event: string, data: string, id?: number): void {
    let message = `event: ${event}\n`;
    if (id !== undefined) message += `id: ${id}\n`;
    for (const line of data.split("\n")) message += `data: ${line}\n`;
    this.write(`${message}\n`);
  }

  end(): void {
    if (!this.open) return;
    this.stop();
    this.res.end();
  }

  private write(chunk: string): void {
    if (this.open) this.res.write(chunk);
  }

  private stop(): void {
    this.open = false;
    clearInterval(this.keepalive);
  }
}
