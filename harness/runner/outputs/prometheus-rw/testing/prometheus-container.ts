// The lab's own Prometheus image, alone, with no scrape targets: a real
// remote-write receiver for the output's integration tests.
import { startService } from '../../../../services/start-service.ts';

export interface TestPrometheus {
  url: string;
  /** An instant query's vector, as { labels, value } (histogram samples as their raw JSON). */
  query(expr: string): Promise<Array<{ labels: Record<string, string>; value: number; histogram?: unknown }>>;
  stop(): Promise<void>;
}

export async function startTestPrometheus(): Promise<TestPrometheus> {
  const { url, stop } = await startService('prometheus', {
    files: [
      { target: '/etc/swaglab/prometheus.yml', content: 'global:\n  scrape_interval: 15s\nscrape_configs: []\n' },
    ],
  });
  return {
    url,
    async query(expr) {
      const response = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query: expr })}`);
      const body = (await response.json()) as {
        status: string;
        error?: string;
        data: {
          result: Array<{ metric: Record<string, string>; value?: [number, string]; histogram?: [number, unknown] }>;
        };
      };
      if (body.status !== 'success') throw new Error(`query ${expr} failed: ${body.error}`);
      return body.data.result.map((r) => ({
        labels: r.metric,
        value: r.value ? Number(r.value[1]) : Number.NaN,
        histogram: r.histogram?.[1],
      }));
    },
    stop,
  };
}
