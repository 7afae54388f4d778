// A Server-Sent Events reader for tests: what a browser's EventSource sees of one stream, without a browser.
import { Inbox } from '../../server/testing/inbox.ts';

export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

export class SseTestClient {
  private readonly inbox = new Inbox<SseMessage>('message');
  /** Every message received and not yet taken by `next`. */
  readonly messages = this.inbox.items;
  /** Resolves when the server ends the stream (or the test aborts it), with the time it ended. */
  readonly ended: Promise<number>;
  private done = false;

  private constructor(
    body: ReadableStream<Uint8Array>,
    private readonly abort: AbortController,
  ) {
    this.ended = this.read(body).then(() => {
      this.done = true;
      this.inbox.wake();
      return Date.now();
    });
  }

  /** Opens `url` with the session `cookie`; fails unless the server answers 200 with an event stream. */
  static async open(url: string, cookie?: string): Promise<SseTestClient> {
    const abort = new AbortController();
    const response = await fetch(url, {
      headers: { accept: 'text/event-stream', ...(cookie ? { cookie } : {}) },
      signal: abort.signal,
    });
    if (response.status !== 200 || !response.body)
      throw new Error(`stream ${url} answered ${response.status}: ${await response.text()}`);
    return new SseTestClient(response.body, abort);
  }

  get isEnded(): boolean {
    return this.done;
  }

  /** The first message not yet taken that matches; takes it. */
  next(matches: (message: SseMessage) => boolean, timeoutMs = 3000): Promise<SseMessage> {
    return this.inbox.take(matches, timeoutMs, () => this.done);
  }

  close(): void {
    this.abort.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for await (const chunk of body) {
        buffered += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          this.parse(buffered.slice(0, end));
          buffered = buffered.slice(end + 2);
        }
      }
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
    }
  }

  /** One message block; comment lines (keepalives) and `retry:` carry no message. */
  private parse(block: string): void {
    const message: SseMessage = { event: 'message', data: '' };
    const data: string[] = [];
    for (const line of block.split('\n')) {
      const colon = line.indexOf(':');
      if (colon === 0) continue;
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') message.event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') message.id = value;
    }
    if (data.length === 0) return;
    message.data = data.join('\n');
    this.inbox.push(message);
  }
}
