// A run against an existing lab (`swaglab run --lab`) cannot reshape it: what suites.yaml and the flags ask of
// the lab (replicas, bus, server settings, socket buffers) is only a wish there. Where the lab differs, the run
// says so before it starts, since its figures then answer another question (a backpressure run on uncapped
// buffers overflows no reader, for one).
import type { LabSpec } from '../lab/lab-spec.ts';
import type { RunOverrides } from './build-run-spec.ts';
import type { SuiteRun } from './suites-file.ts';

export type LabAsk = Partial<Pick<LabSpec, 'replicas' | 'bus' | 'serverEnv' | 'socketBufferBytes'>>;

/** What a run explicitly asks of its lab: the flags, then its suites.yaml entry; nothing the lab's defaults fill in. */
export function labAsked(entry: SuiteRun, lab: RunOverrides['lab'] = {}): LabAsk {
  const serverEnv = { ...entry.serverEnv, ...lab.serverEnv };
  const ask: LabAsk = {
    replicas: lab.replicas ?? entry.replicas,
    bus: lab.bus ?? entry.bus,
    socketBufferBytes: lab.socketBufferBytes ?? entry.socketBufferBytes,
    serverEnv: Object.keys(serverEnv).length ? serverEnv : undefined,
  };
  return Object.fromEntries(Object.entries(ask).filter(([, v]) => v !== undefined)) as LabAsk;
}

/** One line per way the lab is not what was asked, e.g. "socket buffers: asked 32768 bytes, the lab has the kernel's". */
export function labDifferences(ask: LabAsk, lab: LabSpec): string[] {
  const out: string[] = [];
  if (ask.replicas !== undefined && ask.replicas !== lab.replicas)
    out.push(`replicas: asked ${ask.replicas}, the lab has ${lab.replicas}`);
  if (ask.bus !== undefined && ask.bus !== lab.bus) out.push(`bus: asked ${ask.bus}, the lab has ${lab.bus}`);
  if (ask.socketBufferBytes !== undefined && ask.socketBufferBytes !== lab.socketBufferBytes) {
    out.push(
      `socket buffers: asked ${ask.socketBufferBytes} bytes, the lab has ${lab.socketBufferBytes === undefined ? "the kernel's" : `${lab.socketBufferBytes} bytes`}`,
    );
  }
  for (const [key, value] of Object.entries(ask.serverEnv ?? {})) {
    const has = lab.serverEnv[key];
    if (has !== value)
      out.push(`${key}: asked ${value}, the lab has ${has === undefined ? 'the server default' : has}`);
  }
  return out;
}
