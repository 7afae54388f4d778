import { attachLab, listDetachedLabs, type Lab } from '../lab/index.ts';
import { fail } from './output.ts';

/** The lab named by --lab, else the newest detached one (`swaglab up`). */
export async function targetLab(labId?: string): Promise<Lab> {
  const id = labId ?? (await listDetachedLabs())[0];
  if (!id) fail('no lab is running; start one with `swaglab up`');
  return attachLab(id);
}
