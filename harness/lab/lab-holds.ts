import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { docker } from '../images/docker-cli.ts';
import { LABEL_KIND, LABEL_LAB, labelArgs, ownerLabels } from './labels.ts';

export interface LabHold {
  release(): Promise<void>;
}

/**
 * Marks this process as using a lab it did not start (`swaglab run --lab`,
 * `chaos play`, `profile`…), so that no stale clean-up elsewhere removes the
 * lab under it while its starter is gone. A labelled volume is the mark: it
 * lives in Docker, so every checkout and user of this engine sees it, and it
 * names this process precisely enough (ownership.ts) that a hold left by a
 * SIGKILL is recognised as dead.
 */
export async function holdLab(labId: string): Promise<LabHold> {
  const name = `swaglab-${labId}-hold-${process.pid}-${randomBytes(3).toString('hex')}`;
  const created = await docker([
    'volume',
    'create',
    ...labelArgs({ [LABEL_LAB]: labId, [LABEL_KIND]: 'hold', ...ownerLabels() }),
    name,
  ]);
  if (created.code !== 0) throw new Error(`could not hold lab ${labId}: ${created.stderr.trim()}`);
  // On a plain exit (fail(), process.exit) no await runs any more; a synchronous removal still does.
  const releaseAtExit = () => void spawnSync('docker', ['volume', 'rm', '-f', name], { stdio: 'ignore' });
  process.once('exit', releaseAtExit);
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      process.off('exit', releaseAtExit);
      await docker(['volume', 'rm', '-f', name]);
    },
  };
}
