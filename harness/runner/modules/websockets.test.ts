import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCorpusServer, type CorpusServer } from '../conformance/test-server.ts';
import { runScript } from '../run-script.ts';
import { isAbnormalClose, statusOfFailedUpgrade } from './websockets.ts';

const corpus = (name: string) => join(import.meta.dirname, '..', 'conformance', `${name}.js`);
let server: CorpusServer;
beforeAll(async () => {
  server = await startCorpusServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('k6/websockets metrics per attempt', () => {
  it('tags a refused attempt with its HTTP status and gives it no session duration', async () => {
    const outcome = await runScript({
      scriptPath: corpus('ws-failed-connect'),
      env: { ...server.env },
      quiet: true,
      keepSamples: true,
    });
    const ws = (outcome.samples ?? []).filter((s) => s.metric.startsWith('ws_'));
    expect(ws.map((s) => `${s.metric} ${s.tags.status}`).sort()).toEqual(['ws_connecting 403', 'ws_sessions 403']);
  });
  it('tags an opened session status 101 on every one of its samples', async () => {
    const outcome = await runScript({
      scriptPath: corpus('ws-session-metrics'),
      env: { ...server.env },
      quiet: true,
      keepSamples: true,
    });
    const ws = (outcome.samples ?? []).filter((s) => s.metric.startsWith('ws_'));
    expect(new Set(ws.map((s) => s.metric))).toEqual(
      new Set(['ws_sessions', 'ws_connecting', 'ws_msgs_sent', 'ws_msgs_received', 'ws_session_duration']),
    );
    expect(ws.every((s) => s.tags.status === '101' && s.tags.url?.endsWith('/ws/echo'))).toBe(true);
  });
});

describe('close and upgrade classification', () => {
  it('treats 1006 and application codes as abnormal, normal closes not', () => {
    expect([1000, 1001, 1006, 3999, 4000, 4999].map(isAbnormalClose)).toEqual([false, false, true, false, true, true]);
  });
  it('reads the refused status from ws errors, 0 for network errors', () => {
    expect(statusOfFailedUpgrade('Unexpected server response: 403')).toBe('403');
    expect(statusOfFailedUpgrade('connect ECONNREFUSED 127.0.0.1:1')).toBe('0');
  });
});
