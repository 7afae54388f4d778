import { describe, expect, it } from 'vitest';
import { Lab } from './lab.ts';
import type { LabState } from './lab-state.ts';
import { parseLabSpec } from './lab-spec.ts';
import { planLinks } from './topology.ts';

function labWith(directLinks: string[]): Lab {
  const spec = parseLabSpec({ replicas: 2, directLinks });
  const state: LabState = {
    labId: 'test',
    spec,
    network: 'n',
    startedAt: new Date(0).toISOString(),
    endpoints: {
      clientUrl: '',
      slowClientUrl: '',
      haproxyUrl: '',
      haproxyStatsUrl: '',
      prometheusUrl: '',
      toxiproxyUrl: 'http://127.0.0.1:1',
    },
    links: planLinks(spec.replicas, spec.bus, spec.directLinks),
    containers: {},
    images: {},
  };
  return new Lab(state);
}

describe('faults on direct links', () => {
  it('refuse with a clear error, naming the link', async () => {
    const lab = labWith(['client.edge', 'replica-*.bus']);
    expect(() => lab.link('client.edge')).toThrow(/link client.edge is direct in this lab; it bypasses Toxiproxy/);
    await expect(lab.apply({ kind: 'link-down', link: 'replica-2.bus' })).rejects.toThrow(
      /link replica-2.bus is direct in this lab/,
    );
  });

  it('leave proxied links usable', () => {
    expect(labWith(['client.edge']).link('replica-1.bus').name).toBe('replica-1.bus');
  });
});
