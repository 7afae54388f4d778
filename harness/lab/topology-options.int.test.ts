// One lab with every topology option away from its default: NATS bus,
// round-robin balancing, per-replica CPU and memory limits, a server setting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker } from '../images/docker-cli.ts';
import { startLab, type Lab } from './index.ts';
import { BoardClient } from './testing/board-client.ts';

let lab: Lab;

beforeAll(async () => {
  lab = await startLab({
    replicas: 2,
    bus: 'nats',
    balance: 'roundrobin',
    replicaCpus: 0.5,
    replicaMemoryMb: 256,
    serverEnv: { SWAGBOARD_LOG_LEVEL: 'debug' },
    traces: false,
  });
});

afterAll(async () => {
  await lab?.stop();
});

describe('topology options', () => {
  it('fans out over NATS: a task created on replica-1 reaches a client on replica-2', async () => {
    const writer = await BoardClient.join(await lab.replicaUrl(1), ['nats']);
    const reader = await BoardClient.join(await lab.replicaUrl(2), ['nats']);
    try {
      await writer.createTask('nats', 'over-nats');
      const event = await reader.taskCreated('nats', 'over-nats', 5000);
      expect(event).toMatchObject({ origin: 'replica-1' });
    } finally {
      writer.close();
      reader.close();
    }
  });

  it('balances round-robin through HAProxy', async () => {
    const clients = await Promise.all([1, 2, 3, 4].map(async () => BoardClient.join(lab.endpoints.clientUrl, ['rr'])));
    const seen = clients.map((c) => c.replica);
    clients.forEach((c) => c.close());
    expect(new Set(seen)).toEqual(new Set(['replica-1', 'replica-2']));
    const config = await docker(['exec', lab.containerId('haproxy'), 'cat', '/etc/swaglab/haproxy.cfg']);
    expect(config.stdout).toContain('balance roundrobin');
  });

  it("limits each replica's CPU and memory and passes server settings through", async () => {
    for (const name of lab.replicaNames()) {
      const inspected = await docker([
        'inspect',
        '--format',
        '{{.HostConfig.NanoCpus}} {{.HostConfig.Memory}} {{json .Config.Env}}',
        lab.containerId(name),
      ]);
      const [nanoCpus, memory, env] = inspected.stdout.trim().split(' ', 3);
      expect(Number(nanoCpus)).toBe(0.5e9);
      expect(Number(memory)).toBe(256 * 1024 * 1024);
      expect(JSON.parse(env!)).toEqual(expect.arrayContaining(['SWAGBOARD_LOG_LEVEL=debug', 'SWAGBOARD_BUS=nats']));
    }
    expect(await lab.logs('replica-1')).toContain('"level":20'); // pino debug lines appear only at debug level
  });

  it('runs NATS instead of Redis and says so in its status', async () => {
    const status = await lab.status();
    expect(status.services.map((s) => s.name)).toEqual(expect.arrayContaining(['nats', 'postgres-exporter']));
    expect(status.services.map((s) => s.name)).not.toContain('redis');
    await expect(lab.restartService('redis')).rejects.toThrow(
      /this lab has no redis; its backing services are postgres, nats/,
    );
  });
});
