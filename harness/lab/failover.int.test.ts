// Failover through the real path: clients → client.edge (Toxiproxy) → HAProxy →
// replica-N.http (Toxiproxy) → replicas. A replica is SIGKILLed, then another
// SIGTERMed, while a writer keeps the board moving; every client on it must
// resume elsewhere with nothing lost or duplicated, and no attempt, old client
// or new, may meet a 502 or an upgrade that hangs. The bound on the time to
// resume (3 s) is one only a broken setup misses; the target (p99 ≤ 1 s) is
// measured by the scenarios and printed here.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from './index.ts';
import { probeUpgrade, ResumingClient, type AttemptOutcome } from './testing/resuming-client.ts';

const CLIENTS = 12;
const RESUME_BOUND_MS = 3000;
/**
 * An attempt not welcomed in this long counts as hung. A welcome takes milliseconds, but on a shared 2-core
 * machine under load a fresh connection through two Toxiproxy hops and HAProxy can take a second; a broken
 * setup holds an upgrade for HAProxy's server timeout (30 s) or until the client gives up.
 */
const HANG_MS = 3000;

let lab: Lab;
let writerUrl: string;

beforeAll(async () => {
  lab = await startLab({ replicas: 3, bus: 'redis', traces: false });
  writerUrl = await lab.replicaUrl(3); // never broken: writes keep coming whatever fails
});

afterAll(async () => {
  await lab?.stop();
});

async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await sleep(50);
  }
}

async function boardSeq(board: string): Promise<number> {
  const response = await fetch(`${writerUrl}/api/boards/${board}/tasks`);
  return ((await response.json()) as { seq: number }).seq;
}

/** Writes to `board` every 50 ms until stopped; resolves with the count written. */
function startWriter(board: string): { stop(): Promise<number> } {
  let running = true;
  let written = 0;
  const loop = (async () => {
    while (running) {
      const response = await fetch(`${writerUrl}/api/boards/${board}/tasks`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: `w${written}`, column: 'todo' }),
      });
      if (response.status === 201) written += 1;
      await sleep(50);
    }
  })();
  return { stop: async () => ((running = false), await loop, written) };
}

/** Fresh upgrades every 100 ms for `ms`: what a new client meets while the failure is being handled. */
async function probeFor(board: string, ms: number): Promise<AttemptOutcome[]> {
  const probes: Array<Promise<AttemptOutcome>> = [];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    probes.push(probeUpgrade(lab.endpoints.clientUrl, board, HANG_MS));
    await sleep(100);
  }
  return Promise.all(probes);
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

async function runFailover(board: string, victim: 'replica-1' | 'replica-2', fail: () => Promise<void>) {
  await fetch(`${writerUrl}/api/boards/${board}/tasks`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: 'start', column: 'todo' }),
  });
  const clients: ResumingClient[] = [];
  for (let i = 0; i < CLIENTS; i++)
    clients.push(
      await ResumingClient.start(lab.endpoints.clientUrl, board, { user: `c${i}`, attemptTimeoutMs: HANG_MS }),
    );
  const onVictim = clients.filter((c) => c.replica === victim);
  expect(onVictim.length, `clients on ${victim}`).toBeGreaterThan(0);
  const writer = startWriter(board);
  await sleep(500);

  const failedAt = Date.now();
  const probes = probeFor(board, 3000);
  await fail();
  await until('every client connected again', () => clients.every((c) => c.connected), 15_000);
  const probeOutcomes = await probes;
  await sleep(300);
  await writer.stop();
  const finalSeq = await boardSeq(board);
  await until('every client holds every event', () => clients.every((c) => c.resumePoint >= finalSeq), 10_000).catch(
    () => {},
  );

  const resumedMs = onVictim.map((c) => (c.resumes[0]?.caughtUpAt ?? Infinity) - failedAt);
  const attempts = clients.flatMap((c) => c.attempts.map((a) => a.outcome));
  const count = (outcomes: AttemptOutcome[]) =>
    Object.entries(outcomes.reduce<Record<string, number>>((n, o) => ((n[o] = (n[o] ?? 0) + 1), n), {}));
  console.log(
    `${board}: ${onVictim.length} clients on ${victim}; failure → resumed p50 ${percentile(resumedMs, 50)} ms, p99 ${percentile(resumedMs, 99)} ms, max ${Math.max(...resumedMs)} ms;` +
      ` attempts ${JSON.stringify(count(attempts))}; new-client probes ${JSON.stringify(count(probeOutcomes))}`,
  );
  for (const client of clients) client.close();
  return { resumedMs, attempts, probeOutcomes, clients, finalSeq };
}

function expectCleanFailover(result: Awaited<ReturnType<typeof runFailover>>): void {
  const bad = (o: AttemptOutcome) => o === 'hang' || /^http-5/.test(o);
  expect(result.attempts.filter(bad), 'reconnect attempts that met a 5xx or hung').toEqual([]);
  expect(result.probeOutcomes.filter(bad), 'new clients that met a 5xx or hung').toEqual([]);
  expect(Math.max(...result.resumedMs)).toBeLessThan(RESUME_BOUND_MS);
  expect(
    result.clients.map((c) => c.resumePoint),
    'events lost',
  ).toEqual(result.clients.map(() => result.finalSeq));
  expect(
    result.clients.map((c) => c.duplicates),
    'events duplicated',
  ).toEqual(result.clients.map(() => 0));
}

describe('failover through HAProxy', () => {
  it('after a SIGKILL, every client resumes elsewhere within the bound, and nobody meets a 502 or a hang', async () => {
    const result = await runFailover('failover-kill', 'replica-2', () => lab.replica('replica-2').kill());
    await lab.replica('replica-2').restart();
    await until(
      'replica-2 UP again',
      async () => (await lab.status()).replicas.every((r) => r.haproxy === 'UP'),
      30_000,
    );
    expectCleanFailover(result);
  });

  it('after a SIGTERM, the replica drains: every client resumes elsewhere at once, and nobody meets a 502 or a hang', async () => {
    const result = await runFailover('failover-term', 'replica-1', () => lab.replica('replica-1').stop());
    await lab.replica('replica-1').restart();
    expectCleanFailover(result);
  });
});
