import { describe, expect, it } from 'vitest';
import { BadConsoleRequest, parseAction } from './console-actions.ts';

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

describe('parseAction', () => {
  it('reads a toxic with its attributes, leaving empty ones to the defaults', () => {
    const action = parseAction(
      'toxic-add',
      form({
        link: 'replica-1.bus',
        toxic: 'latency',
        stream: 'both',
        toxicity: '0.5',
        'attr.latency.latency': '250',
        'attr.latency.jitter': '',
        'attr.bandwidth.rate': '9',
      }),
    );
    expect(action).toEqual({
      kind: 'toxic-add',
      fault: {
        kind: 'toxic',
        link: 'replica-1.bus',
        toxic: 'latency',
        stream: 'both',
        toxicity: 0.5,
        attributes: { latency: 250 },
        name: undefined,
      },
    });
  });

  it('names what is wrong and what is allowed', () => {
    const bad: Array<[string, Record<string, string>, RegExp]> = [
      [
        'toxic-add',
        { link: 'replica-1.bus', toxic: 'down', stream: 'downstream' },
        /invalid toxic; expected one of latency, .*got "down"/,
      ],
      [
        'toxic-add',
        { link: 'replica-1.bus', toxic: 'latency', stream: 'sideways' },
        /invalid stream; expected one of downstream, upstream, both/,
      ],
      [
        'toxic-add',
        { link: 'replica-1.bus', toxic: 'latency', stream: 'upstream', toxicity: '2' },
        /invalid toxicity; expected a fraction from 0 to 1, got "2"/,
      ],
      [
        'toxic-add',
        { link: 'replica-1.bus', toxic: 'latency', stream: 'upstream', 'attr.latency.latency': 'soon' },
        /invalid latency latency; expected a number, got "soon"/,
      ],
      ['toxic-add', { toxic: 'latency', stream: 'upstream' }, /missing link/],
      ['link', { link: 'client.edge', state: 'sideways' }, /invalid state; expected one of down, up/],
      [
        'replica',
        { replica: 'replica-1', action: 'explode' },
        /invalid action; expected one of kill, stop, pause, restart, unpause/,
      ],
      ['replica', { replica: '../x y', action: 'kill' }, /invalid replica; expected letters/],
      ['service', { service: 'mysql' }, /invalid service; expected one of postgres, redis, nats/],
      ['teleport', {}, /unknown action "teleport"/],
    ];
    for (const [kind, fields, message] of bad) {
      expect(() => parseAction(kind, form(fields)), `${kind} ${JSON.stringify(fields)}`).toThrow(BadConsoleRequest);
      expect(() => parseAction(kind, form(fields))).toThrow(message);
    }
  });
});
