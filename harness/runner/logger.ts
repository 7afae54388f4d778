import type { LogLevel } from './script/vu-api.ts';

export type LogFn = (level: LogLevel, message: string, fields: Record<string, string | number>) => void;

/** k6-style log lines: `INFO[0003] message  source=console vu=2`. */
export function formatLogLine(
  level: LogLevel,
  message: string,
  fields: Record<string, string | number>,
  elapsedMs: number,
): string {
  const tag = level === 'warn' ? 'WARN' : level === 'error' ? 'ERRO' : level === 'debug' ? 'DEBU' : 'INFO';
  const secs = String(Math.floor(elapsedMs / 1000)).padStart(4, '0');
  const extra = Object.entries(fields)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return `${tag}[${secs}] ${message}${extra ? `  ${extra}` : ''}`;
}

export function stderrLogger(startedAt: number): LogFn {
  return (level, message, fields) => {
    if (level === 'debug') return;
    process.stderr.write(formatLogLine(level, message, fields, Date.now() - startedAt) + '\n');
  };
}
