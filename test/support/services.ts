// Real Postgres, Redis and NATS for integration tests, from the lab's own
// images, each in its own labelled container that dies with the test process.
import { Wait, type StartedTestContainer } from 'testcontainers';
import { ensureImages } from '../../harness/images/ensure-images.ts';
import type { ImageName } from '../../harness/images/image-catalogue.ts';
import { labLabels } from '../../harness/lab/labels.ts';
import { LabContainer } from '../../harness/lab/lab-containers.ts';
import { DEFAULT_LISTEN } from '../../harness/lab/listen-address.ts';

export interface RunningService {
  url: string;
  container: StartedTestContainer;
  stop(): Promise<void>;
}

const testLab = `test-${process.pid}`;

async function startService(image: ImageName, port: number, ready: RegExp, scheme: (host: string, port: number) => string): Promise<RunningService> {
  process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
  const tag = (await ensureImages([image]))[image]!;
  const container = await new LabContainer(tag)
    .withLabels(labLabels(testLab, 'ephemeral'))
    .withExposedPorts(port)
    .withPortsPublishedOn(DEFAULT_LISTEN) // trust-auth Postgres and password-less Redis: this machine only
    .withWaitStrategy(Wait.forLogMessage(ready))
    .withStartupTimeout(60_000)
    .start();
  return {
    url: scheme(DEFAULT_LISTEN, container.getMappedPort(port)),
    container,
    stop: async () => {
      await container.stop({ timeout: 1_000 });
    },
  };
}

export function startPostgres(): Promise<RunningService> {
  return startService('postgres', 5432, /database system is ready to accept connections/, (h, p) => `postgres://swag@${h}:${p}/swagboard`);
}

export function startRedis(): Promise<RunningService> {
  return startService('redis', 6379, /Ready to accept connections/, (h, p) => `redis://${h}:${p}`);
}

export function startNats(): Promise<RunningService> {
  return startService('nats', 4222, /Server is ready/, (h, p) => `nats://${h}:${p}`);
}
