import { GenericContainer } from 'testcontainers';
import { reachableHost } from '../lab/listen-address.ts';

/**
 * Every container the project starts (lab, tests, `swaglab board`) is one of
 * these. testcontainers has no sysctl or host-address option; the Docker API
 * has both, in HostConfig.
 */
export class LabContainer extends GenericContainer {
  constructor(image: string) {
    // The one place this is set: Ryuk's image cannot be pulled here, and
    // lab/cleanup.ts is our reaper (every container is labelled).
    process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
    super(image);
  }

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
    for (const port of Object.keys(bindings))
      bindings[port] = (bindings[port] ?? []).map((binding: Record<string, string>) => ({
        ...binding,
        HostIp: address,
      }));
    this.hostConfig.PortBindings = bindings;
    return this;
  }
}
