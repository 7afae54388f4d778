import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../paths.ts';
import type { LabSpec } from './lab-spec.ts';
import type { LinkPlan } from './topology.ts';

/** Everything needed to act on a running lab, from this process or another terminal. */
export interface LabState {
  labId: string;
  spec: LabSpec;
  network: string;
  startedAt: string;
  endpoints: {
    /** Where clients connect: Toxiproxy's client.edge link in front of HAProxy. */
    clientUrl: string;
    /** The same, through the client.slow link: for clients a scenario slows while others stay fast. */
    slowClientUrl: string;
    /** HAProxy itself, bypassing the client link. */
    haproxyUrl: string;
    haproxyStatsUrl: string;
    prometheusUrl: string;
    toxiproxyUrl: string;
    /** Only where a Grafana image was present locally. */
    grafanaUrl?: string;
    /** Zipkin's UI and API (`/zipkin/`, `/api/v2/…`), unless the lab runs without traces. */
    zipkinUrl?: string;
  };
  links: LinkPlan[];
  /** Service name (postgres, redis, toxiproxy, replica-1, …) → container id. */
  containers: Record<string, string>;
  images: Record<string, string>;
}

const stateDir = join(projectRoot, '.cache', 'labs');

export async function saveLabState(state: LabState): Promise<void> {
  await mkdir(stateDir, { recursive: true });
  await writeFile(join(stateDir, `${state.labId}.json`), JSON.stringify(state, null, 2));
}

export async function loadLabState(labId: string): Promise<LabState> {
  try {
    return JSON.parse(await readFile(join(stateDir, `${labId}.json`), 'utf8')) as LabState;
  } catch {
    throw new Error(`no lab "${labId}" is known here; start one with \`swaglab up\``);
  }
}

export async function forgetLabState(labId: string): Promise<void> {
  await rm(join(stateDir, `${labId}.json`), { force: true });
}

export async function knownLabIds(): Promise<string[]> {
  try {
    return (await readdir(stateDir)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
  } catch {
    return [];
  }
}
