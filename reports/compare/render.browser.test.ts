// The comparison page and a report with the reconnect, backpressure and
// per-replica sections, opened in headless Chromium: no console errors, no
// requests, charts with data. Skips only when Chromium is not installed.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, launchChromium } from '../../test/support/headless-chromium.ts';
import { renderReport } from '../html/render-report.ts';
import { scenarioResults } from '../testdata/scenario-results.ts';
import { renderComparison } from './render-comparison.ts';

let browser: Browser;
let dir: string;

async function visit(name: string, content: string) {
  const file = join(dir, `${name}.html`);
  await writeFile(file, content, 'utf8');
  const page = await browser.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  const charts = await page.$$eval('svg.chart', (svgs) =>
    svgs.map((s) => ({
      id: s.closest('section')?.id ?? '',
      marks: s.querySelectorAll('g.bar rect, path.series').length,
    })),
  );
  await page.close();
  return { errors, requests, charts, url: pathToFileURL(file).href };
}

describe.skipIf(!haveChromium)('comparison and scenario sections in headless Chromium', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'swagboard-compare-'));
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('renders the comparison with data in its charts and nothing fetched', async () => {
    const runs = [
      scenarioResults('redis', 1),
      scenarioResults('redis', 1.1),
      scenarioResults('nats', 0.7),
      scenarioResults('nats', 0.75),
    ];
    runs.forEach((r, i) => (r.runId = `run-${i}`));
    const v = await visit('comparison', renderComparison(runs));
    expect(v.errors).toEqual([]);
    expect(v.requests).toEqual([v.url]);
    expect(v.charts.length).toBeGreaterThan(0);
    for (const chart of v.charts) expect(chart.marks).toBeGreaterThan(0);
  }, 30_000);

  it('renders per-replica, reconnect and backpressure sections with charts that have data', async () => {
    const v = await visit('sections', renderReport(scenarioResults()));
    expect(v.errors).toEqual([]);
    expect(v.requests).toEqual([v.url]);
    expect(v.charts.find((c) => c.id === 'recovery')?.marks).toBeGreaterThan(0);
    expect(v.charts.find((c) => c.id === 'backpressure')?.marks).toBeGreaterThan(0);
  }, 30_000);
});
