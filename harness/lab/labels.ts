import { currentProcess, type ProcessIdentity } from './process-identity.ts';

/** Every container, network and volume the lab makes carries these labels, so nothing it makes is ever lost track of. */
export const LABEL_LAB = 'swaglab.lab';
/** The process that made the object and holds it while it runs (process-identity.ts says why four fields). */
export const LABEL_OWNER_PID = 'swaglab.owner-pid';
export const LABEL_OWNER_HOST = 'swaglab.owner-host';
export const LABEL_OWNER_STARTED = 'swaglab.owner-started';
export const LABEL_OWNER_BOOT = 'swaglab.owner-boot';
/** 'ephemeral' labs die with their process; 'detached' ones (`swaglab up`) live until `swaglab down`. */
export const LABEL_LIFETIME = 'swaglab.lifetime';
/** On volumes only: 'record' (the lab's state, lab-state.ts) or 'hold' (a process using the lab, lab-holds.ts). */
export const LABEL_KIND = 'swaglab.kind';
/** On a record: the lab's state as JSON. */
export const LABEL_STATE = 'swaglab.state';

export type Lifetime = 'ephemeral' | 'detached';

export function ownerLabels(owner: ProcessIdentity = currentProcess()): Record<string, string> {
  return {
    [LABEL_OWNER_PID]: String(owner.pid),
    [LABEL_OWNER_HOST]: owner.host,
    [LABEL_OWNER_STARTED]: owner.started,
    [LABEL_OWNER_BOOT]: owner.boot,
  };
}

export function ownerFromLabels(labels: Record<string, string>): ProcessIdentity {
  return {
    pid: Number(labels[LABEL_OWNER_PID]),
    host: labels[LABEL_OWNER_HOST] ?? '',
    started: labels[LABEL_OWNER_STARTED] ?? '',
    boot: labels[LABEL_OWNER_BOOT] ?? '',
  };
}

export function labLabels(labId: string, lifetime: Lifetime): Record<string, string> {
  return { [LABEL_LAB]: labId, ...ownerLabels(), [LABEL_LIFETIME]: lifetime };
}

export function labelArgs(labels: Record<string, string>): string[] {
  return Object.entries(labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]);
}
