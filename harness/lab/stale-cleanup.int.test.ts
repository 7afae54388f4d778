// Ryuk cannot run here, so the lab is its own reaper: a harness killed with
// SIGKILL in the middle of starting a lab leaves labelled containers behind,
// and the next removeStaleLabs (which startLab runs first) removes them.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { docker } from '../images/docker-cli.ts';
import { ensureImages } from '../images/ensure-images.ts';
import { labImages } from './lab-images.ts';
import { projectRoot } from '../paths.ts';
import { removeStaleLabs } from './index.ts';
import { LABEL_LAB, LABEL_OWNER_PID } from './labels.ts';

const labelled = async (kind: 'ps' | 'network', filter: string) =>
  (await docker([...(kind === 'ps' ? ['ps', '-a'] : ['network', 'ls']), '-q', '--filter', `label=${filter}`])).stdout
    .split('\n')
    .filter(Boolean);

describe('a harness killed mid-start', () => {
  it('leaves nothing behind after the next removeStaleLabs', async () => {
    await ensureImages(labImages({ bus: 'redis', traces: false }));
    for (const lifetime of ['ephemeral', 'detached']) {
      // `node --import tsx` rather than tsx's CLI, which would run the script in a grandchild with another pid.
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(projectRoot, 'harness', 'lab', 'testing', 'start-lab-child.ts'), lifetime],
        {
          cwd: projectRoot,
          stdio: 'ignore',
        },
      );
      const owner = `${LABEL_OWNER_PID}=${child.pid}`;
      // Kill it once some of its containers exist, before the lab is ready.
      const deadline = Date.now() + 60_000;
      while ((await labelled('ps', owner)).length < 2 && Date.now() < deadline) await sleep(100);
      expect((await labelled('ps', owner)).length).toBeGreaterThanOrEqual(2);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      await sleep(1000); // let a container whose create was in flight land

      const inspected = await docker([
        'ps',
        '-a',
        '--filter',
        `label=${owner}`,
        '--format',
        `{{.Label "${LABEL_LAB}"}}`,
      ]);
      const labId = inspected.stdout.split('\n').find(Boolean)!;
      await removeStaleLabs();
      expect(await labelled('ps', `${LABEL_LAB}=${labId}`), lifetime).toEqual([]);
      expect(await labelled('network', `${LABEL_LAB}=${labId}`), lifetime).toEqual([]);
    }
  });
});
