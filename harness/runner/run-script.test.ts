import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { SummaryData } from '../../reports/results.ts';
import { runScript } from './run-script.ts';
import type { RunScriptOptions } from './types.ts';

const data = (name: string) => join(import.meta.dirname, 'testdata', name);
const logs: string[] = [];
const run = (o: Partial<RunScriptOptions> & { scriptPath: string }) =>
  runScript({ quiet: true, onLog: (l, m) => logs.push(`${l}: ${m}`), ...o });

describe('runScript against a real WebSocket echo server', () => {
  let wss: WebSocketServer;
  let url: string;
  beforeAll(async () => {
    wss = new WebSocketServer({ port: 0 });
    wss.on('connection', (socket) => socket.on('message', (msg, isBinary) => socket.send(msg, { binary: isBinary })));
    await new Promise<void>((r) => wss.once('listening', () => r()));
    url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const c of wss.clients) c.terminate();
    await new Promise<void>((r) => wss.close(() => r()));
  });

  it('runs 5 VUs for ~1s with websockets, custom trend and submetric thresholds', async () => {
    const progress: number[] = [];
    const outcome = await run({
      scriptPath: data('ws-echo.ts'),
      env: { WS_URL: url },
      onProgress: (p) => progress.push(p.vus),
    });
    const m = outcome.summary.metrics;
    expect(outcome.exitCode).toBe(0);
    expect(m.ws_msgs_received?.values.count).toBeGreaterThan(0);
    expect(m.ws_msgs_sent?.values.count).toBe(m.ws_msgs_received?.values.count);
    expect(m.ws_sessions?.values.count).toBe(m.iterations?.values.count);
    expect(m.echo_rtt).toMatchObject({ type: 'trend', contains: 'time', thresholds: { 'p(95)<1000': { ok: true } } });
    expect(m['echo_rtt{kind:echo}']?.values.max).toBeGreaterThanOrEqual(0);
    expect(m.ws_connecting?.values.avg).toBeGreaterThan(0);
    expect(m.checks?.values.rate).toBe(1);
    expect(m.vus_max?.values.value).toBe(5);
    expect(outcome.summary.state.testRunDurationMs).toBeGreaterThanOrEqual(1000);
    expect(outcome.summary.state.testRunDurationMs).toBeLessThan(4000);
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(outcome.stdoutText).toContain('ws_msgs_received');
  });
});

