export { loadPlan, parsePlan, resolvePlanPath, shippedPlans, PlanError, PLANS_DIR } from './load-plan.ts';
export { playPlan, checkPlanAgainstLab, type ChaosLab, type FaultTransition, type PlayOptions } from './player.ts';
export { planLengthMs, PLAN_ACTIONS, type ChaosPlan, type PlanStep } from './plan-schema.ts';
export { systemClock, type Clock } from '../harness/clock.ts';
