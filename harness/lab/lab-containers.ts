import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { labLabels, type Lifetime } from './labels.ts';
import { reachableHost } from './listen-address.ts';

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
  ready: ReturnType<typeof Wait.forLogMessage> | ReturnType<typeof Wait.forHttp>;
  cpus?: number;
  memoryMb?: number;
  /** Namespaced kernel settings, e.g. `net.ipv4.tcp_wmem`. */
  sysctls?: Record<string, string>;
}

/** testcontainers has no sysctl or host-address option; the Docker API has both, in HostConfig. */
export class LabContainer extends GenericContainer {
  withSysctls(sysctls: Record<string, string>): this {
    this.hostConfig.Sysctls = { ...this.hostConfig.Sysctls, ...sysctls };
    return this;
  }

  /**
   * Publishes every exposed port on `address` only. testcontainers binds each
   * to all interfaces (no HostIp); call this after withExposedPorts.
   * testcontainers also waits for readiness at its own idea of the host, which
   * inside a container is the bridge's gateway: a port on 127.0.0.1 is not
   * there, so it is told where the port is (unless the user told it already).
   */
  withPortsPublishedOn(address: string): this {
    process.env.TESTCONTAINERS_HOST_OVERRIDE ??= reachableHost(address);
    const bindings = this.hostConfig.PortBindings ?? {};
    for (const port of Object.keys(bindings)) bindings[port] = (bindings[port] ?? []).map((binding: Record<string, string>) => ({ ...binding, HostIp: address }));
    this.hostConfig.PortBindings = bindings;
    return this;
  }
}

/** TCP buffer sysctls capping each socket's send and receive buffers at `bytes`. */
export function socketBufferSysctls(bytes: number | undefined): Record<string, string> | undefined {
  if (bytes === undefined) return undefined;
  const initial = Math.min(bytes, 16384);
  return { 'net.ipv4.tcp_wmem': `4096 ${initial} ${bytes}`, 'net.ipv4.tcp_rmem': `4096 ${initial} ${bytes}` };
}

export function startLabContainer(options: LabContainerOptions): Promise<StartedTestContainer> {
  process.env.TESTCONTAINERS_RYUK_DISABLED = 'true'; // Ryuk's image cannot be pulled here; cleanup.ts is our reaper
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
    container = container.withResourcesQuota({ cpu: options.cpus, memory: options.memoryMb ? options.memoryMb / 1024 : undefined });
  }
  return container.start();
}
