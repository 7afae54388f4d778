import { docker } from '../images/docker-cli.ts';
import {
  LABEL_KIND,
  LABEL_LAB,
  LABEL_LIFETIME,
  LABEL_OWNER_BOOT,
  LABEL_OWNER_HOST,
  LABEL_OWNER_PID,
  LABEL_OWNER_STARTED,
} from './labels.ts';

export type ObjectKind = 'container' | 'network' | 'volume';

/** One Docker object a lab made, with the labels that say whose it is. */
export interface LabelledObject {
  kind: ObjectKind;
  /** Container or network id, volume name. */
  id: string;
  labels: Record<string, string>;
}

// Labels are read one key at a time: a whole `{{.Labels}}` is "k=v,k=v", which a value with a comma would garble.
const KEYS = [
  LABEL_LAB,
  LABEL_KIND,
  LABEL_LIFETIME,
  LABEL_OWNER_PID,
  LABEL_OWNER_HOST,
  LABEL_OWNER_STARTED,
  LABEL_OWNER_BOOT,
];
const LIST: Record<ObjectKind, { args: string[]; id: string }> = {
  container: { args: ['ps', '-a'], id: '{{.ID}}' },
  network: { args: ['network', 'ls'], id: '{{.ID}}' },
  volume: { args: ['volume', 'ls'], id: '{{.Name}}' },
};

/** Every object of `kind` carrying the lab label (optionally of one lab). */
export async function listLabelled(kind: ObjectKind, labId?: string): Promise<LabelledObject[]> {
  const { args, id } = LIST[kind];
  const format = [id, ...KEYS.map((key) => `{{.Label "${key}"}}`)].join('\t');
  const filter = labId ? `label=${LABEL_LAB}=${labId}` : `label=${LABEL_LAB}`;
  const result = await docker([...args, '--filter', filter, '--format', format]);
  if (result.code !== 0) throw new Error(`docker ${args.join(' ')} failed: ${result.stderr.trim()}`);
  return result.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [objectId = '', ...values] = line.split('\t');
      const labels = Object.fromEntries(KEYS.map((key, i) => [key, values[i] ?? '']).filter(([, value]) => value));
      return { kind, id: objectId, labels };
    });
}

export async function listAllLabelled(labId?: string): Promise<LabelledObject[]> {
  return (
    await Promise.all((['container', 'network', 'volume'] as const).map((kind) => listLabelled(kind, labId)))
  ).flat();
}
