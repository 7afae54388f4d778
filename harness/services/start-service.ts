// One service alone, outside any lab: for integration tests, benches and
// `swaglab board`. Each runs from the project's own image in a labelled
// container on this machine only; lab/cleanup.ts removes any a killed process left.
import type { StartedTestContainer } from 'testcontainers';
import { ensureImages } from '../images/ensure-images.ts';
import { labLabels } from '../lab/labels.ts';
import { DEFAULT_LISTEN } from '../lab/listen-address.ts';
import { SERVICES, serviceUrl, type ServiceName } from './service-catalogue.ts';
import { LabContainer } from './service-container.ts';

export interface RunningService {
  url: string;
  container: StartedTestContainer;
  stop(): Promise<void>;
}

export interface StartServiceOptions {
  files?: Array<{ content: string; target: string }>;
}

/** Labelled as an ephemeral lab of this process: `removeStaleLabs` clears it once the process is gone. */
const processLab = `test-${process.pid}`;

export async function startService(
  name: Exclude<ServiceName, 'grafana'>,
  { files = [] }: StartServiceOptions = {},
): Promise<RunningService> {
  const spec = SERVICES[name];
  const port = spec.ports[0];
  const tag = (await ensureImages([name]))[name]!;
  let container = new LabContainer(tag)
    .withLabels(labLabels(processLab, 'ephemeral'))
    .withExposedPorts(port)
    .withPortsPublishedOn(DEFAULT_LISTEN) // trust-auth Postgres and password-less Redis: this machine only
    .withCopyContentToContainer(files)
    .withWaitStrategy(spec.ready())
    .withStartupTimeout(60_000);
  if (spec.command) container = container.withCommand(spec.command);
  const started = await container.start();
  return {
    url: serviceUrl(name, DEFAULT_LISTEN, started.getMappedPort(port)),
    container: started,
    stop: async () => {
      await started.stop({ timeout: 1_000 });
    },
  };
}

export const startPostgres = (): Promise<RunningService> => startService('postgres');
export const startRedis = (): Promise<RunningService> => startService('redis');
export const startNats = (): Promise<RunningService> => startService('nats');
