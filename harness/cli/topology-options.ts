// The flags that shape a lab, shared by `up` and `run`.
import { Option, type Command } from 'commander';
import { DEFAULT_TRACE_SAMPLE_RATIO, MAX_REPLICAS } from '../lab/index.ts';
import { DEFAULT_LISTEN } from '../lab/listen-address.ts';
import { commaList, integerIn, keyValue, listenAddress, oneOf, positiveNumber, ratio } from './options.ts';

export interface TopologyFlags {
  replicas: number;
  bus: 'redis' | 'nats';
  balance: 'leastconn' | 'roundrobin' | 'source' | 'random';
  replicaCpus?: number;
  replicaMemory?: number;
  socketBuffer?: number;
  serverEnv?: Record<string, string>;
  /** false with --no-traces. */
  traces: boolean;
  traceSample?: number;
  direct?: string[];
  listen: string;
}

export function topologyOptions(command: Command): Command {
  return command
    .addOption(
      new Option('-r, --replicas <n>', `SwagBoard replicas behind HAProxy (1-${MAX_REPLICAS})`)
        .default(2)
        .argParser(integerIn(1, MAX_REPLICAS)),
    )
    .addOption(
      new Option('-b, --bus <bus>', 'fan-out bus between replicas').choices(['redis', 'nats']).default('redis'),
    )
    .addOption(
      new Option('--balance <algorithm>', 'HAProxy balance algorithm')
        .argParser(oneOf('leastconn', 'roundrobin', 'source', 'random'))
        .default('leastconn'),
    )
    .option('--replica-cpus <n>', 'CPU limit per replica (e.g. 0.5)', positiveNumber)
    .option('--replica-memory <mb>', 'memory limit per replica in MiB', integerIn(64, 65536))
    .option(
      '--socket-buffer <bytes>',
      'cap TCP buffers in replicas, HAProxy and Toxiproxy, so slow clients push back within seconds',
      integerIn(4096, 16 * 1024 * 1024),
    )
    .option('-s, --server-env <KEY=VALUE>', 'SWAGBOARD_* setting for every replica (repeatable)', keyValue)
    .option('--no-traces', 'run without Zipkin; replicas export no spans')
    .option(
      '--trace-sample <ratio>',
      `share of requests traced into Zipkin, 0-1 (default ${DEFAULT_TRACE_SAMPLE_RATIO})`,
      ratio,
    )
    .option(
      '--direct <links>',
      'wire these links straight to their upstream, without Toxiproxy (comma-separated names or globs, e.g. client.edge,replica-*.http; repeatable): no proxy cost, no faults there',
      commaList,
    )
    .option(
      '--listen <address>',
      `host address every published port binds (${DEFAULT_LISTEN}: this machine only; 0.0.0.0 to share the lab, e.g. in a workshop; it is then open to the network: Redis, Toxiproxy's API, open-mode replicas)`,
      listenAddress,
      DEFAULT_LISTEN,
    );
}

/** The lab settings the flags give, except replicas and bus, whose defaults a scenario may override. */
export function labSettingsFrom(flags: TopologyFlags) {
  return {
    balance: flags.balance,
    replicaCpus: flags.replicaCpus,
    replicaMemoryMb: flags.replicaMemory,
    socketBufferBytes: flags.socketBuffer,
    serverEnv: flags.serverEnv ?? {},
    traces: flags.traces,
    traceSampleRatio: flags.traceSample,
    directLinks: flags.direct ?? [],
    listen: flags.listen,
  };
}

export function labSpecFrom(flags: TopologyFlags) {
  return { replicas: flags.replicas, bus: flags.bus, ...labSettingsFrom(flags) };
}
