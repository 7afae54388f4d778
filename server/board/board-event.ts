import type { BoardId, Task, TaskId } from './task.ts';

export type ReplicaName = string;

export interface EventData {
  'task.created': { task: Task };
  'task.updated': { task: Task };
  /** `fromPosition` is absent in events stored before positions existed. */
  'task.moved': { task: Task; fromColumn: string; fromPosition?: number };
  'task.deleted': { taskId: TaskId };
}

export type EventName = keyof EventData;

/** One committed change of a board. `seq` is allocated per board in the change's transaction. */
export interface BoardEvent<N extends EventName = EventName> {
  board: BoardId;
  seq: number;
  name: N;
  data: EventData[N];
  /** Replica that accepted the change. */
  origin: ReplicaName;
  /** Server epoch ms when the change was accepted. */
  at: number;
  /** Client epoch ms from the command, echoed so clients can measure end-to-end latency. */
  clientTs?: number;
  /** Who made the change: a user id when signed in; with SWAGBOARD_AUTH=open the hello's user name. Absent for anonymous REST writes. */
  actor?: Actor;
}

export interface Actor {
  userId: string;
  name: string;
}
