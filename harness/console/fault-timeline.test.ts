import { describe, expect, it } from 'vitest';
import { FaultTimeline } from './fault-timeline.ts';

describe('FaultTimeline', () => {
  const clock = (start: number) => {
    let t = start;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };

  it('opens a band and closes it with the action that undoes it', () => {
    const c = clock(1000);
    const timeline = new FaultTimeline(c.now);
    timeline.open('replica:replica-1', 'kill replica-1');
    c.advance(500);
    timeline.open('replica:replica-1', 'kill replica-1 again');
    c.advance(500);
    timeline.close('replica:replica-1');
    expect(timeline.list()).toEqual([{ key: 'replica:replica-1', label: 'kill replica-1', start: 1000, end: 2000 }]);
  });

  it('closes only open entries matching a prefix, and marks instants', () => {
    const c = clock(0);
    const timeline = new FaultTimeline(c.now);
    timeline.open('toxic:replica-1.bus:latency_downstream', 'latency');
    timeline.open('link:client.edge', 'down');
    c.advance(10);
    timeline.closeWhere('toxic:');
    timeline.instant('service:redis', 'restart redis');
    const [toxic, link, restart] = timeline.list();
    expect(toxic!.end).toBe(10);
    expect(link!.end).toBeUndefined();
    expect(restart).toMatchObject({ start: 10, end: 10 });
  });

  it('keeps only the newest entries', () => {
    const timeline = new FaultTimeline(() => 0, 3);
    for (let i = 0; i < 5; i++) timeline.instant(`k${i}`, `l${i}`);
    expect(timeline.list().map((e) => e.key)).toEqual(['k2', 'k3', 'k4']);
  });
});
