// Nothing a lab publishes is reachable from the network unless asked for
// (--listen), and /metrics is Prometheus's alone: not on the client-facing URL
// through HAProxy, in either auth mode, while Prometheus still scrapes every replica.
import { describe, expect, it } from 'vitest';
import { startPostgres } from '../../test/support/services.ts';
import { docker } from '../images/docker-cli.ts';
import { projectRoot } from '../paths.ts';
import { startLab, type Lab } from './index.ts';
import { scrapedReplicas } from './wait-for-scrapes.ts';
import { swaglab } from './testing/swaglab-cli.ts';

/** Every host address a container's ports are published on, from Docker itself. */
async function publishedHostIps(containerIds: string[]): Promise<Record<string, string[]>> {
  const result = await docker(['inspect', '--format', '{{.Name}} {{json .NetworkSettings.Ports}}', ...containerIds]);
  return Object.fromEntries(
    result.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [name = '', ports = 'null'] = line.split(' ');
        const bindings = Object.values(
          (JSON.parse(ports) ?? {}) as Record<string, Array<{ HostIp: string }> | null>,
        ).flatMap((b) => b ?? []);
        return [name.replace(/^\//, ''), bindings.map((b) => b.HostIp)];
      }),
  );
}

async function expectNoMetricsThroughHaproxy(lab: Lab): Promise<void> {
  for (const url of [lab.endpoints.haproxyUrl, lab.endpoints.clientUrl]) {
    const response = await fetch(`${url}/metrics`);
    const body = await response.text();
    expect(response.status, url).toBe(404);
    expect(body).not.toContain('swagboard_');
  }
}

describe('exposure', () => {
  it('publishes every port of a lab on 127.0.0.1 only, and keeps /metrics off the client URL', async () => {
    const lab = await startLab({ replicas: 2, traces: false });
    try {
      const ips = await publishedHostIps(Object.values(lab.state.containers));
      // Postgres and the exporters publish nothing (reached on the lab network only); the rest publish on loopback.
      const publishing = Object.entries(ips).filter(([, hostIps]) => hostIps.length > 0);
      expect(publishing.map(([name]) => name.replace(/^swaglab-[^-]+-[^-]+-[^-]+-/, '')).sort()).toEqual(
        expect.arrayContaining(['haproxy', 'prometheus', 'redis', 'replica-1', 'replica-2', 'toxiproxy']),
      );
      for (const [name, hostIps] of publishing) expect(new Set(hostIps), name).toEqual(new Set(['127.0.0.1']));
      await expectNoMetricsThroughHaproxy(lab);
      // startLab returns only once Prometheus has scraped every replica.
      expect(await scrapedReplicas(lab.endpoints.prometheusUrl, new Date())).toEqual(['replica-1', 'replica-2']);
    } finally {
      await lab.stop();
    }
  }, 240_000);

  it('publishes on every interface with --listen 0.0.0.0, and /metrics stays off the client URL in required auth mode', async () => {
    const lab = await startLab({
      replicas: 1,
      traces: false,
      listen: '0.0.0.0',
      serverEnv: { SWAGBOARD_AUTH: 'required', SWAGBOARD_TOKEN_SECRET: 'exposure-test-secret-of-enough-length' },
    });
    try {
      const ips = await publishedHostIps(Object.values(lab.state.containers));
      const publishing = Object.entries(ips).filter(([, hostIps]) => hostIps.length > 0);
      expect(publishing.length).toBeGreaterThanOrEqual(5);
      for (const [name, hostIps] of publishing) expect(new Set(hostIps), name).toEqual(new Set(['0.0.0.0']));
      await expectNoMetricsThroughHaproxy(lab);
      expect(await scrapedReplicas(lab.endpoints.prometheusUrl, new Date())).toEqual(['replica-1']);
    } finally {
      await lab.stop();
    }
  }, 240_000);

  it("publishes `swaglab board`'s Postgres (and every test service) on 127.0.0.1 only", async () => {
    const postgres = await startPostgres();
    try {
      expect(Object.values(await publishedHostIps([postgres.container.getId()]))).toEqual([['127.0.0.1']]);
    } finally {
      await postgres.stop();
    }
  }, 120_000);

  it('refuses a --listen address this machine does not have, before starting anything', async () => {
    const result = await swaglab(projectRoot, ['up', '--listen', '192.0.2.77']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('"192.0.2.77", which no interface here has');
    const bad = await swaglab(projectRoot, ['run', 'smoke', '--listen', 'everywhere']);
    expect(bad.stderr).toMatch(
      /option '--listen <address>' argument 'everywhere' is invalid\. expected an IPv4 address/,
    );
  }, 60_000);
});
