import { formatDuration } from '../../reports/units/duration.ts';
import type { Progress } from './types.ts';

export function formatProgress(p: Progress): string {
  return `running (${formatDuration(Math.round(p.elapsedMs / 100) * 100, { style: 'k6' })}), ${p.vus} VUs active, ${p.iterations} complete iterations`;
}

/**
 * Progress reporting for the CLI: an in-place line every second on a TTY,
 * otherwise a plain line every 5 s (keeps CI logs readable).
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): {
  onProgress: (p: Progress) => void;
  done: () => void;
} {
  const tty = Boolean(stream.isTTY);
  let lastLine = 0;
  return {
    onProgress: (p) => {
      if (tty) stream.write(`\r\x1b[K${formatProgress(p)}`);
      else if (p.elapsedMs - lastLine >= 5000) {
        lastLine = p.elapsedMs;
        stream.write(`${formatProgress(p)}\n`);
      }
    },
    done: () => {
      if (tty) stream.write('\r\x1b[K');
    },
  };
}
