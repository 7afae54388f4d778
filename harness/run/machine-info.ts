import { cpus, hostname, release, totalmem, type } from 'node:os';
import { run } from '../images/docker-cli.ts';
import { projectRoot } from '../paths.ts';
import type { MachineInfo } from '../../reports/results.ts';

export function machineInfo(): MachineInfo {
  const cores = cpus();
  return {
    hostname: hostname(),
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    cpus: cores.length,
    memoryBytes: totalmem(),
    os: `${type()} ${release()}`,
    node: process.version,
  };
}

/** The checked-out commit, with `+dirty` when the work tree has changes. */
export async function gitRevision(): Promise<string> {
  const head = await run('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: projectRoot }).catch(() => undefined);
  if (!head || head.code !== 0) return 'unknown';
  const status = await run('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: projectRoot });
  return head.stdout.trim() + (status.stdout.trim() ? '+dirty' : '');
}
