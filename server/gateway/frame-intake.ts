import { monotonicMs } from '../bus/hop-clock.ts';
import { settlesWithin, type Clock } from '../clock.ts';
import { SwagError } from '../errors.ts';
import type { Metrics } from '../metrics.ts';
import { frameRef, parseClientFrame, typeLabel, type ClientMessage } from './protocol.ts';
import type { RateGate } from './rate-gate.ts';

/**
 * How long a flood close waits for the replies it owes before it closes anyway: longer than a batch may take to
 * commit or fail (5 s), so in practice every accepted command is answered before the close.
 */
export const FLOOD_DRAIN_MS = 10_000;

/** What the intake needs from its connection. */
export interface IntakeHost {
  /** True once the socket closed (or a close was sent): frames are no longer handled. */
  isClosed(): boolean;
  /** Sends the error (with its ref) and closes the socket when the catalogue says so. */
  fail(error: SwagError, ref?: string): void;
  /** The flood close went out: nothing more is handled. */
  markClosed(): void;
  /** True when the message may go on to its commit while the next frame is handled (see Connection). */
  pipelines(message: ClientMessage): boolean;
  /** Handles one message; its reply goes out only after `previous` settled. Never rejects. */
  run(message: ClientMessage, receivedAt: number, validatedAt: number, previous: Promise<void>): Promise<void>;
}

export interface IntakeOptions {
  gate: RateGate;
  metrics: Metrics;
  maxFrameBytes: number;
  /** For the flood close's bound, FLOOD_DRAIN_MS. */
  clock: Clock;
}

/**
 * Admission of one connection's frames: the rate limit judges each frame as it arrives (a token check, no parse),
 * then the verdict takes the frame's place in one in-order chain, so every reply — ack, error, pong, refusal —
 * goes out in the order the frames were sent, and a flood close only after the replies it owes.
 */
export class FrameIntake {
  private queue: Promise<void> = Promise.resolve();
  /** Settles once every reply owed so far has been sent: replies keep the order of the frames they answer. */
  private replies: Promise<void> = Promise.resolve();
  /** Set once a frame tipped the connection into flooding: later frames are discarded unanswered. */
  private flooding = false;

  constructor(
    private readonly host: IntakeHost,
    private readonly options: IntakeOptions,
  ) {}

  receive(data: Buffer, isBinary: boolean): void {
    if (this.host.isClosed() || this.flooding) return;
    // receive_validate starts here: waiting behind this connection's earlier frames is part of the hop.
    const receivedAt = monotonicMs();
    const verdict = this.options.gate.judge();
    if (verdict.kind === 'accepted') {
      this.queue = this.queue.then(() => this.handleFrame(data, isBinary, receivedAt));
      return;
    }
    this.options.metrics.rateLimited.inc({ scope: verdict.scope });
    if (verdict.kind === 'refused') {
      this.queue = this.queue.then(() => this.refuse(verdict.error, data, isBinary));
      return;
    }
    this.closeWhenDrained(verdict.error, data, isBinary);
  }

  private async refuse(error: SwagError, data: Buffer, isBinary: boolean): Promise<void> {
    await this.replies;
    if (this.host.isClosed()) return;
    this.host.fail(error, refOf(data, isBinary));
  }

  /**
   * A flood close keeps every promise: frames accepted before it are still handled and answered, in order, then
   * the tipping frame gets E_FLOODING and the socket closes with 4029; frames after it are discarded unanswered
   * (never applied). The wait is bounded.
   */
  private closeWhenDrained(error: SwagError, data: Buffer, isBinary: boolean): void {
    this.flooding = true;
    const ref = refOf(data, isBinary);
    const drained = this.queue.then(() => this.replies);
    this.queue = drained;
    void settlesWithin(this.options.clock, drained, FLOOD_DRAIN_MS).then(() => {
      if (this.host.isClosed()) return;
      this.host.fail(error, ref);
      this.host.markClosed();
    });
  }

  private async handleFrame(data: Buffer, isBinary: boolean, receivedAt: number): Promise<void> {
    if (this.host.isClosed()) return;
    const { metrics, maxFrameBytes } = this.options;
    const invalid = async (error: SwagError, ref?: string) => {
      metrics.wsMessagesReceived.inc({ type: 'invalid' });
      await this.replies;
      this.host.fail(error, ref);
    };
    if (isBinary) return invalid(new SwagError('E_BINARY_FRAME'));
    if (data.length > maxFrameBytes) {
      return invalid(
        new SwagError(
          'E_FRAME_TOO_LARGE',
          `frame of ${data.length} bytes is larger than the limit of ${maxFrameBytes} bytes`,
        ),
        refOf(data, false),
      );
    }
    const parsed = parseClientFrame(data.toString('utf8'));
    if (!parsed.ok) return invalid(parsed.error, parsed.ref);
    const message = parsed.message;
    const validatedAt = monotonicMs();
    metrics.wsMessagesReceived.inc({ type: typeLabel(message.type) });
    const previous = this.replies;
    if (this.host.pipelines(message)) {
      // Queued for its board's group commit within this call; the next frame may go on while it commits.
      this.replies = this.host.run(message, receivedAt, validatedAt, previous);
      return;
    }
    await previous;
    await this.host.run(message, receivedAt, validatedAt, previous);
  }
}

/** The ref of a frame not otherwise parsed (refused, too large, flooding). ws bounds text frames to 4× the limit. */
function refOf(data: Buffer, isBinary: boolean): string | undefined {
  return isBinary ? undefined : frameRef(data.toString('utf8'));
}
