// A Server-Sent Events reader for tests: what a browser's EventSource sees of one stream, without a browser.
export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

export class SseTestClient {
  readonly messages: SseMessage[] = [];
  /** Resolves when the server ends the stream (or the test aborts it), with the time it ended. */
  readonly ended: Promise<number>;
  private waiters: (() => void)[] = [];
  private done = false;

  private constructor(
    body: ReadableStream<Uint8Array>,
    private readonly abort: AbortController,
  ) {
    this.ended = this.read(body).then(() => {
      this.done = true;
      for (const wake of this.waiters.splice(0)) wake();
      return Date.now();
    });
  }

  /** Opens `url` with the session `cookie`; fails unless the server answers 200 with an event stream. */
  static async open(url: string, cookie?: string): Promise<SseTestClient> {
    const abort = new AbortController();
    const response = await fetch(url, { headers: { accept: "text/event-stream", ...(cookie ? { cookie } : {}) }, signal: abort.signal });
    if (response.status !== 200 || !response.body) throw new Error(`stream ${url} answered ${response.status}: ${await response.text()}`);
    return new SseTestClient(response.body, abort);
  }

  get isEnded(): boolean {
    return this.done;
  }

  /** The first message not yet taken that matches; takes it. */
  async next(matches: (message: SseMessage) => boolean, timeoutMs = 3000): Promise<SseMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.messages.findIndex(matches);
      if (index >= 0) return this.messages.splice(index, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0 || this.done) throw new Error(`no matching message within ${timeoutMs} ms${this.done ? " (stream ended)" : ""}; have ${JSON.stringify(this.messages).slice(0, 2000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.abort.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffered = "";
    try {
      for await (const chunk of body) {
        buffered += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffered.indexOf("\n\n")) >= 0) {
          this.parse(buffered.slice(0, end));
          buffered = buffered.slice(end + 2);
        }
      }
    } catch (error) {
      if ((error as Error).name !== "AbortError") throw error;
    }
  }

  /** One message block; comment lines (keepalives) and `retry:` carry no message. */
  private parse(block: string): void {
    const message: SseMessage = { event: "message", data: "" };
    const data: string[] = [];
    for (const line of block.split("\n")) {
      const colon = line.indexOf(":");
      if (colon === 0) continue;
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") message.event = value;
      else if (field === "data") data.push(value);
      else if (field === "id") message.id = value;
    }
    if (data.length === 0) return;
    message.data = data.join("\n");
    this.messages.push(message);
    for (const wake of this.waiters.splice(0)) wake();
  }
}
