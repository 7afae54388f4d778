import { hostname } from 'node:os';
import { docker } from '../images/docker-cli.ts';
import { knownLabIds } from './lab-state.ts';
import { LABEL_LAB, LABEL_LIFETIME, LABEL_OWNER_HOST, LABEL_OWNER_PID } from './labels.ts';

interface LabelledThing {
  id: string;
  labels: Record<string, string>;
}

/** Removes every container and network of one lab (or of every lab when labId is omitted). */
export async function removeLab(labId?: string): Promise<{ containers: number; networks: number }> {
  const filter = labId ? `label=${LABEL_LAB}=${labId}` : `label=${LABEL_LAB}`;
  const containers = (await docker(['ps', '-aq', '--filter', filter])).stdout.split('\n').filter(Boolean);
  if (containers.length) await docker(['rm', '-f', '-v', ...containers]);
  const networks = (await docker(['network', 'ls', '-q', '--filter', filter])).stdout.split('\n').filter(Boolean);
  for (const network of networks) await docker(['network', 'rm', network]);
  return { containers: containers.length, networks: networks.length };
}

/**
 * Lab ids whose owning process is gone: leftovers of a crash or a kill -9.
 * A detached lab (`swaglab up`) outlives its starter once its state file is
 * written (when it is ready); one whose starter died before that is stale too.
 */
export async function findStaleLabs(): Promise<string[]> {
  const stale = new Set<string>();
  const known = new Set(await knownLabIds());
  for (const thing of [...(await listLabelled('containers')), ...(await listLabelled('networks'))]) {
    const { labels } = thing;
    const lab = labels[LABEL_LAB];
    if (!lab) continue;
    if (labels[LABEL_OWNER_HOST] === hostname() && isAlive(Number(labels[LABEL_OWNER_PID]))) continue;
    if (labels[LABEL_LIFETIME] === 'detached' && known.has(lab)) continue;
    stale.add(lab);
  }
  return [...stale];
}

export async function removeStaleLabs(log: (line: string) => void = () => {}): Promise<void> {
  for (const lab of await findStaleLabs()) {
    const removed = await removeLab(lab);
    log(`removed stale lab ${lab}: ${removed.containers} containers, ${removed.networks} networks`);
  }
}

/** Lab ids of detached labs (`swaglab up`), newest first. */
export async function listDetachedLabs(): Promise<string[]> {
  const labs = new Set<string>();
  for (const { labels } of await listLabelled('containers')) {
    if (labels[LABEL_LIFETIME] === 'detached' && labels[LABEL_LAB]) labs.add(labels[LABEL_LAB]);
  }
  return [...labs].sort().reverse();
}

async function listLabelled(kind: 'containers' | 'networks'): Promise<LabelledThing[]> {
  const list = kind === 'containers' ? ['ps', '-a'] : ['network', 'ls'];
  const result = await docker([...list, '--filter', `label=${LABEL_LAB}`, '--format', '{{.ID}}\t{{.Labels}}']);
  return result.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id = '', labelText = ''] = line.split('\t');
      const labels = Object.fromEntries(
        labelText.split(',').map((pair) => {
          const at = pair.indexOf('=');
          return [pair.slice(0, at), pair.slice(at + 1)];
        }),
      );
      return { id, labels };
    });
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
