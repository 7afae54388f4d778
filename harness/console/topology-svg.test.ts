import { describe, expect, it } from 'vitest';
import { replicaState } from './console-view.ts';
import { linkState, toxicSummary, topologySvg, type TopologyView } from './topology-svg.ts';

const latency = {
  name: 'latency_downstream',
  type: 'latency' as const,
  stream: 'downstream' as const,
  toxicity: 1,
  attributes: { latency: 300, jitter: 0 },
};

const view: TopologyView = {
  bus: 'redis',
  replicas: [
    { name: 'replica-1', state: 'up', container: 'running', haproxy: 'UP', connections: 4 },
    { name: 'replica-2', state: 'down', container: 'exited', haproxy: 'DOWN', connections: 0 },
  ],
  links: {
    'client.edge': { direct: false, enabled: true, toxics: [] },
    'client.slow': { direct: false, enabled: false, toxics: [] },
    'replica-1.bus': { direct: false, enabled: true, toxics: [latency] },
    'replica-2.http': { direct: true, enabled: true, toxics: [] },
  },
};

describe('topology diagram', () => {
  it('draws every link with its state and toxics, and every replica with its state', () => {
    const svg = topologySvg(view).value;
    expect(svg).toMatch(/data-link="replica-1\.bus" data-state="toxic" data-toxics="latency_downstream"/);
    expect(svg).toContain('latency 300 ↓');
    expect(svg).toMatch(/data-link="client\.slow" data-state="down"/);
    expect(svg).toMatch(/data-link="replica-2\.http" data-state="direct"/);
    expect(svg).toMatch(/data-link="replica-2\.postgres" data-state="missing"/);
    expect(svg).toMatch(/data-replica="replica-2" data-state="down"/);
    expect(svg).toContain('up · 4 conn · UP');
    expect((svg.match(/class="link /g) ?? []).length).toBe(2 + 3 * 2);
  });

  it('escapes what it writes', () => {
    const svg = topologySvg({ ...view, bus: '<script>' }).value;
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
  });

  it('summarises a partial upstream toxic', () => {
    expect(toxicSummary({ ...latency, stream: 'upstream', toxicity: 0.25 })).toBe('latency 300 ↑ 25%');
    expect(linkState(undefined)).toBe('missing');
  });

  it('tells down, paused, draining and starting replicas apart', () => {
    expect(replicaState('exited', 'DOWN', false)).toBe('down');
    expect(replicaState('missing', 'unknown', false)).toBe('down');
    expect(replicaState('paused', 'DOWN', false)).toBe('paused');
    expect(replicaState('running', 'DOWN 1/2', true)).toBe('draining');
    expect(replicaState('running', 'DOWN', false)).toBe('starting');
    expect(replicaState('running', 'UP', false)).toBe('up');
  });
});
