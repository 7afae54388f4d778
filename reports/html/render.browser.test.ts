// Opens the rendered report in real headless Chromium from a file:// URL: the
// only way to prove it is self-contained (no requests), error-free, and that
// the charts actually draw. Skips only when Chromium is not installed.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderJUnit } from '../junit/render-junit.ts';
import type { RunResults } from '../results.ts';
import { hostileResults, sampleResults } from '../testdata/sample-results.ts';
import { CHROMIUM, haveChromium, launchChromium } from '../../test/support/headless-chromium.ts';
import { RESULTS_SCRIPT_ID, renderReport } from './render-report.ts';

const suiteName = haveChromium
  ? 'report in headless Chromium'
  : `report in headless Chromium (SKIPPED: ${CHROMIUM} not found; install with apt-get install -y chromium)`;

interface PageVisit {
  page: Page;
  consoleErrors: string[];
  pageErrors: string[];
  requests: string[];
  dialogs: string[];
}

let browser: Browser;
let dir: string;

async function openReport(results: RunResults, name: string): Promise<PageVisit> {
  const file = join(dir, `${name}.html`);
  await writeFile(file, renderReport(results), 'utf8');
  const page = await browser.newPage();
  const visit: PageVisit = { page, consoleErrors: [], pageErrors: [], requests: [], dialogs: [] };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') visit.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => visit.pageErrors.push(error.message));
  page.on('request', (request) => visit.requests.push(request.url()));
  page.on('dialog', (dialog) => {
    visit.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return visit;
}

describe.skipIf(!haveChromium)(suiteName, () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'swagboard-report-'));
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('loads with no console errors and requests nothing but itself', async () => {
    const visit = await openReport(sampleResults(), 'sample');
    expect(visit.consoleErrors).toEqual([]);
    expect(visit.pageErrors).toEqual([]);
    expect(visit.requests).toEqual([pathToFileURL(join(dir, 'sample.html')).href]);
    await visit.page.close();
  }, 30_000);

  it('draws every chart with non-empty path data and visible size', async () => {
    const results = sampleResults();
    const visit = await openReport(results, 'charts');
    const charts = await visit.page.$$eval('svg.chart', (svgs) =>
      svgs.map((svg) => ({
        bars: svg.classList.contains('bars'),
        paths: [...svg.querySelectorAll('path.series')].map((p) => p.getAttribute('d') ?? ''),
        rects: svg.querySelectorAll('g.bar rect').length,
        width: svg.getBoundingClientRect().width,
        height: svg.getBoundingClientRect().height,
      })),
    );
    const lineCharts = charts.filter((c) => !c.bars);
    expect(lineCharts).toHaveLength(results.series.length);
    for (const chart of lineCharts) {
      expect(chart.paths.length).toBeGreaterThan(0);
      for (const d of chart.paths) expect(d).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+)+/);
      expect(chart.width).toBeGreaterThan(300);
      expect(chart.height).toBeGreaterThan(100);
    }
    expect(charts.filter((c) => c.bars).every((c) => c.rects > 0)).toBe(true);
    await visit.page.close();
  }, 30_000);

  it('keeps hostile strings inert: no dialogs, no extra scripts, embedded JSON intact', async () => {
    const results = hostileResults();
    const visit = await openReport(results, 'hostile');
    expect(visit.dialogs).toEqual([]);
    expect(visit.pageErrors).toEqual([]);
    expect(await visit.page.$$eval('script', (s) => s.length)).toBe(1);
    expect(await visit.page.$$eval('img', (s) => s.length)).toBe(0);
    const embedded = await visit.page.$eval(`#${RESULTS_SCRIPT_ID}`, (el) => JSON.parse(el.textContent ?? 'null'));
    expect(embedded).toEqual(results);
    await visit.page.close();
  }, 30_000);

  it('produces JUnit XML that a real XML parser accepts, even with hostile strings', async () => {
    const page = await browser.newPage();
    for (const results of [sampleResults(), hostileResults()]) {
      const outcome = await page.evaluate((xml) => {
        // Runs in the page; the project's tsconfig has no DOM lib, so type the one API used.
        type XmlDocument = {
          querySelector(s: string): { textContent: string | null } | null;
          querySelectorAll(s: string): { length: number };
        };
        const { DOMParser } = globalThis as unknown as {
          DOMParser: new () => { parseFromString(text: string, type: string): XmlDocument };
        };
        const doc = new DOMParser().parseFromString(xml, 'application/xml');
        const error = doc.querySelector('parsererror');
        return { error: error?.textContent ?? null, cases: doc.querySelectorAll('testcase').length };
      }, renderJUnit(results));
      expect(outcome.error).toBeNull();
      expect(outcome.cases).toBeGreaterThan(0);
    }
    await page.close();
  }, 30_000);
});
