export { startLab, type StartLabOptions } from './start-lab.ts';
export { Lab, attachLab } from './lab.ts';
export { Link, type ToxicOptions } from './link.ts';
export { Replica } from './replica.ts';
export { parseLabSpec, MAX_REPLICAS, type LabSpec, type LabSpecInput } from './lab-spec.ts';
export { removeLab, removeStaleLabs, listDetachedLabs } from './cleanup.ts';
export type { LabState } from './lab-state.ts';
