import { docker } from '../images/docker-cli.ts';
import { listLabelled } from './labelled-objects.ts';
import { LABEL_KIND, LABEL_LAB, LABEL_LIFETIME, LABEL_STATE, labelArgs, labLabels } from './labels.ts';
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

/**
 * The state lives in Docker, beside the lab, not in a checkout: a lab started
 * in one checkout (or by another user, or a CI job) is found from any other
 * on the machine, and the record of a detached lab is what holds it until
 * `swaglab down` (ownership.ts). One labelled volume per lab, the JSON in a label.
 */
const recordName = (labId: string) => `swaglab-${labId}-record`;

export async function saveLabState(state: LabState): Promise<void> {
  const labels = {
    ...labLabels(state.labId, state.spec.lifetime),
    [LABEL_KIND]: 'record',
    [LABEL_STATE]: JSON.stringify(state),
  };
  const created = await docker(['volume', 'create', ...labelArgs(labels), recordName(state.labId)]);
  if (created.code !== 0) throw new Error(`could not record lab ${state.labId}: ${created.stderr.trim()}`);
}

export async function loadLabState(labId: string): Promise<LabState> {
  const result = await docker([
    'volume',
    'inspect',
    '--format',
    `{{index .Labels "${LABEL_STATE}"}}`,
    recordName(labId),
  ]);
  if (result.code !== 0 || !result.stdout.trim())
    throw new Error(`no lab "${labId}" is running on this machine; start one with \`swaglab up\``);
  return JSON.parse(result.stdout) as LabState;
}

export async function forgetLabState(labId: string): Promise<void> {
  await docker(['volume', 'rm', '-f', recordName(labId)]);
}

/** Lab ids that have a record (every lab that became ready), newest first. */
export async function knownLabIds(lifetime?: LabSpec['lifetime']): Promise<string[]> {
  const records = (await listLabelled('volume')).filter(
    (v) => v.labels[LABEL_KIND] === 'record' && (!lifetime || v.labels[LABEL_LIFETIME] === lifetime),
  );
  return records
    .map((v) => v.labels[LABEL_LAB]!)
    .sort()
    .reverse();
}
