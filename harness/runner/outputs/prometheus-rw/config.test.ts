import { describe, expect, it } from 'vitest';
import { remoteWriteConfigFromEnv } from './config.ts';

describe('remoteWriteConfigFromEnv', () => {
  it("has k6's defaults: localhost, a push every 5 s, p(99), no native histograms, no stale markers", () => {
    expect(remoteWriteConfigFromEnv({})).toMatchObject({
      url: 'http://localhost:9090/api/v1/write',
      pushIntervalMs: 5000,
      trendStats: ['p(99)'],
      nativeHistograms: false,
      staleMarkers: false,
      headers: {},
      labels: {},
    });
  });

  it('reads the documented options, the run labels winning over K6_PROMETHEUS_RW_LABELS', () => {
    const config = remoteWriteConfigFromEnv(
      {
        K6_PROMETHEUS_RW_SERVER_URL: 'https://mimir.example/api/v1/push',
        K6_PROMETHEUS_RW_PUSH_INTERVAL: '1s',
        K6_PROMETHEUS_RW_TREND_STATS: 'p(50),p(99.9),max',
        K6_PROMETHEUS_RW_TREND_AS_NATIVE_HISTOGRAM: 'true',
        K6_PROMETHEUS_RW_STALE_MARKERS: 'TRUE',
        K6_PROMETHEUS_RW_HTTP_HEADERS: 'X-Scope-OrgID:lab, X-A: b',
        'K6_PROMETHEUS_RW_HEADERS_X-Extra': 'yes',
        K6_PROMETHEUS_RW_USERNAME: 'u',
        K6_PROMETHEUS_RW_PASSWORD: 'p',
        K6_PROMETHEUS_RW_LABELS: 'run_id=old,team=load',
      },
      { run_id: 'r1' },
    );
    expect(config).toMatchObject({
      url: 'https://mimir.example/api/v1/push',
      pushIntervalMs: 1000,
      trendStats: ['p(50)', 'p(99.9)', 'max'],
      nativeHistograms: true,
      staleMarkers: true,
      labels: { run_id: 'r1', team: 'load' },
    });
    expect(config.headers).toEqual({
      'X-Scope-OrgID': 'lab',
      'X-A': 'b',
      'X-Extra': 'yes',
      Authorization: `Basic ${Buffer.from('u:p').toString('base64')}`,
    });
    expect(remoteWriteConfigFromEnv({ K6_PROMETHEUS_RW_BEARER_TOKEN: 't' }).headers).toEqual({
      Authorization: 'Bearer t',
    });
  });

  it('names what is wrong', () => {
    expect(() => remoteWriteConfigFromEnv({ K6_PROMETHEUS_RW_SERVER_URL: 'localhost:9090' })).toThrow(
      /invalid K6_PROMETHEUS_RW_SERVER_URL; expected an http\(s\) URL, got "localhost:9090"/,
    );
    expect(() => remoteWriteConfigFromEnv({ K6_PROMETHEUS_RW_STALE_MARKERS: 'yes' })).toThrow(
      /invalid K6_PROMETHEUS_RW_STALE_MARKERS; expected true or false, got "yes"/,
    );
    expect(() => remoteWriteConfigFromEnv({ K6_PROMETHEUS_RW_HTTP_HEADERS: 'nocolon' })).toThrow(
      /expected name:value pairs/,
    );
  });
});
