/** A number for people: en-US grouping, more fraction digits below 1 and fewer from 100 up. */
export function formatNumber(value: number, maxFractionDigits = 2): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits =
    abs !== 0 && abs < 1
      ? Math.max(maxFractionDigits, 3)
      : abs >= 100
        ? Math.min(maxFractionDigits, 1)
        : maxFractionDigits;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}
