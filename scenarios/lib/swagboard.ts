// A small k6 client for SwagBoard's WebSocket protocol, built on k6/websockets.
import { WebSocket } from 'k6/websockets';
import { gatewayUrl, type Ack, type BoardEvent, type ServerError, type ServerMessage, type Welcome } from './protocol.ts';

export * from './protocol.ts';

export interface SessionHandlers {
  onWelcome?: (welcome: Welcome) => void;
  onEvent?: (event: BoardEvent) => void;
  onAck?: (ack: Ack) => void;
  onError?: (error: ServerError) => void;
  onClose?: () => void;
}

/** One signed-in connection to a SwagBoard gateway, joined to some boards. */
export class SwagSession {
  readonly socket: WebSocket;
  replica = '';
  private nextRef = 0;

  constructor(baseUrl: string, user: string, boards: string[], handlers: SessionHandlers) {
    this.socket = new WebSocket(gatewayUrl(baseUrl));
    this.socket.onopen = () => {
      this.send({ type: 'hello', v: 1, user, boards: boards.map((board) => ({ board })) });
    };
    this.socket.onmessage = (message) => {
      const msg = JSON.parse(String(message?.data)) as ServerMessage;
      switch (msg.type) {
        case 'welcome':
          this.replica = (msg as Welcome).replica;
          handlers.onWelcome?.(msg as Welcome);
          break;
        case 'event':
          handlers.onEvent?.(msg as BoardEvent);
          break;
        case 'ack':
          handlers.onAck?.(msg as Ack);
          break;
        case 'error':
          handlers.onError?.(msg as ServerError);
          break;
      }
    };
    this.socket.onclose = () => handlers.onClose?.();
  }

  /** Creates a task; the resulting event carries clientTs, the sender's clock, for latency. */
  createTask(board: string, title: string, column = 'todo'): string {
    const ref = `r${++this.nextRef}`;
    this.send({ type: 'task.create', ref, board, title, column, clientTs: Date.now() });
    return ref;
  }

  close(): void {
    this.socket.close();
  }

  private send(message: Record<string, unknown>): void {
    this.socket.send(JSON.stringify(message));
  }
}
