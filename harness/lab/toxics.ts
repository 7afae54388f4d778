// Toxiproxy's toxics as data: each type's attributes, their units, sane
// defaults and bounds. The CLI, the fault vocabulary and chaos plans all
// validate against this one table.
import type { ToxicType } from './toxiproxy-api.ts';

export interface ToxicAttribute {
  unit: string;
  default: number;
  max: number;
  description: string;
}

export const TOXICS: Record<ToxicType, { description: string; attributes: Record<string, ToxicAttribute> }> = {
  latency: {
    description: 'delays data by latency ± jitter',
    attributes: {
      latency: { unit: 'ms', default: 100, max: 600_000, description: 'added delay' },
      jitter: { unit: 'ms', default: 0, max: 600_000, description: 'random ± spread on the delay' },
    },
  },
  bandwidth: {
    description: 'caps throughput',
    attributes: {
      rate: { unit: 'KB/s', default: 100, max: 10_000_000, description: 'bytes per second, in kilobytes' },
    },
  },
  slow_close: {
    description: 'delays the TCP close after the other side closed',
    attributes: { delay: { unit: 'ms', default: 1000, max: 600_000, description: 'delay before closing' } },
  },
  timeout: {
    description: 'stops all data and closes the connection after timeout (0: never closes, data just stops)',
    attributes: {
      timeout: { unit: 'ms', default: 0, max: 600_000, description: 'time before the close; 0 holds forever' },
    },
  },
  reset_peer: {
    description: 'resets connections (TCP RST) after timeout',
    attributes: {
      timeout: { unit: 'ms', default: 0, max: 600_000, description: 'time before the reset; 0 resets at once' },
    },
  },
  slicer: {
    description: 'slices data into small packets with delays between them',
    attributes: {
      average_size: { unit: 'bytes', default: 64, max: 1_000_000, description: 'mean packet size' },
      size_variation: {
        unit: 'bytes',
        default: 32,
        max: 1_000_000,
        description: 'packet size spread (below average_size)',
      },
      delay: { unit: 'µs', default: 10, max: 60_000_000, description: 'delay between packets' },
    },
  },
  limit_data: {
    description: 'closes the connection after a number of bytes',
    attributes: {
      bytes: { unit: 'bytes', default: 1024, max: 1_000_000_000, description: 'bytes let through before the close' },
    },
  },
};

export const TOXIC_TYPES = Object.keys(TOXICS) as ToxicType[];

export function isToxicType(value: string): value is ToxicType {
  return Object.hasOwn(TOXICS, value);
}

/**
 * Fills defaults and checks each attribute of a toxic, throwing
 * `invalid attribute "x" of latency; expected one of latency, jitter`.
 */
export function toxicAttributes(type: ToxicType, given: Record<string, number> = {}): Record<string, number> {
  const known = TOXICS[type].attributes;
  const result: Record<string, number> = {};
  for (const [name, value] of Object.entries(given)) {
    const spec = known[name];
    if (!spec)
      throw new Error(`invalid attribute "${name}" of ${type}; expected one of ${Object.keys(known).join(', ')}`);
    if (!Number.isFinite(value) || value < 0 || value > spec.max) {
      throw new Error(
        `invalid ${type} ${name}; expected a number of ${spec.unit} from 0 to ${spec.max}, got ${JSON.stringify(value)}`,
      );
    }
    result[name] = value;
  }
  for (const [name, spec] of Object.entries(known)) result[name] ??= spec.default;
  return result;
}

/** One line per toxic type, for help texts and errors. */
export function describeToxics(): string {
  return TOXIC_TYPES.map((type) => {
    const attrs = Object.entries(TOXICS[type].attributes).map(
      ([name, a]) => `${name}=${a.default}${a.unit === 'bytes' ? '' : a.unit}`,
    );
    return `  ${type.padEnd(11)} ${TOXICS[type].description} (${attrs.join(', ')})`;
  }).join('\n');
}
