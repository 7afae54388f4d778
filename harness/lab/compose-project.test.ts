import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ALL_IMAGES, type ImageName } from '../images/image-catalogue.ts';
import { composeProject, OFFICIAL_GRAFANA_IMAGE } from './compose-project.ts';
import { planLinks, type Bus } from './topology.ts';

interface Service {
  image: string;
  ports?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  profiles?: string[];
  depends_on?: string[];
}

const images = Object.fromEntries(
  ALL_IMAGES.map((name, i) => [name, `swaglab/${name}:${String(i).padStart(12, 'a')}`]),
) as Record<ImageName, string>;
const project = (replicas: number, bus: Bus, grafanaImage?: string) =>
  composeProject({ replicas, bus, images, grafanaImage, tokenSecret: 'secret' });
const servicesOf = (files: Map<string, string>) =>
  (parse(files.get('docker-compose.yml')!) as { services: Record<string, Service> }).services;

describe('composeProject', () => {
  for (const [replicas, bus] of [
    [1, 'redis'],
    [3, 'redis'],
    [1, 'nats'],
    [3, 'nats'],
  ] as const) {
    describe(`${replicas} replica(s) on ${bus}`, () => {
      const files = project(replicas, bus);
      const services = servicesOf(files);
      const replicaNames = Array.from({ length: replicas }, (_, i) => `replica-${i + 1}`);
      const links = planLinks(replicas, bus);

      it('has the lab services, one bus, and the exporter only where the bus has one', () => {
        const expected = [
          'postgres',
          bus,
          'toxiproxy',
          ...replicaNames,
          'haproxy',
          'prometheus',
          'postgres-exporter',
          ...(bus === 'redis' ? ['redis-exporter'] : []),
          'zipkin',
          'grafana',
        ];
        expect(Object.keys(services).sort()).toEqual(expected.sort());
      });

      it('runs the given content-hash images, and official Grafana behind a profile', () => {
        for (const [name, service] of Object.entries(services)) {
          if (name === 'grafana') continue;
          const imageName = (name.startsWith('replica-') ? 'server' : name) as ImageName;
          expect(service.image, name).toBe(images[imageName]);
        }
        expect(services.grafana).toMatchObject({ image: OFFICIAL_GRAFANA_IMAGE, profiles: ['grafana'] });
      });

      it('publishes on 127.0.0.1 only, and never a replica or its metrics port', () => {
        const published = Object.values(services).flatMap((s) => s.ports ?? []);
        expect(published.length).toBeGreaterThan(0);
        for (const port of published) expect(port).toMatch(/^127\.0\.0\.1:\$\{SWAGLAB_[A-Z_]+:-\d+\}:\d+$/);
        expect(published.some((p) => p.endsWith(':9464'))).toBe(false);
        for (const name of replicaNames) expect(services[name]!.ports).toBeUndefined();
      });

      it('mounts only files the project writes', () => {
        for (const [name, service] of Object.entries(services)) {
          for (const volume of service.volumes ?? []) {
            const source = volume.split(':')[0]!.replace(/^\.\//, '');
            expect(
              [...files.keys()].some((path) => path === source || path.startsWith(`${source}/`)),
              `${name}: ${volume}`,
            ).toBe(true);
          }
        }
        expect(files.has('grafana/provisioning/datasources/prometheus.yaml')).toBe(true);
        expect(files.has('grafana/dashboards/overview.json')).toBe(true);
      });

      it("wires every hop through the lab's Toxiproxy links", () => {
        const proxies = JSON.parse(files.get('toxiproxy/toxiproxy.json')!) as Array<{
          name: string;
          listen: string;
          upstream: string;
        }>;
        expect(proxies).toEqual(
          links.map((l) => ({ name: l.name, listen: `0.0.0.0:${l.listenPort}`, upstream: l.upstream, enabled: true })),
        );
        for (const [i, name] of replicaNames.entries()) {
          const env = services[name]!.environment!;
          expect(env.SWAGBOARD_DATABASE_URL).toBe(`postgres://swag@toxiproxy:${13001 + i}/swagboard`);
          expect(env[bus === 'redis' ? 'SWAGBOARD_REDIS_URL' : 'SWAGBOARD_NATS_URL']).toBe(
            `${bus}://toxiproxy:${12001 + i}`,
          );
          expect(env.SWAGBOARD_METRICS_PORT).toBe('9464');
        }
      });

      it('balances over every replica and scrapes each on its metrics port', () => {
        const servers = files.get('haproxy/haproxy.cfg')!.match(/^ {2}server replica-\d+ toxiproxy:\d+ check$/gm) ?? [];
        expect(servers).toHaveLength(replicas);
        for (const name of replicaNames) expect(files.get('prometheus/prometheus.yml')).toContain(`'${name}:9464'`);
        expect(files.get('prometheus/prometheus.yml')!.includes('redis-exporter')).toBe(bus === 'redis');
      });
    });
  }

  it('starts a local Grafana image with the rest, without a profile', () => {
    expect(servicesOf(project(1, 'redis', 'grafana/grafana:latest')).grafana).toMatchObject({
      image: 'grafana/grafana:latest',
    });
    expect(servicesOf(project(1, 'redis', 'grafana/grafana:latest')).grafana!.profiles).toBeUndefined();
  });

  it('names a missing image', () => {
    const { server: _server, ...withoutServer } = images;
    expect(() => composeProject({ replicas: 1, bus: 'redis', images: withoutServer, tokenSecret: 's' })).toThrow(
      /expected a tag for server/,
    );
  });

  it('refuses a topology the lab refuses', () => {
    expect(() => project(0, 'redis')).toThrow(/invalid lab spec; replicas/);
  });
});
