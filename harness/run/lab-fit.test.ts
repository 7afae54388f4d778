import { describe, expect, it } from 'vitest';
import { labSpecSchema } from '../lab/lab-spec.ts';
import { labAsked, labDifferences } from './lab-fit.ts';

const backpressure = {
  scenario: 'backpressure',
  env: {},
  replicas: 2,
  serverEnv: { SWAGBOARD_SOFT_QUEUE_BYTES: '16384' },
  socketBufferBytes: 32768,
};

describe('lab fit for runs against an existing lab', () => {
  it('asks what the flags and the suite entry say, flags first, and nothing else', () => {
    expect(labAsked(backpressure, { bus: 'nats', serverEnv: { SWAGBOARD_HARD_QUEUE_BYTES: '65536' } })).toEqual({
      replicas: 2,
      bus: 'nats',
      socketBufferBytes: 32768,
      serverEnv: { SWAGBOARD_SOFT_QUEUE_BYTES: '16384', SWAGBOARD_HARD_QUEUE_BYTES: '65536' },
    });
    expect(labAsked({ scenario: 'soak', env: {} })).toEqual({});
  });

  it('names every difference, and none for a lab that fits', () => {
    const plain = labSpecSchema.parse({ replicas: 3 });
    expect(labDifferences(labAsked(backpressure), plain)).toEqual([
      'replicas: asked 2, the lab has 3',
      "socket buffers: asked 32768 bytes, the lab has the kernel's",
      'SWAGBOARD_SOFT_QUEUE_BYTES: asked 16384, the lab has the server default',
    ]);
    const fitting = labSpecSchema.parse({
      replicas: 2,
      socketBufferBytes: 32768,
      serverEnv: { SWAGBOARD_SOFT_QUEUE_BYTES: '16384', SWAGBOARD_X: '1' },
    });
    expect(labDifferences(labAsked(backpressure), fitting)).toEqual([]);
    expect(labDifferences({}, plain)).toEqual([]);
  });
});
