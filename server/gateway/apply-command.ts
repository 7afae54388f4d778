import type { Actor, BoardEvent } from '../board/board-event.ts';
import type { BoardService } from '../board/board-service.ts';
import type { CommandMessage } from './protocol.ts';

/** Hands one task command to the board service; resolves with its committed event (or rejects with its error). */
export function applyCommand(
  service: BoardService,
  message: CommandMessage,
  actor: Actor | undefined,
): Promise<BoardEvent> {
  switch (message.type) {
    case 'task.create':
      return service.createTask(
        message.board,
        { title: message.title, column: message.column, tags: message.tags, assignee: message.assignee },
        message.clientTs,
        actor,
      );
    case 'task.update': {
      const { title, notes, tags, assignee } = message;
      return service.updateTask(
        message.board,
        message.taskId,
        { title, notes, tags, assignee },
        message.clientTs,
        actor,
      );
    }
    case 'task.move':
      return service.moveTask(
        message.board,
        message.taskId,
        { column: message.column, position: message.position },
        message.clientTs,
        actor,
      );
    case 'task.delete':
      return service.deleteTask(message.board, message.taskId, message.clientTs, actor);
  }
}
