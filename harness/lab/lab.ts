import { docker } from '../images/docker-cli.ts';
import { removeLab } from './cleanup.ts';
import { containerStates } from './container-state.ts';
import { applyFault, BACKING_SERVICES, type AppliedFault, type BackingService, type Fault } from './faults.ts';
import { holdLab, type LabHold } from './lab-holds.ts';
import { forgetLabState, loadLabState, type LabState } from './lab-state.ts';
import { Link } from './link.ts';
import { Replica } from './replica.ts';
import { ToxiproxyApi } from './toxiproxy-api.ts';
import { findLink, REPLICA_PORT, replicaName } from './topology.ts';
import { backendServers } from './wait-for-backends.ts';

export type LabStatus = Awaited<ReturnType<Lab['status']>>;

/** A running lab: its endpoints, and handles to break its links and replicas. */
export class Lab {
  readonly toxiproxy: ToxiproxyApi;

  /** `hold` is this process's mark on a lab it attached to (lab-holds.ts); a lab it started is held by its labels. */
  constructor(
    readonly state: LabState,
    private readonly hold?: LabHold,
  ) {
    this.toxiproxy = new ToxiproxyApi(state.endpoints.toxiproxyUrl);
  }

  get id(): string {
    return this.state.labId;
  }

  get endpoints(): LabState['endpoints'] {
    return this.state.endpoints;
  }

  /** A named link, e.g. `client.edge`, `replica-2.bus`, `replica-1.postgres`, `replica-3.http`. */
  link(name: string): Link {
    const link = findLink(this.state.links, name);
    if (link.direct)
      throw new Error(
        `link ${name} is direct in this lab; it bypasses Toxiproxy, so it cannot be slowed or cut. Start the lab without it in --direct (directLinks) to put faults on it`,
      );
    return new Link(link.name, this.toxiproxy);
  }

  linkNames(): string[] {
    return this.state.links.map((l) => l.name);
  }

  /** A replica by number (1-based) or name (`replica-2`, or just `2`). */
  replica(which: number | string): Replica {
    const name = typeof which === 'number' || /^\d+$/.test(which) ? replicaName(Number(which)) : which;
    const containerId = this.state.containers[name];
    if (!containerId || !name.startsWith('replica-')) {
      throw new Error(`unknown replica "${name}"; this lab has ${this.replicaNames().join(', ')}`);
    }
    return new Replica(name, containerId);
  }

  /** A replica's own HTTP address, bypassing HAProxy and its http link (looked up live: a restart may move its port). */
  async replicaUrl(which: number | string): Promise<string> {
    const replica = this.replica(which);
    const result = await docker(['port', replica.containerId, `${REPLICA_PORT}/tcp`]);
    const hostPort = result.stdout
      .split('\n')
      .find((line) => /^[0-9.]+:\d+$/.test(line.trim()))
      ?.trim();
    if (result.code !== 0 || !hostPort) throw new Error(`${replica.name} has no published port; is it running?`);
    return `http://${hostPort.replace(/^0\.0\.0\.0:/, '127.0.0.1:')}`;
  }

  replicaNames(): string[] {
    return Array.from({ length: this.state.spec.replicas }, (_, i) => replicaName(i + 1));
  }

  replicas(): Replica[] {
    return this.replicaNames().map((name) => this.replica(name));
  }

  /** Every container of the lab by service name: postgres, redis|nats, toxiproxy, replica-N, haproxy, prometheus, exporters. */
  services(): string[] {
    return Object.keys(this.state.containers);
  }

  containerId(service: string): string {
    const id = this.state.containers[service];
    if (!id) throw new Error(`unknown service "${service}"; this lab has ${this.services().join(', ')}`);
    return id;
  }

  /** Restarts a backing service (postgres, redis, nats) in place; its clients see their connections drop. */
  async restartService(service: BackingService): Promise<void> {
    const present = BACKING_SERVICES.filter((s) => this.state.containers[s]);
    if (!present.includes(service))
      throw new Error(`this lab has no ${service}; its backing services are ${present.join(', ')}`);
    const result = await docker(['restart', '-t', '2', this.containerId(service)]);
    if (result.code !== 0) throw new Error(`could not restart ${service}: ${result.stderr.trim()}`);
  }

  /** Applies one fault of the shared vocabulary; the result says how to undo it. */
  apply(fault: Fault): Promise<AppliedFault> {
    return applyFault(this, fault);
  }

  /** Removes every toxic and brings every link up (replicas are left as they are). */
  resetLinks(): Promise<void> {
    return this.toxiproxy.reset();
  }

  async logs(service: string, tail = 200): Promise<string> {
    const result = await docker(['logs', '--tail', String(tail), this.containerId(service)]);
    return result.stdout + result.stderr;
  }

  async status() {
    const [servers, proxies, containers] = await Promise.all([
      backendServers(this.endpoints.haproxyStatsUrl).catch(() => []),
      this.toxiproxy.proxies().catch(() => []),
      containerStates(this.state.containers),
    ]);
    const replicas = this.replicaNames().map((name) => {
      const server = servers.find((s) => s.name === name);
      return {
        name,
        container: containers[name] ?? 'missing',
        haproxy: server?.status ?? 'unknown',
        connections: server?.currentSessions ?? 0,
      };
    });
    const services = Object.entries(containers)
      .filter(([name]) => !name.startsWith('replica-'))
      .map(([name, state]) => ({ name, container: state }));
    return { labId: this.id, spec: this.state.spec, endpoints: this.endpoints, replicas, services, links: proxies };
  }

  /** Removes every container, the network and the record of this lab. */
  async stop(): Promise<void> {
    await removeLab(this.id);
    await forgetLabState(this.id);
    await this.hold?.release();
  }

  /** Lets go of a lab this process attached to, leaving it running. */
  async release(): Promise<void> {
    await this.hold?.release();
  }
}

/**
 * Attaches to a lab started elsewhere (`swaglab up` in another terminal, checkout
 * or user account). With `hold` (the default) this process holds the lab until
 * release() or its exit, so no stale clean-up removes it meanwhile.
 */
export async function attachLab(labId: string, { hold = true }: { hold?: boolean } = {}): Promise<Lab> {
  const state = await loadLabState(labId);
  return new Lab(state, hold ? await holdLab(labId) : undefined);
}
