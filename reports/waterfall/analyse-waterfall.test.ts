import { describe, expect, it } from 'vitest';
import { crossNodeCost, pathReach, shortfall } from './analyse-waterfall.ts';
import type { Waterfall, WaterfallHop, WaterfallPath } from './waterfall.ts';

const hop = (name: string, p50Ms: number, p99Ms = p50Ms * 4): WaterfallHop => ({ hop: name, p50Ms, p99Ms, count: 10 });

const same: WaterfallPath = {
  path: 'same',
  hops: [
    hop('receive_validate', 0.1),
    hop('validate_commit', 3),
    hop('release', 0.1),
    hop('socket_first', 0.2),
    hop('socket_last', 1.2),
  ],
  endToEnd: { p50Ms: 4, p99Ms: 30 },
};
const cross: WaterfallPath = {
  path: 'cross',
  hops: [
    hop('receive_validate', 0.1),
    hop('validate_commit', 3),
    hop('commit_publish', 0.4),
    hop('bus_transit', 0.9),
    hop('release', 0.3),
    hop('socket_first', 0.2),
    hop('socket_last', 1.2),
  ],
  endToEnd: { p50Ms: 6.5, p99Ms: 60 },
};

describe('pathReach', () => {
  it('adds the sequential hops to the first socket, and what the last socket waits beyond it', () => {
    expect(pathReach(same, 'p50').toFirstSocketMs).toBeCloseTo(3.4, 9);
    expect(pathReach(same, 'p50').toLastSocketMs).toBeCloseTo(4.4, 9);
    expect(pathReach(cross, 'p99').toFirstSocketMs).toBeCloseTo(19.6, 9);
  });
});

describe('crossNodeCost', () => {
  const waterfall: Waterfall = { paths: [same, cross] };

  it('uses the clients’ end-to-end difference and names the bus hop', () => {
    expect(crossNodeCost(waterfall, 'p50')).toEqual({ addedMs: 2.5, source: 'client', busMs: 0.9 });
  });

  it('falls back to the hop sums without client figures', () => {
    const { endToEnd: _s, ...sameHops } = same;
    const { endToEnd: _c, ...crossHops } = cross;
    const cost = crossNodeCost({ paths: [sameHops, crossHops] }, 'p50');
    expect(cost?.source).toBe('hops');
    expect(cost?.addedMs).toBeCloseTo(1.5, 9); // publish 0.4 + bus 0.9 + release 0.3 − 0.1
  });

  it('needs both paths', () => {
    expect(crossNodeCost({ paths: [cross] }, 'p50')).toBeUndefined();
  });
});

describe('shortfall', () => {
  it('is silent where the client figure lies between the first and the last socket', () => {
    expect(shortfall(same, 'p50')).toBeUndefined(); // 3.4 ≤ 4 ≤ 4.4
  });

  it('says how much the client saw beyond the hops', () => {
    // p99: hops reach 19.6 ms (first socket) to 23.6 ms (last); the client saw 60 ms.
    const gap = shortfall(cross, 'p99');
    expect(gap?.hopsMs).toBeCloseTo(23.6, 9);
    expect(gap?.unaccountedMs).toBeCloseTo(36.4, 9);
  });

  it('also flags hops that add up to more than the client saw', () => {
    const over = shortfall({ ...same, endToEnd: { p50Ms: 1, p99Ms: 30 } }, 'p50');
    expect(over?.hopsMs).toBeCloseTo(3.4, 9);
    expect(over?.unaccountedMs).toBeCloseTo(-2.4, 9);
  });

  it('tolerates a quarter (or 1 ms) of difference', () => {
    expect(shortfall({ ...same, endToEnd: { p50Ms: 5.2, p99Ms: 30 } }, 'p50')).toBeUndefined();
  });
});