describe('runScript semantics', () => {
  it('isolates VUs: globals and module state are per VU', async () => {
    const outcome = await run({ scriptPath: data('isolation.js') });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.summary.root_group.checks.map((c) => [c.name, c.passes, c.fails])).toEqual([
      ['global belongs to this VU', 9, 0],
      ['module state is per VU', 9, 0],
    ]);
  });

  it('exits 99 when a threshold fails and lists it', async () => {
    const outcome = await run({ scriptPath: data('failing-threshold.js') });
    expect(outcome.exitCode).toBe(99);
    expect(outcome.thresholdsFailed).toEqual(["checks 'rate>0.99'"]);
    expect(outcome.summary.metrics.iterations?.thresholds).toEqual({ 'count==3': { ok: true } });
    expect(outcome.stdoutText).toMatch(/checks\n +✗ 'rate>0.99' rate=/);
  });

  it('writes handleSummary outputs and prints its stdout instead of the default summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runner-hs-'));
    try {
      const exportPath = join(dir, 'export.json');
      const outcome = await run({ scriptPath: data('handle-summary.js'), outputDir: dir, summaryExport: exportPath });
      expect(outcome.stdoutText).toBe('custom summary: things=4\n');
      const written = JSON.parse(readFileSync(join(dir, 'out/summary.json'), 'utf8')) as SummaryData;
      expect(written.metrics.things?.values).toMatchObject({ count: 4 });
      expect(readFileSync(join(dir, 'out/summary.txt'), 'utf8')).toContain('things');
      expect((JSON.parse(readFileSync(exportPath, 'utf8')) as SummaryData).metrics.iterations?.values.count).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('carries exec.vu.metrics.metadata on samples without making it a tag', async () => {
    const outcome = await run({ scriptPath: data('metadata.js'), keepSamples: true });
    expect(outcome.exitCode).toBe(0);
    const marks = outcome.samples?.filter((s) => s.metric === 'marks') ?? [];
    expect(marks.map((s) => s.metadata)).toEqual([
      { trace_id: 'trace-0' },
      undefined,
      { trace_id: 'trace-1' },
      undefined,
    ]);
    expect(marks.every((s) => !('trace_id' in s.tags))).toBe(true);
    expect(Object.keys(outcome.summary.metrics).filter((k) => k.includes('trace'))).toEqual([]);
  });

  it('supports setup data, scenario env/tags, sleep, groups and timers', async () => {
    logs.length = 0;
    const outcome = await run({ scriptPath: data('lifecycle.js'), keepSamples: true });
    expect(outcome.exitCode).toBe(0);
    const checks = (g: SummaryData['root_group']): Array<[string, number, number]> => [
      ...g.checks.map((c): [string, number, number] => [c.name, c.passes, c.fails]),
      ...g.groups.flatMap(checks),
    ];
    expect(checks(outcome.summary.root_group).sort()).toEqual([
      ['await sleep pauses', 2, 0],
      ['scenario env', 2, 0],
      ['setup data arrives', 2, 0],
      ['timer keeps iteration open', 2, 0],
    ]);
    const paced =
      outcome.samples?.filter((s) => s.metric === 'iteration_duration' && s.tags.scenario === 'paced') ?? [];
    expect(paced).toHaveLength(2);
    for (const s of paced) expect(s.value).toBeGreaterThanOrEqual(95);
    expect(paced[0]?.tags.team).toBe('board');
    expect(outcome.samples?.some((s) => s.metric === 'checks' && s.tags.group === '::board')).toBe(true);
    expect(outcome.summary.metrics['group_duration']).toBeDefined();
    expect(logs).toContain('info: teardown got abc');
  });

  it('stops on exec.test.abort() with exit code 108', async () => {
    const outcome = await run({ scriptPath: data('abort.js') });
    expect(outcome.exitCode).toBe(108);
    expect(outcome.error).toMatch(/enough/);
    expect(outcome.summary.state.testRunDurationMs).toBeLessThan(3000);
  });

  it('stops on an external abort signal with exit code 105', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const outcome = await run({ scriptPath: data('busy.js'), signal: ac.signal });
    expect(outcome.exitCode).toBe(105);
    expect(Date.now() - outcome.startedAt.getTime()).toBeLessThan(3000);
    expect(outcome.summary.metrics.iterations?.values.count).toBeGreaterThan(10);
  });

  it('aborts early with exit code 99 when an abortOnFail threshold is crossed', async () => {
    const outcome = await run({ scriptPath: data('abort-on-fail.js') });
    expect(outcome.exitCode).toBe(99);
    expect(outcome.thresholdsFailed).toEqual(["checks 'rate>0.9'"]);
    expect(outcome.summary.state.testRunDurationMs).toBeLessThan(6000);
  });

  it('ends an iteration whose event callback throws, logging the error', async () => {
    logs.length = 0;
    const outcome = await run({ scriptPath: data('callback-error.js') });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.summary.metrics.iterations?.values.count).toBe(2);
    expect(outcome.summary.metrics.iteration_duration?.values.max).toBeLessThan(1000);
    expect(logs.filter((l) => l.includes('boom in a callback'))).toHaveLength(2);
  });

  it('reports invalid thresholds with exit code 104 and a clear message', async () => {
    const outcome = await run({ scriptPath: data('bad-threshold.js') });
    expect(outcome.exitCode).toBe(104);
    expect(outcome.error).toBe(
      'invalid threshold "p(99<50" for metric "iteration_duration"; expected e.g. "p(95)<200", "rate<0.01"',
    );
  });

  it('reports unsupported modules as a script error (107)', async () => {
    const outcome = await run({ scriptPath: data('init-error.js') });
    expect(outcome.exitCode).toBe(107);
    expect(outcome.error).toMatch(/module "k6\/nope" is not supported/);
  });
});

describe('k6/http', () => {
  let server: Server;
  let worker: Worker;
  let asyncUrl: string;
  let syncUrl: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => res.end(JSON.stringify({ got: JSON.parse(body || '{}') })));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    asyncUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Blocking http calls wait on this thread, so that server must live elsewhere.
    worker = new Worker(
      `const http = require('node:http'); const { parentPort } = require('node:worker_threads');
       const s = http.createServer((q, r) => r.end('from-worker')).listen(0, '127.0.0.1', () => parentPort.postMessage(s.address().port));`,
      { eval: true },
    );
    syncUrl = `http://127.0.0.1:${await new Promise<number>((r) => worker.once('message', r))}`;
  });
  afterAll(async () => {
    await worker.terminate();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('does blocking requests in setup and asyncRequest in VU code', async () => {
    const outcome = await run({ scriptPath: data('http-calls.js'), env: { SYNC_URL: syncUrl, ASYNC_URL: asyncUrl } });
    expect(outcome.summary.root_group.checks.every((c) => c.fails === 0 && c.passes === 2)).toBe(true);
    expect(outcome.summary.metrics.http_reqs?.values.count).toBe(3);
    expect(outcome.summary.metrics['http_req_duration{name:hello}']?.thresholds).toEqual({
      'p(95)<2000': { ok: true },
    });
    expect(outcome.exitCode).toBe(0);
  });
});
