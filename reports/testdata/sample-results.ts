// Test helper: fresh copies of the sample run, and a hostile variant whose
// every free-text field tries to break out of HTML/XML/JSON contexts.
import { readFileSync } from 'node:fs';
import type { RunResults } from '../results.ts';

const SAMPLE_PATH = new URL('./sample-results.json', import.meta.url);

export function sampleResults(): RunResults {
  return JSON.parse(readFileSync(SAMPLE_PATH, 'utf8')) as RunResults;
}

export const HOSTILE = `</script><script>alert("x")</script><img src=x onerror=alert(1)>&amp;'"\u2028`;

export function hostileResults(): RunResults {
  const results = sampleResults();
  results.runId = `run-${HOSTILE}`;
  results.settings.scenario = `scenario ${HOSTILE}`;
  results.settings.plan = HOSTILE;
  results.settings.env = { [`KEY${HOSTILE}`]: HOSTILE };
  results.settings.gitRevision = HOSTILE;
  results.settings.machine.hostname = HOSTILE;
  results.summary.metrics[`evil_trend{path:${HOSTILE}}`] = {
    type: 'trend',
    contains: 'time',
    values: { avg: 1, 'p(95)': 2 },
    thresholds: { [`p(95)<1 ${HOSTILE}`]: { ok: false } },
  };
  results.summary.root_group.checks.push({ name: `check ${HOSTILE}`, path: '', id: 'x', passes: 1, fails: 1 });
  const first = results.series[0];
  if (first) {
    first.title = `title ${HOSTILE}`;
    first.query = HOSTILE;
    const firstSeries = first.series[0];
    if (firstSeries) firstSeries.labels = { replica: HOSTILE };
  }
  results.series.push({
    id: 'broken',
    title: 'Broken',
    unit: 'count',
    query: 'up',
    stepSeconds: 5,
    series: [],
    error: HOSTILE,
  });
  results.chaos.push({ action: HOSTILE, target: HOSTILE, start: results.startedAt, detail: { note: HOSTILE } });
  return results;
}
