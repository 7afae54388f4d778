import { EventEmitter } from 'node:events';

/** An HTTP response (for an SseStream) that keeps what was written and whether it was ended. */
export class RecordedResponse extends EventEmitter {
  writableLength = 0;
  readonly written: string[] = [];
  ended = false;
  socket = null;
  status() {
    return this;
  }
  setHeader() {
    return this;
  }
  flushHeaders() {}
  write(chunk: string) {
    this.written.push(chunk);
    return true;
  }
  end() {
    this.ended = true;
    return this;
  }
  destroy() {
    return this;
  }
}
