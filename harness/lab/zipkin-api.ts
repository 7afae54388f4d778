// The few calls of Zipkin's HTTP API (v2) the lab makes: health, trace search, one trace.
import type { ZipkinSpan } from '../../reports/traces/slowest-deliveries.ts';

/** Every replica reports as this service (server/tracing.ts); replicas differ by the swagboard.replica tag. */
export const SERVER_SERVICE_NAME = 'swagboard-server';

export interface TraceQuery {
  spanName?: string;
  /** Microseconds, as Zipkin takes it. */
  minDurationUs?: number;
  /** e.g. `swagboard.board=b1` (Zipkin's annotationQuery: tags and annotations). */
  annotationQuery?: string;
  endTs?: Date;
  lookbackMs?: number;
  limit?: number;
}

export class ZipkinApi {
  constructor(readonly baseUrl: string) {}

  /** A trace's page in Zipkin's UI. */
  traceUrl(traceId: string): string {
    return `${this.baseUrl}/zipkin/traces/${traceId}`;
  }

  async traces(query: TraceQuery = {}): Promise<ZipkinSpan[][]> {
    const params = new URLSearchParams({ serviceName: SERVER_SERVICE_NAME, limit: String(query.limit ?? 100) });
    if (query.spanName) params.set('spanName', query.spanName);
    if (query.minDurationUs !== undefined) params.set('minDuration', String(Math.round(query.minDurationUs)));
    if (query.annotationQuery) params.set('annotationQuery', query.annotationQuery);
    if (query.endTs) params.set('endTs', String(query.endTs.getTime()));
    if (query.lookbackMs !== undefined) params.set('lookback', String(Math.round(query.lookbackMs)));
    return this.get<ZipkinSpan[][]>(`/api/v2/traces?${params}`);
  }

  trace(traceId: string): Promise<ZipkinSpan[]> {
    return this.get<ZipkinSpan[]>(`/api/v2/trace/${traceId}`);
  }

  private async get<T>(path: string): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok)
      throw new Error(`Zipkin ${path}: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
    return (await response.json()) as T;
  }
}
