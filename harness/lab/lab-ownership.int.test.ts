// Labs belong to whoever holds them, not to a folder: a detached lab of one
// checkout survives another checkout's lab start, and a lab whose starter was
// killed lives on while another process holds it. Both through the CLI, from
// two checkouts, as two users or CI jobs on one machine would.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker } from '../images/docker-cli.ts';
import { ensureImages } from '../images/ensure-images.ts';
import { labImages } from './lab-images.ts';
import { projectRoot } from '../paths.ts';
import { removeLab, removeStaleLabs } from './cleanup.ts';
import { LABEL_KIND, LABEL_LAB } from './labels.ts';
import { addSecondCheckout, type Checkout } from './testing/second-checkout.ts';
import { labIdFrom, spawnSwaglab, swaglab } from './testing/swaglab-cli.ts';

const objects = async (labId: string, extra: string[] = []) =>
  (await docker(['ps', '-aq', '--filter', `label=${LABEL_LAB}=${labId}`, ...extra])).stdout.split('\n').filter(Boolean);
const volumes = async (labId: string, kind: string) =>
  (
    await docker([
      'volume',
      'ls',
      '-q',
      '--filter',
      `label=${LABEL_LAB}=${labId}`,
      '--filter',
      `label=${LABEL_KIND}=${kind}`,
    ])
  ).stdout
    .split('\n')
    .filter(Boolean);

describe('lab ownership across checkouts', () => {
  let second: Checkout;
  const made: string[] = [];
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    await ensureImages(labImages({ bus: 'redis', traces: false }));
    second = await addSecondCheckout();
  }, 120_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const lab of made) await removeLab(lab);
    await second?.remove();
  }, 120_000);

  it("keeps checkout A's `swaglab up` lab running when checkout B starts a lab, and B can reach it", async () => {
    const a = labIdFrom(await swaglab(projectRoot, ['up', '--replicas', '1', '--no-traces']));
    made.push(a);
    const running = await objects(a, ['--filter', 'status=running']);
    expect(running.length).toBeGreaterThanOrEqual(6);

    const upB = await swaglab(second.root, ['up', '--replicas', '1', '--no-traces']); // runs the stale-lab clean-up first
    const b = labIdFrom(upB);
    made.push(b);
    expect(upB.stderr, 'checkout B removed A').not.toContain(a);
    // B did not remove it; should it be gone all the same, something else on this engine did: a checkout still on the
    // older, folder-based clean-up removes every detached lab it has no state file for (the bug this test reproduces).
    expect(await objects(a, ['--filter', 'status=running']), 'lab A removed by another process on this engine').toEqual(
      running,
    );

    const status = await swaglab(second.root, ['status', '--lab', a]);
    expect(status.stderr).toBe('');
    expect(status.stdout).toContain(`lab ${a}:`);
    expect(status.stdout).toMatch(/replica-1\s+running\s+UP/);

    // Each lab goes by its own `down`, from either checkout.
    expect((await swaglab(second.root, ['down', '--lab', a])).code).toBe(0);
    expect((await swaglab(projectRoot, ['down', '--lab', b])).code).toBe(0);
    expect(await objects(a)).toEqual([]);
    expect(await objects(b)).toEqual([]);
  }, 300_000);

  it('keeps a lab whose starter was killed while another process holds it, and removes it once that holder is gone', async () => {
    const starter = spawn(
      process.execPath,
      ['--import', 'tsx', join(projectRoot, 'harness', 'lab', 'testing', 'start-lab-child.ts'), 'ephemeral', 'stay'],
      { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(starter);
    const labId = await new Promise<string>((resolve, reject) => {
      let out = '';
      let errors = '';
      starter.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      starter.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const id = /ready (\S+)\n/.exec(out)?.[1];
        if (id) resolve(id);
      });
      starter.once('exit', (code) => reject(new Error(`lab starter exited with ${code}: ${errors.slice(-2000)}`)));
    });
    made.push(labId);
    const holder = spawnSwaglab(second.root, ['logs', '--follow', 'replica-1', '--lab', labId]);
    children.push(holder);
    const deadline = Date.now() + 30_000;
    while ((await volumes(labId, 'hold')).length === 0 && Date.now() < deadline) await sleep(200);
    expect(await volumes(labId, 'hold')).toHaveLength(1);

    starter.kill('SIGKILL');
    await new Promise((resolve) => starter.once('exit', resolve));
    const containers = await objects(labId);
    await removeStaleLabs();
    expect(await objects(labId)).toEqual(containers);

    holder.kill('SIGKILL'); // leaves its hold volume behind, naming a process that is gone
    await new Promise((resolve) => holder.once('exit', resolve));
    expect(await volumes(labId, 'hold')).toHaveLength(1);
    await removeStaleLabs();
    expect(await objects(labId)).toEqual([]);
    expect(await volumes(labId, 'hold')).toEqual([]);
    expect(await volumes(labId, 'record')).toEqual([]);
  }, 300_000);
});
