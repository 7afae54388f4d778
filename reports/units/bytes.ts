import { formatNumber } from './number.ts';

const UNITS = {
  /** IEC: 1 KiB = 1024 B. Our default, because memory (RSS, heap, cgroup limits) is counted in powers of two. */
  binary: { base: 1024, names: ['B', 'KiB', 'MiB', 'GiB', 'TiB'] },
  /** SI: 1 kB = 1000 B, as k6 prints data in its end-of-test summary (which the runner's summary mirrors). */
  k6: { base: 1000, names: ['B', 'kB', 'MB', 'GB', 'TB'] },
} as const;

/** A byte count for people, in binary units unless `units: 'k6'` asks for k6's SI layout (one decimal). */
export function formatBytes(bytes: number, { units = 'binary' }: { units?: keyof typeof UNITS } = {}): string {
  const { base, names } = UNITS[units];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= base && unit < names.length - 1) {
    value /= base;
    unit += 1;
  }
  const shown = units === 'k6' ? (unit === 0 ? String(Math.round(value)) : value.toFixed(1)) : formatNumber(value);
  return `${shown} ${names[unit]}`;
}
