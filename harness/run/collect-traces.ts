// After a run: the slowest cross-node deliveries from the lab's Zipkin, for results.json's `traces`.
import { ZipkinApi } from '../lab/zipkin-api.ts';
import type { Lab } from '../lab/index.ts';
import { slowestDeliveries } from '../../reports/traces/slowest-deliveries.ts';
import type { TracesResults } from '../../reports/traces/traces-results.ts';

const SLOWEST_LISTED = 10;
/** Traces fetched to pick the slowest from: at the default 5 % sampling, minutes of cross-node traffic. */
const TRACES_SEARCHED = 1000;

/** Undefined when the lab runs without Zipkin; an unreachable Zipkin is logged, never fatal to the run. */
export async function collectTraces(
  lab: Lab,
  windowStart: Date,
  windowEnd: Date,
  log: (line: string) => void,
): Promise<TracesResults | undefined> {
  const zipkinUrl = lab.endpoints.zipkinUrl;
  if (!zipkinUrl) return undefined;
  const zipkin = new ZipkinApi(zipkinUrl);
  try {
    const traces = await zipkin.traces({
      spanName: `bus.receive ${lab.state.spec.bus}`,
      endTs: windowEnd,
      lookbackMs: windowEnd.getTime() - windowStart.getTime(),
      limit: TRACES_SEARCHED,
    });
    log(`traces: ${traces.length} cross-node trace(s) in Zipkin`);
    return { zipkinUrl, slowest: slowestDeliveries(traces, SLOWEST_LISTED) };
  } catch (error) {
    log(`traces: could not query Zipkin: ${(error as Error).message}`);
    return { zipkinUrl, slowest: [] };
  }
}
