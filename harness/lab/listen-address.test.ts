import { describe, expect, it } from 'vitest';
import { parseListenAddress, reachableHost } from './listen-address.ts';

const local = ['127.0.0.1', '10.1.2.3'];

describe('parseListenAddress', () => {
  it('accepts loopback, every interface, and an address this machine has', () => {
    expect(parseListenAddress('127.0.0.1', local)).toBe('127.0.0.1');
    expect(parseListenAddress('0.0.0.0', local)).toBe('0.0.0.0');
    expect(parseListenAddress('10.1.2.3', local)).toBe('10.1.2.3');
  });

  it('rejects what is not an IPv4 address, naming what it expected', () => {
    expect(() => parseListenAddress('localhost', local)).toThrow(
      'invalid listen address; expected an IPv4 address of this machine (127.0.0.1, the default; 0.0.0.0 for every interface; or one of 127.0.0.1, 10.1.2.3), got "localhost"',
    );
    expect(() => parseListenAddress('::', local)).toThrow(/got "::"/);
    expect(() => parseListenAddress('300.1.1.1', local)).toThrow(/got "300.1.1.1"/);
  });

  it('rejects an address no interface here has', () => {
    expect(() => parseListenAddress('192.0.2.7', local)).toThrow(/got "192.0.2.7", which no interface here has/);
  });
});

describe('reachableHost', () => {
  it('reaches ports bound on every interface through loopback, others at their own address', () => {
    expect(reachableHost('0.0.0.0')).toBe('127.0.0.1');
    expect(reachableHost('10.1.2.3')).toBe('10.1.2.3');
  });
});
