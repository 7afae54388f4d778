import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { useRedisCluster } from './support/redis-cluster.ts';

const UPGRADE_HEADERS = {
  Connection: 'Upgrade',
  Upgrade: 'websocket',
  'Sec-WebSocket-Version': '13',
  'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
};

/** The status a WebSocket upgrade to `/ws` gets (101 when accepted), with its Retry-After. */
function upgradeStatus(baseUrl: string): Promise<{ status: number; retryAfter?: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: '/ws', headers: UPGRADE_HEADERS });
    req.on('upgrade', (_res, socket) => (socket.destroy(), resolve({ status: 101 })));
    req.on(
      'response',
      (res) => (
        res.resume(),
        resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined })
      ),
    );
    req.on('error', reject);
    req.end();
  });
}

/** A socket upgraded by hand that never answers the close handshake: it holds the drain open. */
async function stubbornSocket(baseUrl: string): Promise<Socket> {
  const { hostname, port } = new URL(baseUrl);
  const socket = connect(Number(port), hostname);
  socket.write(
    `GET /ws HTTP/1.1\r\nHost: ${hostname}\r\n${Object.entries(UPGRADE_HEADERS)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')}\r\n`,
  );
  await new Promise<void>((resolve) => socket.once('data', () => resolve()));
  socket.on('error', () => {});
  return socket;
}

describe('SwagBoard server: drain on shutdown', () => {
  const { start } = useRedisCluster({ SWAGBOARD_DRAIN_SECONDS: '3' });

  it('refuses new upgrades with 503 and Retry-After while it drains, so a proxy retries them elsewhere', async () => {
    const c = await start('replica-drain');
    expect((await upgradeStatus(c.url)).status).toBe(101);
    const holder = await stubbornSocket(c.url);
    const closing = c.close();
    await sleep(200);
    expect(await upgradeStatus(c.url)).toEqual({ status: 503, retryAfter: '1' });
    holder.destroy();
    await closing;
  });
});
