export { startLab, type StartLabOptions } from './start-lab.ts';
export { Lab, attachLab, type LabStatus } from './lab.ts';
export { Link, type ToxicOptions } from './link.ts';
export { Replica } from './replica.ts';
export { parseLabSpec, MAX_REPLICAS, DEFAULT_TRACE_SAMPLE_RATIO, type LabSpec, type LabSpecInput } from './lab-spec.ts';
export { removeLab, removeStaleLabs, listDetachedLabs } from './cleanup.ts';
export type { LabState } from './lab-state.ts';
export {
  applyFault,
  describeFault,
  normalizeFault,
  BACKING_SERVICES,
  REPLICA_ACTIONS,
  type AppliedFault,
  type Fault,
  type FaultTarget,
  type BackingService,
} from './faults.ts';
export { TOXICS, TOXIC_TYPES, describeToxics } from './toxics.ts';
