import { attachLab, listDetachedLabs, type Lab } from '../lab/index.ts';
import { fail } from './output.ts';

/**
 * The lab named by --lab, else the newest detached one (`swaglab up`) on this
 * machine, whichever checkout started it. The command holds it while it runs
 * unless `hold` is false (`down`, which removes it anyway).
 */
export async function targetLab(labId?: string, { hold = true }: { hold?: boolean } = {}): Promise<Lab> {
  const id = labId ?? (await listDetachedLabs())[0];
  if (!id) fail('no lab is running; start one with `swaglab up`');
  return attachLab(id, { hold });
}
