import { formatNumber } from './number.ts';

/**
 * A byte count in binary units (IEC: 1 KiB = 1024 B, then MiB, GiB, TiB), everywhere we print bytes: the report,
 * the runner's summary and the lab. Binary, because memory (RSS, heap, cgroup limits) is counted in powers of two.
 * Note that k6 itself prints SI units (kB = 1000 B); our summary deliberately does not.
 */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(value)} ${units[unit]}`;
}
