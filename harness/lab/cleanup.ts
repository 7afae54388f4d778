import { docker } from '../images/docker-cli.ts';
import { listAllLabelled, listLabelled } from './labelled-objects.ts';
import { knownLabIds } from './lab-state.ts';
import { judgeLabs } from './ownership.ts';
import { isProvablyGone } from './process-identity.ts';

/** Removes every container, network and volume of one lab (or of every lab when labId is omitted). */
export async function removeLab(labId?: string): Promise<{ containers: number; networks: number }> {
  const containers = (await listLabelled('container', labId)).map((c) => c.id);
  if (containers.length) await docker(['rm', '-f', '-v', ...containers]);
  const networks = (await listLabelled('network', labId)).map((n) => n.id);
  for (const network of networks) await docker(['network', 'rm', network]);
  const volumes = (await listLabelled('volume', labId)).map((v) => v.id);
  if (volumes.length) await docker(['volume', 'rm', '-f', ...volumes]);
  return { containers: containers.length, networks: networks.length };
}

/**
 * Lab ids that are provably abandoned (ownership.ts): leftovers of a crash or
 * a kill -9, whichever checkout, user or CI job made them. A detached lab
 * (`swaglab up`) is never among them once it was ready.
 */
export async function findStaleLabs(): Promise<string[]> {
  return judgeLabs(await listAllLabelled(), (holder) => isProvablyGone(holder)).abandoned;
}

export async function removeStaleLabs(log: (line: string) => void = () => {}): Promise<void> {
  const { abandoned, deadHolds } = judgeLabs(await listAllLabelled(), (holder) => isProvablyGone(holder));
  for (const lab of abandoned) {
    const removed = await removeLab(lab);
    log(`removed abandoned lab ${lab}: ${removed.containers} containers, ${removed.networks} networks`);
  }
  if (deadHolds.length) await docker(['volume', 'rm', '-f', ...deadHolds]);
}

/** Lab ids of detached labs (`swaglab up`) on this machine, newest first. */
export function listDetachedLabs(): Promise<string[]> {
  return knownLabIds('detached');
}
