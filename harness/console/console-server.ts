// The lab console: a small HTTP server on a loopback port that renders the
// lab's state, serves the charts' data and turns form posts into faults
// through the lab API. One per lab; `close()` stops it (the lab keeps running).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Lab } from '../lab/index.ts';
import { proxiedLinks } from '../lab/topology.ts';
import { applyAction, BadConsoleRequest, parseAction } from './console-actions.ts';
import { readAsset } from './console-assets.ts';
import { consolePage, resultFragment, stateFragment, timelineFragment } from './console-page.ts';
import { consoleCharts, waterfallQuery } from './console-queries.ts';
import { hopWaterfall } from './hop-waterfall.ts';
import { chartData } from './console-series.ts';
import { topologyView } from './console-view.ts';
import { FaultTimeline } from './fault-timeline.ts';
import { PlanPlayback } from './plan-playback.ts';
import { ScenarioRunner } from './scenario-run.ts';
import { sharedFor } from './shared-result.ts';
import { listScenarios } from '../run/scenario-list.ts';
import { readFile } from 'node:fs/promises';
import { shippedPlans } from '../../chaos/index.ts';

export interface ConsoleOptions {
  /** 127.0.0.1 unless said otherwise. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Seconds of history the charts show. */
  windowSeconds?: number;
}

export interface RunningConsole {
  url: string;
  timeline: FaultTimeline;
  close(): Promise<void>;
}

const MAX_BODY = 16 * 1024;

export async function startConsole(
  lab: Lab,
  { host = '127.0.0.1', port = 0, windowSeconds = 300 }: ConsoleOptions = {},
): Promise<RunningConsole> {
  const timeline = new FaultTimeline();
  const stopping = new Set<string>();
  const charts = consoleCharts();
  const faultableLinks = proxiedLinks(lab.state.links).map((l) => l.name);
  const playback = new PlanPlayback(lab, timeline);
  const plans = await shippedPlans();
  const scenarios = new ScenarioRunner(lab);
  const status = sharedFor(700, () => lab.status());
  const series = sharedFor(700, () =>
    Promise.all([
      chartData(lab.endpoints.prometheusUrl, charts, windowSeconds),
      chartData(lab.endpoints.prometheusUrl, [waterfallQuery()], 120),
    ]),
  );

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>> = {
    'GET /': async (_req, res) =>
      send(
        res,
        200,
        'text/html',
        consolePage({
          labId: lab.id,
          bus: lab.state.spec.bus,
          replicas: lab.replicaNames(),
          faultableLinks,
          services: lab.services(),
          charts,
          plans,
          scenarios: listScenarios(),
        }).value,
      ),
    'GET /fragments/state': async (_req, res) => {
      try {
        send(
          res,
          200,
          'text/html',
          stateFragment(topologyView(await status(), stopping, lab.state.links), new Date()).value,
        );
      } catch (error) {
        // Still 200: the poll keeps going and shows why, rather than stopping on an error status.
        send(
          res,
          200,
          'text/html',
          resultFragment(false, `could not read the lab's state: ${(error as Error).message}`).value,
        );
      }
    },
    'GET /fragments/timeline': async (_req, res) =>
      send(res, 200, 'text/html', timelineFragment(timeline.list(), playback.status(), scenarios.status()).value),
    'GET /api/series': async (_req, res) => {
      const [data, [hopP50]] = await series();
      const faults = timeline.list().map((e) => ({
        kind: e.key.split(':')[0],
        label: e.label,
        start: e.start / 1000,
        end: e.end === undefined ? null : e.end / 1000,
      }));
      send(
        res,
        200,
        'application/json',
        JSON.stringify({
          now: Date.now() / 1000,
          windowSeconds,
          charts: data,
          faults,
          waterfall: hopWaterfall(hopP50!),
        }),
      );
    },
    'GET /api/status': async (_req, res) =>
      send(res, 200, 'application/json', JSON.stringify(topologyView(await status(), stopping, lab.state.links))),
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: Error) => {
      if (!res.headersSent) send(res, 500, 'text/plain', `console error: ${error.message}`);
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://console');
    const route = routes[`${req.method} ${url.pathname}`];
    if (route) return route(req, res, url);
    if (req.method === 'GET' && url.pathname.startsWith('/assets/')) {
      const asset = await readAsset(url.pathname.slice('/assets/'.length));
      return asset ? send(res, 200, asset.type, asset.body) : send(res, 404, 'text/plain', `no asset ${url.pathname}`);
    }
    const report = /^\/runs\/([\w.-]+)\/index\.html$/.exec(url.pathname);
    if (req.method === 'GET' && report) {
      const path = scenarios.reportPath(report[1]!);
      return path
        ? send(res, 200, 'text/html', await readFile(path))
        : send(res, 404, 'text/plain', `no report ${report[1]} from this console`);
    }
    if (req.method === 'POST' && url.pathname.startsWith('/actions/'))
      return act(req, res, url.pathname.slice('/actions/'.length));
    send(
      res,
      404,
      'text/plain',
      `no route ${req.method} ${url.pathname}; the console serves GET / and POST /actions/<toxic-add|toxic-remove|link|replica|service|plan|plan-stop|scenario|scenario-stop>`,
    );
  }

  async function act(req: IncomingMessage, res: ServerResponse, kind: string): Promise<void> {
    let run: () => Promise<string>;
    try {
      const type = req.headers['content-type'] ?? '';
      if (!type.startsWith('application/x-www-form-urlencoded'))
        throw new BadConsoleRequest(
          `expected a form (application/x-www-form-urlencoded), got "${type || 'no content type'}"`,
        );
      const form = new URLSearchParams(await readBody(req));
      if (kind === 'plan') run = () => playback.start(form.get('plan')?.trim() ?? '');
      else if (kind === 'plan-stop') run = () => playback.stop();
      else if (kind === 'scenario') run = async () => scenarios.start(form);
      else if (kind === 'scenario-stop') run = async () => scenarios.stop();
      else {
        const action = parseAction(kind, form);
        run = () => applyAction(lab, action, timeline, stopping);
      }
    } catch (error) {
      return send(res, 400, 'text/html', resultFragment(false, `bad request: ${(error as Error).message}`).value);
    }
    try {
      send(res, 200, 'text/html', resultFragment(true, await run()).value);
    } catch (error) {
      const bad = error instanceof BadConsoleRequest;
      send(
        res,
        bad ? 400 : 409,
        'text/html',
        resultFragment(false, `${bad ? 'bad request' : 'the lab refused'}: ${(error as Error).message}`).value,
      );
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    timeline,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type.includes('charset') ? type : `${type}; charset=utf-8`,
    'cache-control': 'no-store',
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new BadConsoleRequest(`form too large; expected at most ${MAX_BODY} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
