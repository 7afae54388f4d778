// Zipkin in the lab: the trace store every replica exports its sampled spans to.
import type { StartedTestContainer } from 'testcontainers';
import { ZIPKIN_PORT } from '../services/service-catalogue.ts';
import { catalogued, startLabContainer, type LabContainerOptions } from './lab-containers.ts';
import type { LabSpec } from './lab-spec.ts';

const ZIPKIN_ALIAS = 'zipkin';
/** Spans leave a replica once a second (the SDK's default is 5 s), so a run's last traces are in Zipkin soon after it. */
const EXPORT_DELAY_MS = 1000;

/**
 * Starts Zipkin without holding up whoever calls: its JVM takes seconds to start on two cores, so the lab starts
 * it first and waits for it last. Replicas that export before it is ready lose those spans, which is fine.
 */
export function startZipkinEarly(
  base: Pick<LabContainerOptions, 'labId' | 'lifetime' | 'network' | 'listen'>,
  image: string,
  log: (line: string) => void,
): { ready: () => Promise<StartedTestContainer> } {
  const started = performance.now();
  const starting = startLabContainer({ ...base, ...catalogued('zipkin'), image, alias: ZIPKIN_ALIAS });
  starting.catch(() => undefined); // awaited by ready(); until then a failure must not be an unhandled rejection
  return {
    ready: async () => {
      const waitFrom = performance.now();
      const container = await starting;
      const seconds = (ms: number) => (ms / 1000).toFixed(1);
      log(
        `zipkin: up in ${seconds(performance.now() - started)} s; the rest of the lab waited ${seconds(performance.now() - waitFrom)} s for it`,
      );
      return container;
    },
  };
}

/**
 * The standard OTEL_* settings a replica's SDK reads (validated by server/config.ts). Resource detectors are off
 * but for the env one: every span carries its replica as a tag, and not a dozen host and process tags.
 */
export function zipkinReplicaEnv(
  spec: Pick<LabSpec, 'traces' | 'traceSampleRatio'>,
  replica: string,
): Record<string, string> {
  if (!spec.traces) return {};
  return {
    OTEL_TRACES_EXPORTER: 'zipkin',
    OTEL_EXPORTER_ZIPKIN_ENDPOINT: `http://${ZIPKIN_ALIAS}:${ZIPKIN_PORT}/api/v2/spans`,
    OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
    OTEL_TRACES_SAMPLER_ARG: String(spec.traceSampleRatio),
    OTEL_BSP_SCHEDULE_DELAY: String(EXPORT_DELAY_MS),
    OTEL_NODE_RESOURCE_DETECTORS: 'env',
    OTEL_RESOURCE_ATTRIBUTES: `swagboard.replica=${replica}`,
  };
}
