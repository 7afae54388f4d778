// At most one scenario at a time, run from the console against its lab with
// the same runScenario as `swaglab run --lab`; its report is served back by
// the console once written.
import { join } from 'node:path';
import type { Lab } from '../lab/index.ts';
import { runScenario } from '../run/run-scenario.ts';
import { listScenarios } from '../run/scenario-list.ts';
import { BadConsoleRequest } from './console-actions.ts';

export interface ScenarioStatus {
  scenario: string;
  state: 'running' | 'passed' | 'failed-thresholds' | 'error' | 'stopped';
  startedAt: number;
  lastLine: string;
  /** The report's id (its folder under reports/runs), once written. */
  runId?: string;
  error?: string;
}

const DURATION = /^\d{1,4}(s|m)$/;

export class ScenarioRunner {
  private current?: { status: ScenarioStatus; controller: AbortController; dir?: string };

  constructor(private readonly lab: Lab) {}

  status(): ScenarioStatus | undefined {
    return this.current && { ...this.current.status };
  }

  start(form: URLSearchParams): string {
    const scenario = form.get('scenario')?.trim() ?? '';
    const scenarios = listScenarios();
    if (!scenarios.includes(scenario))
      throw new BadConsoleRequest(`unknown scenario "${scenario}"; expected one of ${scenarios.join(', ')}`);
    const vus = Number(form.get('vus') || '4');
    if (!Number.isInteger(vus) || vus < 1 || vus > 500)
      throw new BadConsoleRequest(`invalid vus; expected a whole number from 1 to 500, got "${form.get('vus')}"`);
    const duration = form.get('duration')?.trim() || '20s';
    if (!DURATION.test(duration))
      throw new BadConsoleRequest(`invalid duration; expected seconds or minutes such as 20s or 2m, got "${duration}"`);
    if (this.current?.status.state === 'running')
      throw new Error(`scenario ${this.current.status.scenario} is still running; stop it first`);
    const controller = new AbortController();
    const status: ScenarioStatus = { scenario, state: 'running', startedAt: Date.now(), lastLine: 'starting' };
    const current: { status: ScenarioStatus; controller: AbortController; dir?: string } = { status, controller };
    this.current = current;
    void runScenario(
      {
        scenario,
        attachTo: this.lab.id,
        env: { VUS: String(vus), DURATION: duration },
        quiet: true,
        baselineSeconds: 0,
      },
      { signal: controller.signal, log: (line) => (status.lastLine = line) },
    ).then(
      (output) => {
        current.dir = output.dir;
        status.runId = output.results.runId;
        status.state = output.exitCode === 0 ? 'passed' : 'failed-thresholds';
      },
      (error: Error) => {
        status.state = controller.signal.aborted ? 'stopped' : 'error';
        status.error = error.message;
      },
    );
    return `running ${scenario} with ${vus} VUs for ${duration}`;
  }

  stop(): string {
    if (this.current?.status.state !== 'running') throw new Error('no scenario is running');
    this.current.controller.abort(new Error('stopped from the console'));
    return `scenario ${this.current.status.scenario}: stopping`;
  }

  /** The report file of the run started here, if its id matches (never any other file). */
  reportPath(runId: string): string | undefined {
    const current = this.current;
    return current?.dir && current.status.runId === runId ? join(current.dir, 'index.html') : undefined;
  }
}
