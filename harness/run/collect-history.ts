// The harness side of the history checker. The clients' histories come out of
// the VUs as console lines (scenarios/lib/history-log.ts: k6 VUs share no
// memory and handleSummary sees only metrics, so console output is the one
// channel that works the same on k6, with --console-output, and on our
// runner); this module picks them out of the runner's log. After the run,
// with every fault reverted, it reads the server's side through the public
// REST API, as any client could: the whole event log (`/events`, ascending,
// paged) and the final snapshot (`/tasks`). Then it runs the pure checker,
// and keeps its whole input as history.json in the run directory, so any
// verdict can be looked into (or checked again) from the files alone.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { changeRecord, type WireEvent } from '../../reports/history/change-record.ts';
import { checkHistory } from '../../reports/history/check-history.ts';
import type { ClientHistory, HistoryVerdict, ServerHistory, SnapshotTask } from '../../reports/history/history.ts';
import { clientHistorySchema } from '../../reports/history/history-schema.ts';
import type { LogFn } from '../runner/logger.ts';

/** Must match HISTORY_LINE_PREFIX in scenarios/lib/history-log.ts. */
export const HISTORY_LINE_PREFIX = 'swag-history ';

/** Wraps a runner log function: history lines are kept, everything else goes on to `next`. */
export function historyLineCatcher(next: LogFn): {
  onLog: LogFn;
  histories: () => ClientHistory[];
  problems: string[];
  errors: string[];
} {
  const lines: string[] = [];
  const problems: string[] = [];
  // The runner's errors (an iteration that threw), the first few: they say why a history may be missing.
  const errors: string[] = [];
  const onLog: LogFn = (level, message, fields) => {
    if (message.startsWith(HISTORY_LINE_PREFIX)) return void lines.push(message.slice(HISTORY_LINE_PREFIX.length));
    if (level === 'error' && errors.length < 5)
      errors.push(`${fields.vu !== undefined ? `vu ${fields.vu}: ` : ''}${message.split('\n').slice(0, 3).join(' ')}`);
    next(level, message, fields);
  };
  const histories = () =>
    lines.flatMap((line, index) => {
      const parsed = clientHistorySchema.safeParse(safeJson(line));
      if (parsed.success) return [parsed.data];
      problems.push(
        `history line ${index + 1} is not a client history: ${parsed.error.issues[0]?.message ?? 'unreadable'}`,
      );
      return [];
    });
  return { onLog, histories, problems, errors };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Reads the board's whole log and snapshot over REST. */
export async function readServerHistory(
  baseUrl: string,
  board: string,
  fetchFn: typeof fetch = fetch,
): Promise<ServerHistory> {
  const base = `${baseUrl.replace(/\/+$/, '')}/api/boards/${encodeURIComponent(board)}`;
  const getJson = async <T>(path: string): Promise<T> => {
    const response = await fetchFn(`${base}${path}`, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    return (await response.json()) as T;
  };
  const snapshot = await getJson<{ seq: number; tasks: SnapshotTask[] }>('/tasks');
  const events = [];
  for (let after = 0; ;) {
    const page = await getJson<{ events: WireEvent[] }>(`/events?after=${after}&limit=1000`);
    if (page.events.length === 0) break;
    events.push(...page.events.map(changeRecord));
    after = page.events.at(-1)!.seq;
  }
  return {
    board,
    events,
    snapshot: {
      seq: snapshot.seq,
      tasks: snapshot.tasks.map(({ id, column, position, title }) => ({ id, column, position, title })),
    },
  };
}

/** The run's history verdict; a history that cannot be checked at all is a failed verdict that says why. */
export interface CollectOptions {
  /** Problems reading the history lines. */
  problems?: string[];
  log?: (line: string) => void;
  /** Where history.json goes. */
  runDir?: string;
  /** Clients the scenario started (its swag_history_clients count), and the runner's errors. */
  expectedClients?: number;
  runnerErrors?: string[];
}

export async function collectHistory(
  baseUrl: string,
  histories: ClientHistory[],
  { problems = [], log = () => {}, runDir, expectedClients, runnerErrors }: CollectOptions = {},
): Promise<HistoryVerdict> {
  const boards = [...new Set(histories.map((h) => h.board))];
  const failed = (error: string): HistoryVerdict => ({
    passed: false,
    board: boards[0] ?? '',
    clients: histories.length,
    replicas: [],
    ops: {
      sent: 0,
      acked: 0,
      refused: 0,
      unanswered: 0,
      byKind: { create: 0, update: 0, move: 0, delete: 0 },
      errors: {},
    },
    logEvents: 0,
    finalSeq: 0,
    tasksAtEnd: 0,
    reconnects: 0,
    violationCount: 0,
    violations: [],
    error,
  });
  if (problems.length) return failed(problems.join('; '));
  if (boards.length !== 1)
    return failed(
      histories.length === 0
        ? 'no client reported a history (did every client finish?)'
        : `the clients name ${boards.length} boards: ${boards.join(', ')}`,
    );
  log(`history: reading the log of board ${boards[0]} and checking ${histories.length} client histories`);
  let server: ServerHistory;
  try {
    server = await readServerHistory(baseUrl, boards[0]!);
  } catch (error) {
    return failed(`could not read the server's history: ${(error as Error).message}`);
  }
  if (runDir)
    await writeFile(join(runDir, 'history.json'), `${JSON.stringify({ clients: histories, server })}\n`, 'utf8');
  const verdict = checkHistory(histories, server, {
    ...(expectedClients !== undefined ? { expectedClients } : {}),
    ...(runnerErrors ? { missingBecause: runnerErrors } : {}),
  });
  log(
    `history: ${verdict.passed ? 'passed' : `FAILED with ${verdict.violationCount} violation(s); first: ${verdict.counterexample?.message}`} (${verdict.ops.sent} commands, ${verdict.logEvents} events)`,
  );
  return verdict;
}
