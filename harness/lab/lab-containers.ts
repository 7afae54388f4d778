import type { StartedTestContainer, WaitStrategy } from 'testcontainers';
import { SERVICES, type ServiceName } from '../services/service-catalogue.ts';
import { LabContainer } from '../services/service-container.ts';
import { labLabels, type Lifetime } from './labels.ts';

export interface LabContainerOptions {
  labId: string;
  lifetime: Lifetime;
  network: string;
  /** Host address every exposed port is published on (lab-spec.ts `listen`). */
  listen: string;
  image: string;
  /** Also the container's network alias: replicas find `postgres`, `toxiproxy`… by it. */
  alias: string;
  exposedPorts?: number[];
  env?: Record<string, string>;
  files?: Array<{ content: string; target: string }>;
  command?: string[];
  ready: WaitStrategy;
  cpus?: number;
  memoryMb?: number;
  /** Namespaced kernel settings, e.g. `net.ipv4.tcp_wmem`. */
  sysctls?: Record<string, string>;
}

/** A catalogued service's alias, ports, readiness and command (services/service-catalogue.ts), to spread into the options. */
export function catalogued(
  name: ServiceName,
): Pick<LabContainerOptions, 'alias' | 'exposedPorts' | 'ready' | 'command'> {
  const spec = SERVICES[name];
  return {
    alias: name,
    exposedPorts: [...spec.ports],
    ready: spec.ready(),
    ...(spec.command ? { command: spec.command } : {}),
  };
}

/** TCP buffer sysctls capping each socket's send and receive buffers at `bytes`. */
export function socketBufferSysctls(bytes: number | undefined): Record<string, string> | undefined {
  if (bytes === undefined) return undefined;
  const initial = Math.min(bytes, 16384);
  return { 'net.ipv4.tcp_wmem': `4096 ${initial} ${bytes}`, 'net.ipv4.tcp_rmem': `4096 ${initial} ${bytes}` };
}

export function startLabContainer(options: LabContainerOptions): Promise<StartedTestContainer> {
  let container = new LabContainer(options.image)
    .withName(`swaglab-${options.labId}-${options.alias}`)
    .withNetworkMode(options.network)
    .withNetworkAliases(options.alias)
    .withLabels({ ...labLabels(options.labId, options.lifetime), 'swaglab.service': options.alias })
    .withExposedPorts(...(options.exposedPorts ?? []))
    .withPortsPublishedOn(options.listen)
    .withEnvironment(options.env ?? {})
    .withCopyContentToContainer(options.files ?? [])
    .withWaitStrategy(options.ready)
    .withStartupTimeout(90_000);
  if (options.command) container = container.withCommand(options.command);
  if (options.sysctls) container = container.withSysctls(options.sysctls);
  if (options.cpus || options.memoryMb) {
    container = container.withResourcesQuota({
      cpu: options.cpus,
      memory: options.memoryMb ? options.memoryMb / 1024 : undefined,
    });
  }
  return container.start();
}
