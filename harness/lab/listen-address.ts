import { isIPv4 } from 'node:net';
import { networkInterfaces } from 'node:os';

/** Where every published port of a lab (and `swaglab board`) binds unless `--listen` says otherwise: this machine only. */
export const DEFAULT_LISTEN = '127.0.0.1';
/** Every interface: for a workshop whose learners share one lab. */
export const ALL_INTERFACES = '0.0.0.0';

/** IPv4 addresses of this machine's interfaces, loopback included. */
export function localAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a?.family === 'IPv4')
    .map((a) => a!.address);
}

/**
 * Validates a `--listen` address: an IPv4 address of this machine, or 0.0.0.0.
 * (IPv4 only: testcontainers reads a published port back by the address family
 * of the engine's host, and Docker's userland proxy binds one address per port.)
 */
export function parseListenAddress(value: string, local: string[] = localAddresses()): string {
  const expected = `expected an IPv4 address of this machine (${DEFAULT_LISTEN}, the default; ${ALL_INTERFACES} for every interface; or one of ${local.join(', ')})`;
  if (!isIPv4(value)) throw new Error(`invalid listen address; ${expected}, got "${value}"`);
  if (value !== ALL_INTERFACES && !local.includes(value))
    throw new Error(`invalid listen address; ${expected}, got "${value}", which no interface here has`);
  return value;
}

/** The address this machine reaches a port bound on `listen` at. */
export function reachableHost(listen: string): string {
  return listen === ALL_INTERFACES ? DEFAULT_LISTEN : listen;
}
