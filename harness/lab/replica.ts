import { docker } from '../images/docker-cli.ts';

/** One SwagBoard replica's container, to crash, drain, freeze or revive. */
export class Replica {
  constructor(
    readonly name: string,
    readonly containerId: string,
  ) {}

  /** SIGKILL: a crash, no goodbye to clients. */
  kill(): Promise<void> {
    return this.docker(['kill', '--signal', 'KILL', this.containerId]);
  }

  /** SIGTERM, then the server drains gracefully (SIGKILL after 15 s). */
  stop(): Promise<void> {
    return this.docker(['stop', '--time', '15', this.containerId]);
  }

  /** Freezes every process (cgroup freezer): alive to the network, answering nothing. */
  pause(): Promise<void> {
    return this.docker(['pause', this.containerId]);
  }

  unpause(): Promise<void> {
    return this.docker(['unpause', this.containerId]);
  }

  /** Starts a killed or stopped replica again (restarts a running one). */
  async restart(): Promise<void> {
    const state = await docker(['inspect', '--format', '{{.State.Status}}', this.containerId]);
    if (state.stdout.trim() === 'paused') await this.unpause();
    return this.docker(['restart', '--time', '15', this.containerId]);
  }

  async logs(tail = 200): Promise<string> {
    const result = await docker(['logs', '--tail', String(tail), this.containerId]);
    return result.stdout + result.stderr;
  }

  private async docker(args: string[]): Promise<void> {
    const result = await docker(args);
    if (result.code !== 0) throw new Error(`${this.name}: docker ${args[0]} failed: ${result.stderr.trim()}`);
  }
}
