// From the lab's status (Docker, HAProxy, Toxiproxy) to what the console draws.
import type { LabStatus } from '../lab/index.ts';
import type { LinkPlan } from '../lab/topology.ts';
import type { ReplicaState, ReplicaView, TopologyView } from './topology-svg.ts';

/**
 * Docker says whether the process lives; HAProxy whether it takes traffic. A
 * running replica that HAProxy has taken out is draining while a stop the
 * console sent is in flight, otherwise starting (checks not yet passed).
 */
export function replicaState(container: string, haproxy: string, stopping: boolean): ReplicaState {
  if (container === 'paused') return 'paused';
  if (container !== 'running') return 'down';
  if (stopping) return 'draining';
  return haproxy.startsWith('UP') ? 'up' : 'starting';
}

/** `planned` is the lab's own link plan: it says which links are direct, so a Toxiproxy that does not answer shows as missing links, not direct ones. */
export function topologyView(status: LabStatus, stopping: ReadonlySet<string>, planned: LinkPlan[]): TopologyView {
  const replicas: ReplicaView[] = status.replicas.map((r) => ({
    ...r,
    state: replicaState(r.container, r.haproxy, stopping.has(r.name)),
  }));
  const proxies = new Map(status.links.map((p) => [p.name, p]));
  const links: TopologyView['links'] = {};
  for (const plan of planned) {
    const proxy = proxies.get(plan.name);
    if (plan.direct) links[plan.name] = { direct: true, enabled: true, toxics: [] };
    else if (proxy) links[plan.name] = { direct: false, enabled: proxy.enabled, toxics: proxy.toxics };
  }
  return { bus: status.spec.bus, replicas, links };
}
