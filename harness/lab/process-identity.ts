import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * Who holds a lab, precisely enough to prove later that it is gone: a pid
 * alone is not enough (pids are reused, and mean nothing after a reboot or on
 * another host), so its start time and the kernel's boot id go with it.
 */
export interface ProcessIdentity {
  host: string;
  pid: number;
  /** Start time in clock ticks since boot (/proc/<pid>/stat, field 22); '' where /proc has none. */
  started: string;
  /** /proc/sys/kernel/random/boot_id; '' where the system has none. */
  boot: string;
}

export function currentProcess(): ProcessIdentity {
  return { host: hostname(), pid: process.pid, started: processStartTicks(process.pid) ?? '', boot: bootId() ?? '' };
}

/** Field 22 of /proc/<pid>/stat, read after the last ')' because the command name may hold spaces and parentheses. */
export function processStartTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19]; // fields[0] is field 3 (state)
  } catch {
    return undefined;
  }
}

export function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return undefined;
  }
}

/**
 * True only when `holder` is provably not running: same host, and the machine
 * rebooted since, or its pid is free, or that pid now belongs to a process
 * started at another time. Another host (or a process in another container's
 * pid namespace, which shows another hostname) can never be proved gone.
 */
export function isProvablyGone(holder: ProcessIdentity, here: ProcessIdentity = currentProcess()): boolean {
  if (holder.host !== here.host) return false;
  if (holder.boot && here.boot && holder.boot !== here.boot) return true;
  if (!Number.isInteger(holder.pid) || holder.pid <= 0) return true;
  if (!pidExists(holder.pid)) return true;
  if (!holder.started) return false;
  const started = processStartTicks(holder.pid);
  return started !== undefined && started !== holder.started;
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // another user's process
  }
}
