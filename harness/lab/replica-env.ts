// A replica's settings as the lab gives them, in one place for the Testcontainers
// lab and the compose project.
import type { LabSpec } from './lab-spec.ts';
import { findLink, linkAddress, REPLICA_METRICS_PORT, REPLICA_PORT, replicaName, type LinkPlan } from './topology.ts';
import { zipkinReplicaEnv } from './zipkin.ts';

export function replicaEnv(
  spec: LabSpec,
  links: LinkPlan[],
  index: number,
  tokenSecret: string,
): Record<string, string> {
  const name = replicaName(index);
  const busUrl = `${spec.bus}://${linkAddress(findLink(links, `${name}.bus`))}`;
  return {
    SWAGBOARD_REPLICA: name,
    SWAGBOARD_PORT: String(REPLICA_PORT),
    SWAGBOARD_METRICS_PORT: String(REPLICA_METRICS_PORT),
    SWAGBOARD_DATABASE_URL: `postgres://swag@${linkAddress(findLink(links, `${name}.postgres`))}/swagboard`,
    SWAGBOARD_BUS: spec.bus,
    SWAGBOARD_AUTH: 'open',
    SWAGBOARD_TOKEN_SECRET: tokenSecret,
    [spec.bus === 'redis' ? 'SWAGBOARD_REDIS_URL' : 'SWAGBOARD_NATS_URL']: busUrl,
    ...zipkinReplicaEnv(spec, name),
    ...spec.serverEnv,
  };
}
