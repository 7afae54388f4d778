// A CPU profile of a running replica, taken through Node's inspector inside its container: SIGUSR1 opens the
// inspector on the container's own loopback (nothing is published), and a short script run by the container's own
// node drives the Profiler over the inspector's WebSocket and prints the profile. Its timers are that node's own, so
// they cannot take the harness Clock.
import { docker } from '../images/docker-cli.ts';
import type { CpuProfile } from '../../server/bench/cpu-profile-summary.ts';

const INSPECTOR = 'http://127.0.0.1:9229';

// Runs inside the container (Node 26: global fetch and WebSocket). argv[1]: seconds to sample.
const PROFILER_SCRIPT = `
const seconds = Number(process.argv[1]);
let targets;
for (let i = 0; i < 50 && !targets; i++) {
  targets = await fetch('${INSPECTOR}/json/list').then((r) => r.json(), () => undefined);
  if (!targets) await new Promise((r) => setTimeout(r, 100));
}
if (!targets?.[0]) throw new Error('the inspector did not open on ${INSPECTOR}');
const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
const pending = new Map();
let next = 0;
socket.onmessage = (message) => {
  const reply = JSON.parse(message.data);
  const waiter = pending.get(reply.id);
  if (!waiter) return;
  pending.delete(reply.id);
  reply.error ? waiter.reject(new Error(reply.error.message)) : waiter.resolve(reply.result);
};
const call = (method, params = {}) => new Promise((resolve, reject) => {
  const id = ++next;
  pending.set(id, { resolve, reject });
  socket.send(JSON.stringify({ id, method, params }));
});
await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
await call('Profiler.enable');
await call('Profiler.setSamplingInterval', { interval: 1000 });
await call('Profiler.start');
await new Promise((r) => setTimeout(r, seconds * 1000));
const { profile } = await call('Profiler.stop');
process.stdout.write(JSON.stringify(profile));
socket.close();
`;

/** Samples the replica's main thread for `seconds` (1 ms interval, as `node --cpu-prof`) and returns the profile. */
export async function profileReplica(containerId: string, seconds: number): Promise<CpuProfile> {
  const signalled = await docker(['kill', '--signal', 'USR1', containerId]);
  if (signalled.code !== 0) throw new Error(`could not open the replica's inspector: ${signalled.stderr.trim()}`);
  const result = await docker([
    'exec',
    containerId,
    'node',
    '--input-type=module',
    '-e',
    PROFILER_SCRIPT,
    String(seconds),
  ]);
  if (result.code !== 0) throw new Error(`profiling failed: ${result.stderr.trim()}`);
  return JSON.parse(result.stdout) as CpuProfile;
}
