// At most one chaos plan at a time, played from the console in the background
// through the same player as `swaglab chaos play`; its progress is what the
// timeline fragment shows.
import { checkPlanAgainstLab, loadPlan, planLengthMs, playPlan, shippedPlans } from '../../chaos/index.ts';
import type { Lab } from '../lab/index.ts';
import { BadConsoleRequest } from './console-actions.ts';
import type { FaultTimeline } from './fault-timeline.ts';
import { recordingLab } from './recording-lab.ts';

export interface PlaybackStatus {
  plan: string;
  state: 'playing' | 'finished' | 'stopped' | 'failed';
  startedAt: number;
  lengthMs: number;
  log: string[];
  error?: string;
}

export class PlanPlayback {
  private current?: { status: PlaybackStatus; controller: AbortController; done: Promise<void> };

  constructor(
    private readonly lab: Lab,
    private readonly timeline: FaultTimeline,
  ) {}

  status(): PlaybackStatus | undefined {
    return this.current && { ...this.current.status, log: [...this.current.status.log] };
  }

  /** Starts a shipped plan (never a path: the console must not read arbitrary files); refuses while another plays. */
  async start(name: string): Promise<string> {
    const plans = await shippedPlans();
    if (!plans.includes(name))
      throw new BadConsoleRequest(`unknown plan "${name}"; expected one of ${plans.join(', ')}`);
    if (this.current?.status.state === 'playing')
      throw new Error(`plan ${this.current.status.plan} is still playing; stop it first`);
    const plan = await loadPlan(name);
    const target = recordingLab(this.lab, this.timeline, `plan ${name}`);
    checkPlanAgainstLab(plan, target);
    const controller = new AbortController();
    const status: PlaybackStatus = {
      plan: name,
      state: 'playing',
      startedAt: Date.now(),
      lengthMs: planLengthMs(plan),
      log: [],
    };
    const done = playPlan(target, plan, { signal: controller.signal, log: (line) => status.log.push(line) }).then(
      () => void (status.state = controller.signal.aborted ? 'stopped' : 'finished'),
      (error: Error) => void ((status.state = 'failed'), (status.error = error.message)),
    );
    this.current = { status, controller, done };
    return `playing plan ${name} (${Math.round(status.lengthMs / 1000)} s)`;
  }

  /** Aborts the plan; the player reverts whatever it still holds broken. */
  async stop(): Promise<string> {
    if (this.current?.status.state !== 'playing') throw new Error('no plan is playing');
    this.current.controller.abort(new Error('stopped from the console'));
    await this.current.done;
    return `plan ${this.current.status.plan} stopped; its faults are reverted`;
  }
}
