import { systemClock, type Clock } from '../clock.ts';

export interface BackendServer {
  name: string;
  status: string;
  currentSessions: number;
}

/** Reads HAProxy's stats CSV: each replica's health status and current sessions. */
export async function backendServers(statsUrl: string): Promise<BackendServer[]> {
  const response = await fetch(`${statsUrl}/;csv`);
  if (!response.ok) throw new Error(`HAProxy stats answered ${response.status}`);
  return parseStatsCsv(await response.text());
}

export function parseStatsCsv(csv: string): BackendServer[] {
  const [header = '', ...rows] = csv.trim().split('\n');
  const columns = header.replace(/^# /, '').split(',');
  const at = (name: string) => columns.indexOf(name);
  return rows
    .map((row) => row.split(','))
    .filter(
      (cells) => cells[at('pxname')] === 'replicas' && !['FRONTEND', 'BACKEND'].includes(cells[at('svname')] ?? ''),
    )
    .map((cells) => ({
      name: cells[at('svname')] ?? '',
      status: cells[at('status')] ?? '',
      currentSessions: Number(cells[at('scur')] ?? 0),
    }));
}

export interface WaitForBackendsOptions {
  signal?: AbortSignal | undefined;
  clock?: Clock;
}

const POLL_EVERY_MS = 250;

/** Waits until HAProxy's health checks report `expected` replicas UP. */
export async function waitForBackends(
  statsUrl: string,
  expected: number,
  timeoutMs: number,
  { signal, clock = systemClock }: WaitForBackendsOptions = {},
): Promise<void> {
  const deadline = clock.now() + timeoutMs;
  let last: BackendServer[] = [];
  while (clock.now() < deadline) {
    signal?.throwIfAborted();
    try {
      last = await backendServers(statsUrl);
      if (last.filter((s) => s.status === 'UP').length >= expected) return;
    } catch {
      // HAProxy still starting
    }
    await clock.sleep(POLL_EVERY_MS, signal);
  }
  throw new Error(
    `HAProxy did not see ${expected} healthy replica(s) within ${timeoutMs / 1000} s; last seen: ${last.map((s) => `${s.name}=${s.status}`).join(', ') || 'nothing'}`,
  );
}
