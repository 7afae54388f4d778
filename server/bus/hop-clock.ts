import { performance } from 'node:perf_hooks';

/** Monotonic milliseconds (with fractions) within this process: for hops measured on one replica. */
export const monotonicMs = (): number => performance.now();

/**
 * High-resolution wall-clock milliseconds, comparable between processes on one host: for the bus hop, whose two
 * ends are on different replicas. `at` is a monotonicMs() reading of this process.
 */
export const wallMs = (at: number = performance.now()): number => performance.timeOrigin + at;

/** Milliseconds between two readings as seconds for a histogram; never negative (clocks of two processes may disagree slightly). */
export const elapsedSeconds = (from: number, to: number): number => Math.max(0, to - from) / 1000;
