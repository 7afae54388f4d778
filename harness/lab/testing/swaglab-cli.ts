import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { run, type CommandResult } from '../../images/docker-cli.ts';

/** `swaglab <args>` run from `checkout`, with that checkout's own code, as a user would. */
export function swaglab(checkout: string, args: string[]): Promise<CommandResult> {
  return run(process.execPath, ['--import', 'tsx', join(checkout, 'harness', 'cli', 'main.ts'), ...args], {
    cwd: checkout,
  });
}

/** The same, left running (e.g. `logs -f`); `node --import tsx` keeps the command in this very child's pid. */
export function spawnSwaglab(checkout: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(checkout, 'harness', 'cli', 'main.ts'), ...args], {
    cwd: checkout,
    stdio: 'ignore',
  });
}

/** The lab id `swaglab up` printed. */
export function labIdFrom(upOutput: CommandResult): string {
  const id = /^lab (\S+):/m.exec(upOutput.stdout)?.[1];
  if (upOutput.code !== 0 || !id)
    throw new Error(`swaglab up failed (${upOutput.code}): ${upOutput.stderr.slice(-2000)}`);
  return id;
}
