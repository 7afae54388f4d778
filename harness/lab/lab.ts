import { docker } from '../images/docker-cli.ts';
import { removeLab } from './cleanup.ts';
import { forgetLabState, loadLabState, type LabState } from './lab-state.ts';
import { Link } from './link.ts';
import { Replica } from './replica.ts';
import { ToxiproxyApi } from './toxiproxy-api.ts';
import { findLink, replicaName } from './topology.ts';
import { backendServers } from './wait-for-backends.ts';

/** A running lab: its endpoints, and handles to break its links and replicas. */
export class Lab {
  readonly toxiproxy: ToxiproxyApi;

  constructor(readonly state: LabState) {
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
    return new Link(findLink(this.state.links, name).name, this.toxiproxy);
  }

  /** A replica by number (1-based) or name (`replica-2`). */
  replica(which: number | string): Replica {
    const name = typeof which === 'number' ? replicaName(which) : which;
    const containerId = this.state.containers[name];
    if (!containerId || !name.startsWith('replica-')) {
      throw new Error(`unknown replica "${name}"; this lab has replica-1 … replica-${this.state.spec.replicas}`);
    }
    return new Replica(name, containerId);
  }

  replicas(): Replica[] {
    return Array.from({ length: this.state.spec.replicas }, (_, i) => this.replica(i + 1));
  }

  /** Restarts a backing service (postgres, redis, nats) in place. */
  async restartService(service: 'postgres' | 'redis' | 'nats'): Promise<void> {
    const id = this.state.containers[service];
    if (!id) throw new Error(`this lab has no ${service}`);
    const result = await docker(['restart', '-t', '2', id]);
    if (result.code !== 0) throw new Error(`could not restart ${service}: ${result.stderr}`);
  }

  async status() {
    const [servers, proxies] = await Promise.all([
      backendServers(this.endpoints.haproxyStatsUrl).catch(() => []),
      this.toxiproxy.proxies().catch(() => []),
    ]);
    return { labId: this.id, spec: this.state.spec, endpoints: this.endpoints, replicas: servers, links: proxies };
  }

  /** Removes every container and the network of this lab. */
  async stop(): Promise<void> {
    await removeLab(this.id);
    await forgetLabState(this.id);
  }
}

/** Attaches to a lab started elsewhere (e.g. `swaglab up` in another terminal). */
export async function attachLab(labId: string): Promise<Lab> {
  return new Lab(await loadLabState(labId));
}
