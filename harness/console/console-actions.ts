// What the console's forms may ask of the lab, parsed strictly from the form
// body, then applied through the same lab API the CLI uses. A request that does
// not parse is the learner's mistake (400); a fault the lab refuses keeps the
// lab's own reason (409).
import {
  BACKING_SERVICES,
  describeFault,
  REPLICA_ACTIONS,
  TOXIC_TYPES,
  type BackingService,
  type Fault,
  type Lab,
} from '../lab/index.ts';
import type { ToxicType } from '../lab/toxiproxy-api.ts';
import type { FaultTimeline } from './fault-timeline.ts';

export type ConsoleAction =
  | { kind: 'toxic-add'; fault: Extract<Fault, { kind: 'toxic' }> }
  | { kind: 'toxic-remove'; link: string; name: string }
  | { kind: 'link'; link: string; state: 'down' | 'up' }
  | { kind: 'replica'; replica: string; action: (typeof REPLICA_ACTIONS)[number] | 'unpause' }
  | { kind: 'service'; service: BackingService };

export class BadConsoleRequest extends Error {}

const STREAMS = ['downstream', 'upstream', 'both'] as const;
const NAME = /^[A-Za-z0-9_.-]{1,80}$/;

function field(form: URLSearchParams, name: string): string {
  const value = form.get(name)?.trim();
  if (!value) throw new BadConsoleRequest(`missing ${name}`);
  return value;
}

function oneOf<T extends string>(form: URLSearchParams, name: string, choices: readonly T[]): T {
  const value = field(form, name);
  if (!(choices as readonly string[]).includes(value))
    throw new BadConsoleRequest(`invalid ${name}; expected one of ${choices.join(', ')}, got "${value}"`);
  return value as T;
}

function named(form: URLSearchParams, name: string): string {
  const value = field(form, name);
  if (!NAME.test(value))
    throw new BadConsoleRequest(`invalid ${name}; expected letters, digits, _ . -, got "${value}"`);
  return value;
}

/** `attr.latency=200` fields become `{ latency: 200 }`; empty fields take the toxic's default. */
function attributes(form: URLSearchParams, toxic: ToxicType): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [key, raw] of form) {
    if (!key.startsWith(`attr.${toxic}.`) || raw.trim() === '') continue;
    const value = Number(raw);
    const attribute = key.slice(`attr.${toxic}.`.length);
    if (!Number.isFinite(value))
      throw new BadConsoleRequest(`invalid ${toxic} ${attribute}; expected a number, got "${raw}"`);
    result[attribute] = value;
  }
  return result;
}

export function parseAction(kind: string, form: URLSearchParams): ConsoleAction {
  switch (kind) {
    case 'toxic-add': {
      const toxic = oneOf(form, 'toxic', TOXIC_TYPES);
      const toxicityText = form.get('toxicity')?.trim() || '1';
      const toxicity = Number(toxicityText);
      if (!(toxicity >= 0 && toxicity <= 1))
        throw new BadConsoleRequest(`invalid toxicity; expected a fraction from 0 to 1, got "${toxicityText}"`);
      const name = form.get('name')?.trim() ? named(form, 'name') : undefined;
      return {
        kind,
        fault: {
          kind: 'toxic',
          link: named(form, 'link'),
          toxic,
          stream: oneOf(form, 'stream', STREAMS),
          toxicity,
          attributes: attributes(form, toxic),
          name,
        },
      };
    }
    case 'toxic-remove':
      return { kind, link: named(form, 'link'), name: named(form, 'name') };
    case 'link':
      return { kind, link: named(form, 'link'), state: oneOf(form, 'state', ['down', 'up'] as const) };
    case 'replica':
      return {
        kind,
        replica: named(form, 'replica'),
        action: oneOf(form, 'action', [...REPLICA_ACTIONS, 'unpause'] as const),
      };
    case 'service':
      return { kind, service: oneOf(form, 'service', BACKING_SERVICES) };
    default:
      throw new BadConsoleRequest(
        `unknown action "${kind}"; expected toxic-add, toxic-remove, link, replica or service`,
      );
  }
}

/** Applies one action; returns what was done, in words. Replica stops in flight are tracked so the page can say "draining". */
export async function applyAction(
  lab: Lab,
  action: ConsoleAction,
  timeline: FaultTimeline,
  stopping: Set<string>,
): Promise<string> {
  switch (action.kind) {
    case 'toxic-add': {
      const applied = await lab.apply(action.fault);
      const names = applied.detail.toxics as string[];
      for (const name of names) timeline.open(`toxic:${action.fault.link}:${name}`, describeFault(applied.fault));
      return `${action.fault.link}: added ${names.join(', ')}`;
    }
    case 'toxic-remove': {
      const link = lab.link(action.link);
      const toxics = await link.toxics();
      if (!toxics.some((t) => t.name === action.name)) {
        throw new Error(
          `link ${action.link} has no toxic "${action.name}"; ${toxics.length ? `it has ${toxics.map((t) => t.name).join(', ')}` : 'it has none'}`,
        );
      }
      await link.removeToxic(action.name);
      timeline.close(`toxic:${action.link}:${action.name}`);
      return `${action.link}: removed ${action.name}`;
    }
    case 'link':
      if (action.state === 'down') {
        await lab.apply({ kind: 'link-down', link: action.link });
        timeline.open(`link:${action.link}`, `link ${action.link} down`);
      } else {
        await lab.link(action.link).up();
        timeline.close(`link:${action.link}`);
      }
      return `${action.link}: ${action.state}`;
    case 'replica': {
      const { replica, action: verb } = action;
      const name = lab.replica(replica).name;
      if (verb === 'unpause' || verb === 'restart') {
        await (verb === 'unpause'
          ? lab.replica(name).unpause()
          : lab.apply({ kind: 'replica', action: 'restart', replica: name }));
        timeline.close(`replica:${name}`);
        return `${name}: ${verb} done`;
      }
      timeline.open(`replica:${name}`, `${verb} ${name}`);
      if (verb === 'stop') stopping.add(name);
      try {
        await lab.apply({ kind: 'replica', action: verb, replica: name });
      } catch (error) {
        timeline.close(`replica:${name}`);
        throw error;
      } finally {
        stopping.delete(name);
      }
      return `${name}: ${verb} done`;
    }
    case 'service':
      await lab.restartService(action.service);
      timeline.instant(`service:${action.service}`, `restart ${action.service}`);
      return `${action.service}: restarted`;
  }
}
