// The console against a real lab (two replicas, Redis) in real Chromium:
// break things from the page and see the page say so.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHostNetworkChange, launchChromium } from '../../test/support/headless-chromium.ts';
import { projectRoot, runsDir } from '../paths.ts';
import { startLab, type Lab } from '../lab/index.ts';
import { BoardClient } from '../lab/testing/board-client.ts';
import { startConsole, type RunningConsole } from './console-server.ts';

const CLIENTS = 6;
// Like the board's browser test: a screenshot only when asked for (SWAGBOARD_SCREENSHOT_DIR=docs), so a test run
// never rewrites a committed file.
const SCREENSHOT_DIR = process.env.SWAGBOARD_SCREENSHOT_DIR;

/**
 * Clients that stay connected through the client edge, rejoining when a kill
 * drops them or stops answering, each creating a task every tick on one shared board, so every
 * replica publishes to and receives from the bus. Bounded: stops with the test.
 */
function keepTraffic(url: string) {
  const slots: Array<BoardClient | undefined> = Array.from({ length: CLIENTS });
  let running = true;
  let tick = 0;
  const loop = (async () => {
    while (running) {
      tick += 1;
      await Promise.all(
        slots.map(async (client, i) => {
          if (!client?.isOpen) {
            client?.close();
            slots[i] = await BoardClient.join(url, ['console-board'], { user: `console-${i}`, timeoutMs: 3000 }).catch(
              () => undefined,
            );
            return;
          }
          // An unanswered request means a dead peer (a killed replica sends no close): drop it and rejoin, as a real client's heartbeat would.
          await client.createTask('console-board', `t${tick}-${i}`, 3000).catch(() => {
            client.close();
            slots[i] = undefined;
          });
        }),
      );
      await sleep(250);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      slots.forEach((c) => c?.close());
    },
  };
}

describe('lab console in a real browser', () => {
  let lab: Lab;
  let consoleServer: RunningConsole;
  let browser: Browser;
  let page: Page;
  let traffic: { stop(): Promise<void> } | undefined;
  const problems: string[] = [];

  beforeAll(async () => {
    lab = await startLab({ replicas: 2, bus: 'redis', traces: false });
    consoleServer = await startConsole(lab);
    traffic = keepTraffic(lab.endpoints.clientUrl);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 1300 } })).newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' && !isHostNetworkChange(message.text()))
        problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      if (!request.url().startsWith(consoleServer.url)) problems.push(`external request: ${request.url()}`);
    });
  }, 600_000);

  afterAll(async () => {
    await traffic?.stop();
    await browser?.close();
    await consoleServer?.close();
    await lab?.stop();
  }, 120_000);

  const replicaBadge = (name: string) => page.locator(`[data-replica-state="${name}"]`);
  const connections = async (name: string) => Number(await page.locator(`[data-connections="${name}"]`).textContent());
  const lastValue = async (chart: string, series: string) => {
    const last = JSON.parse(
      (await page.locator(`figure[data-chart="${chart}"]`).getAttribute('data-last')) ?? '{}',
    ) as Record<string, number | null>;
    return last[series] ?? null;
  };

  it('shows every replica up with its connections, and draws the charts', async () => {
    await page.goto(consoleServer.url);
    await expect.poll(() => replicaBadge('replica-1').textContent(), { timeout: 30_000 }).toBe('up');
    await expect.poll(() => replicaBadge('replica-2').textContent(), { timeout: 30_000 }).toBe('up');
    await expect
      .poll(async () => (await connections('replica-1')) + (await connections('replica-2')), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(CLIENTS);
    await expect
      .poll(() => page.locator('figure[data-chart="ws-connections-per-replica"] canvas').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    expect(await page.locator('svg.topology g.link').count()).toBe(2 + 3 * 2);
  }, 120_000);

  it('adds latency to a bus link: the toxic is drawn on its edge and the bus-lag chart rises', async () => {
    const before = (await lastValue('bus-receive-lag-p99', 'replica-1')) ?? 0;
    const form = page.locator('form.toxic');
    await form.locator('select[name="link"]').selectOption('replica-1.bus');
    await form.locator('select[name="toxic"]').selectOption('latency');
    await form.locator('input[name="attr.latency.latency"]').fill('400');
    await form.locator('button[type="submit"]').click();
    await expect
      .poll(() => page.locator('#action-result [data-result]').textContent(), { timeout: 15_000 })
      .toContain('replica-1.bus: added latency_downstream');
    const edge = page.locator('svg.topology g[data-link="replica-1.bus"]');
    await expect.poll(() => edge.getAttribute('data-state'), { timeout: 10_000 }).toBe('toxic');
    expect(await edge.textContent()).toContain('latency 400 ↓');
    await expect
      .poll(() => lastValue('bus-receive-lag-p99', 'replica-1'), { timeout: 60_000, interval: 1000 })
      .toBeGreaterThan(Math.max(0.3, before));
    // Cross-node traffic fills the per-hop waterfall, bus_transit among its bars.
    await expect
      .poll(async () => Number(await page.locator('figure[data-waterfall]').getAttribute('data-hops')), {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(4);
    expect(await page.locator('figure[data-waterfall] .bars').textContent()).toContain('bus_transit (cross)');
  }, 120_000);

  it('kills a replica: its state turns down, its connections move to the other', async () => {
    await expect.poll(() => connections('replica-2'), { timeout: 30_000 }).toBeGreaterThan(0);
    const onOne = await connections('replica-1');
    const form = page.locator('form[hx-post="/actions/replica"]');
    await form.locator('select[name="replica"]').selectOption('replica-2');
    await form.locator('button[value="kill"]').click();
    await expect.poll(() => replicaBadge('replica-2').textContent(), { timeout: 15_000 }).toBe('down');
    expect(await page.locator('svg.topology g[data-replica="replica-2"]').getAttribute('data-state')).toBe('down');
    await expect.poll(() => connections('replica-2'), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => connections('replica-1'), { timeout: 30_000 }).toBeGreaterThan(onOne);
    await expect.poll(() => page.locator('#timeline li.open').count(), { timeout: 5000 }).toBe(2);
    if (SCREENSHOT_DIR) {
      await sleep(8000); // a few chart refreshes, so the shading and the drop are on the picture
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'console-kill.png'), fullPage: true });
    }
  }, 120_000);

  it('restarts the replica and removes the toxic from the page', async () => {
    const form = page.locator('form[hx-post="/actions/replica"]');
    await form.locator('select[name="replica"]').selectOption('replica-2');
    await form.locator('button[value="restart"]').click();
    await expect.poll(() => replicaBadge('replica-2').textContent(), { timeout: 60_000 }).toBe('up');
    await page.locator('[data-active-toxic="replica-1.bus/latency_downstream"] button').click();
    await expect
      .poll(() => page.locator('svg.topology g[data-link="replica-1.bus"]').getAttribute('data-state'), {
        timeout: 10_000,
      })
      .toBe('ok');
    // The timeline refreshes on its own beat, after the diagram: wait for it rather than read it once.
    await expect.poll(() => page.locator('#timeline li.open').count(), { timeout: 10_000 }).toBe(0);
  }, 120_000);

  it('plays a chaos plan: its fault is drawn and shaded while it holds, and stopping reverts it', async () => {
    const form = page.locator('form[hx-post="/actions/plan"]');
    await form.locator('select[name="plan"]').selectOption('bus-partition');
    await form.locator('button[type="submit"]').click();
    await expect
      .poll(() => page.locator('#action-result [data-result]').textContent(), { timeout: 10_000 })
      .toContain('playing plan bus-partition');
    await expect
      .poll(() => page.locator('[data-plan-state]').getAttribute('data-plan-state'), { timeout: 5000 })
      .toBe('playing');
    const edge = page.locator('svg.topology g[data-link="replica-2.bus"]');
    await expect.poll(() => edge.getAttribute('data-state'), { timeout: 20_000 }).toBe('down');
    expect(await page.locator('#timeline li.open').textContent()).toContain(
      'plan bus-partition: link replica-2.bus down',
    );
    await form.locator('button[hx-post="/actions/plan-stop"]').click();
    await expect
      .poll(() => page.locator('[data-plan-state]').getAttribute('data-plan-state'), { timeout: 10_000 })
      .toBe('stopped');
    await expect.poll(() => edge.getAttribute('data-state'), { timeout: 10_000 }).toBe('ok');
    // The timeline refreshes on its own beat, after the diagram: wait for it rather than read it once.
    await expect.poll(() => page.locator('#timeline li.open').count(), { timeout: 10_000 }).toBe(0);
  }, 120_000);

  it('runs a scenario against the lab, shows its progress and links its report', async () => {
    const form = page.locator('form[hx-post="/actions/scenario"]');
    await form.locator('select[name="scenario"]').selectOption('cross-node-latency');
    await form.locator('input[name="vus"]').fill('2');
    await form.locator('input[name="duration"]').fill('5s');
    await form.locator('button[type="submit"]').click();
    await expect
      .poll(() => page.locator('#action-result [data-result]').textContent(), { timeout: 10_000 })
      .toContain('running cross-node-latency with 2 VUs for 5s');
    await expect
      .poll(() => page.locator('[data-scenario-state]').getAttribute('data-scenario-state'), { timeout: 5000 })
      .toBe('running');
    await expect
      .poll(() => page.locator('[data-scenario-state]').getAttribute('data-scenario-state'), {
        timeout: 150_000,
        interval: 1000,
      })
      .not.toBe('running');
    expect(['passed', 'failed-thresholds']).toContain(
      await page.locator('[data-scenario-state]').getAttribute('data-scenario-state'),
    );
    const href = await page.locator('[data-report]').getAttribute('href');
    expect(href).toMatch(/^\/runs\/[\w.-]+-cross-node-latency\/index\.html$/);
    const report = await fetch(`${consoleServer.url}${href}`);
    expect(report.status).toBe(200);
    expect(await report.text()).toContain('cross-node-latency');
    expect((await fetch(`${consoleServer.url}/runs/other-run/index.html`)).status).toBe(404);
    await rm(join(runsDir, href!.split('/')[2]!), { recursive: true, force: true });
  }, 180_000);

  it('is served by `swaglab console --lab <id>` on a loopback port, which prints its URL and stops on SIGINT', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(projectRoot, 'harness', 'cli', 'main.ts'), 'console', '--lab', lab.id],
      { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      await expect.poll(() => out, { timeout: 60_000 }).toMatch(/^http:\/\/127\.0\.0\.1:\d+\n/);
      const url = out.trim();
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`lab <b>${lab.id}</b>`);
      const state = await (await fetch(`${url}/fragments/state`)).text();
      expect(state).toMatch(/data-replica-state="replica-1">up</);
    } finally {
      child.kill('SIGINT');
      if (child.exitCode === null) await once(child, 'exit');
    }
    expect(child.exitCode).toBe(0);
  }, 90_000);

  it('logged no browser errors and made no request outside the console', () => {
    expect(problems).toEqual([]);
  });

  it('answers bad requests with 400 and faults the lab refuses with 409 and its reason', async () => {
    const post = (kind: string, fields: Record<string, string>) =>
      fetch(`${consoleServer.url}/actions/${kind}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields),
      });
    const bad = await post('toxic-add', { link: 'replica-1.bus', toxic: 'down', stream: 'downstream' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/bad request: invalid toxic; expected one of latency/);
    const refused = await post('link', { link: 'replica-9.bus', state: 'down' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toMatch(
      /the lab refused: unknown link &quot;replica-9\.bus&quot;; expected one of client\.edge/,
    );
    const unknownReplica = await post('replica', { replica: 'replica-7', action: 'kill' });
    expect(unknownReplica.status).toBe(409);
    expect(await unknownReplica.text()).toContain(
      'unknown replica &quot;replica-7&quot;; this lab has replica-1, replica-2',
    );
    const path = await post('plan', { plan: '../../package.json' });
    expect(path.status).toBe(400);
    expect(await path.text()).toMatch(
      /unknown plan &quot;\.\.\/\.\.\/package\.json&quot;; expected one of bus-partition/,
    );
    const notForm = await fetch(`${consoleServer.url}/actions/service`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(notForm.status).toBe(400);
    expect(await notForm.text()).toContain('expected a form');
  });
});
