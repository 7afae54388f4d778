import { describe, expect, it } from 'vitest';
import { haproxyConfig } from './haproxy-config.ts';
import { prometheusConfig } from './prometheus-config.ts';
import { findLink, linkAddress, matchLinks, planLinks, proxiedLinks } from './topology.ts';

describe('planLinks', () => {
  it('puts every hop of every replica behind a named link on a distinct port', () => {
    const links = planLinks(3, 'nats');
    expect(links.map((l) => l.name)).toEqual([
      'client.edge',
      'client.slow',
      'replica-1.http',
      'replica-1.bus',
      'replica-1.postgres',
      'replica-2.http',
      'replica-2.bus',
      'replica-2.postgres',
      'replica-3.http',
      'replica-3.bus',
      'replica-3.postgres',
    ]);
    expect(new Set(links.map((l) => l.listenPort)).size).toBe(links.length);
    expect(findLink(links, 'replica-2.bus').upstream).toBe('nats:4222');
  });

  it('names the links that exist when asked for one that does not', () => {
    expect(() => findLink(planLinks(1, 'redis'), 'replica-9.bus')).toThrow(
      /unknown link "replica-9.bus"; expected one of client.edge, client.slow, replica-1.http/,
    );
  });
});

describe('direct links', () => {
  it('proxies every link by default', () => {
    expect(planLinks(2, 'redis').filter((l) => l.direct)).toEqual([]);
    expect(linkAddress(findLink(planLinks(2, 'redis'), 'replica-1.bus'))).toBe('toxiproxy:12001');
  });

  it('wires links named or globbed straight to their upstream', () => {
    const links = planLinks(3, 'redis', ['client.edge', 'replica-*.bus']);
    expect(links.filter((l) => l.direct).map((l) => l.name)).toEqual([
      'client.edge',
      'replica-1.bus',
      'replica-2.bus',
      'replica-3.bus',
    ]);
    expect(linkAddress(findLink(links, 'replica-2.bus'))).toBe('redis:6379');
    expect(linkAddress(findLink(links, 'replica-2.postgres'))).toBe('toxiproxy:13002');
    expect(proxiedLinks(links).map((l) => l.name)).not.toContain('client.edge');
  });

  it('sends HAProxy straight to a replica whose http link is direct', () => {
    const config = haproxyConfig({
      replicas: 2,
      links: planLinks(2, 'redis', ['replica-2.http']),
      balance: 'leastconn',
    });
    expect(config).toContain('  server replica-1 toxiproxy:11001 check');
    expect(config).toContain('  server replica-2 replica-2:8080 check');
  });

  it('refuses a pattern that matches no link', () => {
    expect(() => matchLinks(['client.edge'], ['client.edg'])).toThrow(/matching one of client.edge; got "client.edg"/);
    expect(() => matchLinks(['a.b'], ['a?b'])).toThrow(); // only * is a wildcard
  });
});

describe('haproxyConfig', () => {
  it('routes to each replica through its http link with health checks and a WebSocket tunnel timeout', () => {
    const config = haproxyConfig({ replicas: 2, links: planLinks(2, 'redis'), balance: 'leastconn' });
    expect(config).toContain('  balance leastconn');
    expect(config).toContain('  server replica-1 toxiproxy:11001 check');
    expect(config).toContain('  server replica-2 toxiproxy:11002 check');
    expect(config).not.toContain('replica-3');
    expect(config).toMatch(/timeout tunnel 1h/);
    expect(config).toMatch(/option httpchk GET \/healthz/);
    expect(config).toMatch(/use-service prometheus-exporter/);
  });

  it('retries a failed upgrade on another replica, never a write, and takes a failing replica out at once', () => {
    const config = haproxyConfig({ replicas: 2, links: planLinks(2, 'redis'), balance: 'leastconn' });
    expect(config).toMatch(/retry-on conn-failure empty-response response-timeout 502 503 504/);
    expect(config).toMatch(/option redispatch 1\n/);
    expect(config).toMatch(/http-request disable-l7-retry unless METH_GET/);
    expect(config).toMatch(/http-request set-timeout server 2s if websocket_upgrade/);
    expect(config).toMatch(/default-server .*observe layer7 error-limit 2 on-error mark-down/);
  });
});

describe('prometheusConfig', () => {
  it('scrapes every replica, HAProxy and Toxiproxy at the given interval', () => {
    const config = prometheusConfig({ replicas: 3, scrapeIntervalSeconds: 1 });
    expect(config).toContain("targets: ['replica-1:9464', 'replica-2:9464', 'replica-3:9464']");
    expect(config).toContain('scrape_interval: 1s');
    expect(config).toContain("targets: ['haproxy:8405']");
    expect(config).toContain("targets: ['postgres-exporter:9187']");
    expect(config).toContain("targets: ['redis-exporter:9121']");
  });

  it('has no Redis exporter job on a NATS lab (Debian packages no NATS exporter)', () => {
    const config = prometheusConfig({ replicas: 1, scrapeIntervalSeconds: 1, bus: 'nats' });
    expect(config).not.toContain('redis');
    expect(config).toContain('job_name: postgres');
  });
});
