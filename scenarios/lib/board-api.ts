// REST reads a scenario needs next to the WebSocket: the board's latest seq,
// to know which events every client was owed by the end.
import http from 'k6/http';

/** Latest seq of `board`, or undefined when the board cannot be read. */
export async function latestSeq(baseUrl: string, board: string, token?: string): Promise<number | undefined> {
  const response = await http.asyncRequest('GET', `${baseUrl.replace(/\/+$/, '')}/api/boards/${board}/tasks`, null, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    tags: { name: 'board-tasks' },
  });
  if (response.status !== 200) return undefined;
  const body = response.json() as { seq?: number } | null;
  return typeof body?.seq === 'number' ? body.seq : undefined;
}
