import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../server/build.ts';
import { WsTestClient } from '../server/testing/ws-test-client.ts';
import { startPostgres, type RunningService } from './support/services.ts';

interface Running {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
}

/** Runs the bundle as the image does: plain node, configuration from the environment only. */
function runBundle(bundle: string, env: Record<string, string>): Running {
  const child = spawn(process.execPath, [bundle], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream! }).on('line', (line) => lines.push(line));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, exited };
}

async function listeningPorts(running: Running, timeoutMs = 15_000): Promise<{ port: number; metricsPort: number }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const line of running.lines) {
      if (line.includes('"swagboard listening"')) return JSON.parse(line) as { port: number; metricsPort: number };
    }
    if (running.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`bundle did not start:\n${running.lines.join('\n')}`);
}

describe('server bundle (esbuild, node server.mjs)', () => {
  let postgres: RunningService;
  let outDir: string;
  let bundle: string;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'swagboard-bundle-'));
    [postgres, bundle] = await Promise.all([startPostgres(), buildServer(outDir)]);
  });
  afterAll(async () => {
    await postgres?.stop();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('starts, migrates, serves WebSocket and HTTP, and exits 0 on SIGTERM', async () => {
    const running = runBundle(bundle, {
      SWAGBOARD_DATABASE_URL: postgres.url,
      SWAGBOARD_PORT: '0',
      SWAGBOARD_METRICS_PORT: '0',
      SWAGBOARD_REPLICA: 'bundle-1',
      SWAGBOARD_AUTH: 'open',
    });
    try {
      const ports = await listeningPorts(running);
      const url = `http://127.0.0.1:${ports.port}`;
      expect(running.lines.some((line) => line.includes('"migrations applied"'))).toBe(true);
      const health = await fetch(`${url}/healthz`);
      expect(await health.json()).toMatchObject({ status: 'ok', replica: 'bundle-1' });

      const { client } = await WsTestClient.join(url, ['bundled']);
      client.send({ type: 'task.create', ref: 'c1', board: 'bundled', title: 'From the bundle', column: 'todo' });
      expect(await client.reply('c1')).toMatchObject({ type: 'ack', seq: 1 });
      expect(await client.event('bundled', 1)).toMatchObject({ origin: 'bundle-1' });
      expect(await (await fetch(`http://127.0.0.1:${ports.metricsPort}/metrics`)).text()).toContain(
        'swagboard_process_cpu_seconds_total{replica="bundle-1"}',
      );
      expect((await fetch(`${url}/metrics`)).status).toBe(404);

      running.child.kill('SIGTERM');
      expect((await client.closed).code).toBe(1001);
      expect(await running.exited).toBe(0);
    } finally {
      running.child.kill('SIGKILL');
    }
  });

  it('exits 2 with every configuration problem named', async () => {
    const running = runBundle(bundle, { SWAGBOARD_BUS: 'x' });
    expect(await running.exited).toBe(2);
    expect(running.lines).toContain('invalid SWAGBOARD_BUS; expected "redis", "nats" or "none", got "x"');
  });
});
