// Tick placement for chart axes: values on 1/2/5 × 10^n steps and times on
// clock-friendly steps, so gridlines land on numbers a reader can use.

export interface Ticks {
  min: number;
  max: number;
  step: number;
  values: number[];
}

function niceStep(rawStep: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(rawStep));
  const fraction = rawStep / magnitude;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * magnitude;
}

/** Ticks covering [min, max] with about `count` intervals; the domain is widened to whole steps. */
export function niceTicks(min: number, max: number, count = 5): Ticks {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return niceTicks(0, 1, count);
  if (min === max) {
    // A flat line still needs a visible range around it.
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    return niceTicks(min - pad, max + pad, count);
  }
  const step = niceStep((max - min) / count);
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const values: number[] = [];
  // Round to kill floating-point dust like 0.30000000000000004.
  for (let v = lo; v <= hi + step / 2; v += step) values.push(Number(v.toPrecision(12)));
  return { min: lo, max: hi, step, values };
}

/**
 * Ticks for a byte axis: steps are nice numbers of KiB/MiB/GiB rather than of
 * bytes, so labels read "64 MiB", not "47.68 MiB".
 */
export function byteTicks(min: number, max: number, count = 5): Ticks {
  const largest = Math.max(Math.abs(min), Math.abs(max));
  const scale = largest >= 1024 ? 1024 ** Math.floor(Math.log(largest) / Math.log(1024)) : 1;
  const scaled = niceTicks(min / scale, max / scale, count);
  return {
    min: scaled.min * scale,
    max: scaled.max * scale,
    step: scaled.step * scale,
    values: scaled.values.map((v) => v * scale),
  };
}

const TIME_STEPS_SECONDS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 21600, 43200, 86400];

/** Elapsed-time ticks (seconds from 0) over [0, span] with at most ~`count` intervals. */
export function elapsedTicks(spanSeconds: number, count = 8): number[] {
  const step = TIME_STEPS_SECONDS.find((s) => spanSeconds / s <= count) ?? 86400;
  const values: number[] = [];
  for (let t = 0; t <= spanSeconds + 1e-9; t += step) values.push(t);
  return values;
}

/** `0:45`, `3:00`, `1:02:03` — elapsed time since the run started. */
export function formatElapsed(seconds: number): string {
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}
