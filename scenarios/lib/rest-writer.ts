// Writes through the REST API (no socket to lose when chaos strikes), with the
// client clock in the event for end-to-end latency. Only asynchronous requests:
// a blocking one would hold its VU (and the sockets it drives) while it waits.
import http from 'k6/http';
import { Counter } from 'k6/metrics';

const writeFailures = new Counter('swag_write_failures');

export async function createTaskOverRest(baseUrl: string, board: string, title: string): Promise<boolean> {
  const res = await http.asyncRequest(
    'POST',
    `${baseUrl.replace(/\/+$/, '')}/api/boards/${board}/tasks`,
    JSON.stringify({ title, column: 'todo', clientTs: Date.now() }),
    {
      headers: { 'Content-Type': 'application/json' },
      tags: { name: 'create-task' },
    },
  );
  if (res.status === 201) return true;
  writeFailures.add(1, { status: String(res.status) });
  return false;
}

/**
 * For setup(): makes sure the board exists before clients join. `await` it (k6 and the runner both
 * finish a lifecycle function's pending requests before it ends, but awaiting says so).
 */
export async function ensureBoard(baseUrl: string, board: string): Promise<void> {
  await http.asyncRequest(
    'POST',
    `${baseUrl.replace(/\/+$/, '')}/api/boards/${board}/tasks`,
    JSON.stringify({ title: 'start', column: 'todo' }),
    {
      headers: { 'Content-Type': 'application/json' },
      tags: { name: 'create-board' },
    },
  );
}
