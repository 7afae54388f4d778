// The lab's own Prometheus image, alone, with no scrape targets: a real
// remote-write receiver for the output's integration tests.
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { ensureImages } from '../../../../images/ensure-images.ts';
import { labLabels } from '../../../../lab/labels.ts';

export interface TestPrometheus {
  url: string;
  /** An instant query's vector, as { labels, value } (histogram samples as their raw JSON). */
  query(expr: string): Promise<Array<{ labels: Record<string, string>; value: number; histogram?: unknown }>>;
  stop(): Promise<void>;
}

export async function startTestPrometheus(): Promise<TestPrometheus> {
  const tag = (await ensureImages(['prometheus'])).prometheus!;
  const container: StartedTestContainer = await new GenericContainer(tag)
    .withLabels(labLabels(`test-${process.pid}`, 'ephemeral'))
    .withExposedPorts(9090)
    .withCopyContentToContainer([{ target: '/etc/swaglab/prometheus.yml', content: 'global:\n  scrape_interval: 15s\nscrape_configs: []\n' }])
    .withWaitStrategy(Wait.forHttp('/-/ready', 9090))
    .withStartupTimeout(60_000)
    .start();
  const url = `http://${container.getHost()}:${container.getMappedPort(9090)}`;
  return {
    url,
    async query(expr) {
      const response = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query: expr })}`);
      const body = (await response.json()) as { status: string; error?: string; data: { result: Array<{ metric: Record<string, string>; value?: [number, string]; histogram?: [number, unknown] }> } };
      if (body.status !== 'success') throw new Error(`query ${expr} failed: ${body.error}`);
      return body.data.result.map((r) => ({ labels: r.metric, value: r.value ? Number(r.value[1]) : Number.NaN, histogram: r.histogram?.[1] }));
    },
    stop: async () => {
      await container.stop({ timeout: 1_000 });
    },
  };
}
