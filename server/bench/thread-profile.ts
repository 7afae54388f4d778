// What a bench measures of its own thread: CPU time (the server's, when the clients run in a worker) and,
// on request, a V8 CPU profile of a measured window.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/** User + system CPU of this thread only, in µs (worker threads are not in it). */
export const threadCpuMicros = (): number => {
  const usage = process.threadCpuUsage();
  return usage.user + usage.system;
};

/**
 * Starts the V8 profiler of this thread when `dir` is given; the returned function stops it and writes
 * `<label>.cpuprofile` there (opens in Chrome DevTools or speedscope; `cpu-profile-top.ts` prints its top functions).
 */
export async function startProfile(dir: string | undefined): Promise<((label: string) => Promise<void>) | undefined> {
  if (!dir) return undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async (label) => {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${label.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`), JSON.stringify(profile));
  };
}
