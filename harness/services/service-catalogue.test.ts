import { describe, expect, it } from 'vitest';
import { ALL_IMAGES } from '../images/image-catalogue.ts';
import { SERVICES, serviceUrl } from './service-catalogue.ts';

describe('service catalogue', () => {
  it('has an entry for every image the project builds, each naming its own image', () => {
    for (const image of ALL_IMAGES) expect(SERVICES[image]?.image).toBe(image);
  });

  it('gives each container a fresh readiness strategy (they are mutable builders)', () => {
    expect(SERVICES.server.ready()).not.toBe(SERVICES.server.ready());
  });

  it('addresses backing services in their own schemes and the rest over http', () => {
    expect(serviceUrl('postgres', '127.0.0.1', 5000)).toBe('postgres://swag@127.0.0.1:5000/swagboard');
    expect(serviceUrl('redis', '127.0.0.1', 5001)).toBe('redis://127.0.0.1:5001');
    expect(serviceUrl('nats', '127.0.0.1', 5002)).toBe('nats://127.0.0.1:5002');
    expect(serviceUrl('prometheus', '127.0.0.1', 5003)).toBe('http://127.0.0.1:5003');
  });
});
