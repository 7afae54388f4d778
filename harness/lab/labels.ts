import { hostname } from 'node:os';

/** Every container and network the lab makes carries these labels, so nothing it makes is ever lost track of. */
export const LABEL_LAB = 'swaglab.lab';
export const LABEL_OWNER_PID = 'swaglab.owner-pid';
export const LABEL_OWNER_HOST = 'swaglab.owner-host';
/** 'ephemeral' labs die with their process; 'detached' ones (`swaglab up`) live until `swaglab down`. */
export const LABEL_LIFETIME = 'swaglab.lifetime';

export type Lifetime = 'ephemeral' | 'detached';

export function labLabels(labId: string, lifetime: Lifetime): Record<string, string> {
  return {
    [LABEL_LAB]: labId,
    [LABEL_OWNER_PID]: String(process.pid),
    [LABEL_OWNER_HOST]: hostname(),
    [LABEL_LIFETIME]: lifetime,
  };
}
