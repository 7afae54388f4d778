import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.ts';

const DB = 'postgres://u:p@db:5432/swag';
const SECRET = '0123456789abcdef-secret';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env, 'host-1');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('applies defaults', () => {
    expect(parseConfig({ SWAGBOARD_DATABASE_URL: DB, SWAGBOARD_TOKEN_SECRET: SECRET }, 'host-1')).toEqual({
      port: 8080,
      metricsPort: 9464,
      replica: 'host-1',
      databaseUrl: DB,
      bus: 'none',
      redisUrl: undefined,
      natsUrl: undefined,
      logLevel: 'info',
      maxFrameBytes: 65536,
      otlpEndpoint: undefined,
      auth: 'required',
      tokenSecret: SECRET,
      tokenTtlSeconds: 300,
      sessionTtlSeconds: 604_800,
      resumeWindow: 1000,
      softQueueBytes: 262_144,
      hardQueueBytes: 1_048_576,
      ratePerSecond: 50,
      rateBurst: 100,
      userRatePerSecond: 100,
      userRateBurst: 200,
      maxConnections: 10_000,
      drainSeconds: 5,
      presenceHeartbeatMs: 2000,
      presenceCoalesceMs: 250,
      maxPendingWrites: 512,
      tracesExporters: undefined,
      zipkinEndpoint: undefined,
      tracesSampler: undefined,
      tracesSamplerArg: undefined,
    });
  });

  it('reads every variable', () => {
    const config = parseConfig({
      SWAGBOARD_DATABASE_URL: DB,
      SWAGBOARD_PORT: '0',
      SWAGBOARD_REPLICA: 'replica-2',
      SWAGBOARD_BUS: 'nats',
      SWAGBOARD_NATS_URL: 'nats://bus:4222',
      SWAGBOARD_LOG_LEVEL: 'debug',
      SWAGBOARD_MAX_FRAME_BYTES: '1024',
      SWAGBOARD_AUTH: 'open',
      SWAGBOARD_RESUME_WINDOW: '10',
      SWAGBOARD_SOFT_QUEUE_BYTES: '2048',
      SWAGBOARD_HARD_QUEUE_BYTES: '4096',
      SWAGBOARD_RATE_PER_SECOND: '5',
      SWAGBOARD_RATE_BURST: '7',
      SWAGBOARD_MAX_CONNECTIONS: '3',
      SWAGBOARD_DRAIN_SECONDS: '1',
      SWAGBOARD_MAX_PENDING_WRITES: '64',
    });
    expect(config).toMatchObject({
      port: 0,
      replica: 'replica-2',
      bus: 'nats',
      natsUrl: 'nats://bus:4222',
      logLevel: 'debug',
      maxFrameBytes: 1024,
    });
    expect(config).toMatchObject({
      auth: 'open',
      tokenSecret: undefined,
      resumeWindow: 10,
      softQueueBytes: 2048,
      hardQueueBytes: 4096,
      ratePerSecond: 5,
      rateBurst: 7,
      maxConnections: 3,
      drainSeconds: 1,
      maxPendingWrites: 64,
    });
  });

  it('requires a token secret unless auth is open', () => {
    expect(problemsOf({ SWAGBOARD_DATABASE_URL: DB })).toEqual([
      'invalid SWAGBOARD_TOKEN_SECRET; expected at least 16 characters because SWAGBOARD_AUTH is "required", got nothing',
    ]);
    expect(problemsOf({ SWAGBOARD_DATABASE_URL: DB, SWAGBOARD_TOKEN_SECRET: 'short' })[0]).toMatch(/got 5 characters$/);
    expect(problemsOf({ SWAGBOARD_DATABASE_URL: DB, SWAGBOARD_AUTH: 'closed' })).toEqual([
      'invalid SWAGBOARD_AUTH; expected "required" or "open", got "closed"',
    ]);
  });

  it('wants the hard queue limit at or above the soft one', () => {
    expect(
      problemsOf({
        SWAGBOARD_DATABASE_URL: DB,
        SWAGBOARD_AUTH: 'open',
        SWAGBOARD_SOFT_QUEUE_BYTES: '8192',
        SWAGBOARD_HARD_QUEUE_BYTES: '4096',
      })[0],
    ).toMatch(/^invalid SWAGBOARD_HARD_QUEUE_BYTES/);
  });

  it('names the variable, the expectation and the value', () => {
    expect(problemsOf({ SWAGBOARD_DATABASE_URL: DB, SWAGBOARD_BUS: 'x' })).toEqual([
      'invalid SWAGBOARD_BUS; expected "redis", "nats" or "none", got "x"',
    ]);
    expect(
      problemsOf({
        SWAGBOARD_DATABASE_URL: DB,
        SWAGBOARD_TOKEN_SECRET: SECRET,
        SWAGBOARD_PORT: '9000',
        SWAGBOARD_METRICS_PORT: '9000',
      }),
    ).toEqual([
      'invalid SWAGBOARD_METRICS_PORT; expected a port other than SWAGBOARD_PORT, so /metrics stays off the client-facing port, got 9000',
    ]);
    expect(
      problemsOf({ SWAGBOARD_DATABASE_URL: DB, SWAGBOARD_TOKEN_SECRET: SECRET, SWAGBOARD_METRICS_PORT: '70000' }),
    ).toEqual(['invalid SWAGBOARD_METRICS_PORT; expected an integer from 0 to 65535, got "70000"']);
    expect(problemsOf({ SWAGBOARD_DATABASE_URL: DB, SWAGBOARD_PORT: 'http' })).toEqual([
      'invalid SWAGBOARD_PORT; expected an integer from 0 to 65535, got "http"',
    ]);
    expect(problemsOf({ SWAGBOARD_DATABASE_URL: 'mysql://x' })).toEqual([
      'invalid SWAGBOARD_DATABASE_URL; expected a URL like "postgres://host:port", got "mysql://x"',
    ]);
  });

  it('requires the database URL', () => {
    expect(problemsOf({ SWAGBOARD_AUTH: 'open' })).toEqual([
      'invalid SWAGBOARD_DATABASE_URL; expected a URL like "postgres://user:pass@host:5432/db", got nothing',
    ]);
  });

  it('requires the URL of the chosen bus', () => {
    expect(problemsOf({ SWAGBOARD_DATABASE_URL: DB, SWAGBOARD_AUTH: 'open', SWAGBOARD_BUS: 'redis' })[0]).toMatch(
      /^invalid SWAGBOARD_REDIS_URL;.*"redis"/,
    );
    expect(problemsOf({ SWAGBOARD_DATABASE_URL: DB, SWAGBOARD_AUTH: 'open', SWAGBOARD_BUS: 'nats' })[0]).toMatch(
      /^invalid SWAGBOARD_NATS_URL;/,
    );
  });

  it('bounds the pending writes per board', () => {
    expect(
      problemsOf({ SWAGBOARD_DATABASE_URL: DB, SWAGBOARD_AUTH: 'open', SWAGBOARD_MAX_PENDING_WRITES: '0' }),
    ).toEqual(['invalid SWAGBOARD_MAX_PENDING_WRITES; expected an integer from 1 to 100000, got "0"']);
  });

  it('reports every problem at once', () => {
    expect(
      problemsOf({ SWAGBOARD_BUS: 'x', SWAGBOARD_LOG_LEVEL: 'loud', SWAGBOARD_MAX_FRAME_BYTES: '1' }),
    ).toHaveLength(3);
  });
});

describe('parseConfig replica', () => {
  it('rejects names that cannot be a label or a log field', () => {
    expect(problemsOf({ SWAGBOARD_DATABASE_URL: DB, SWAGBOARD_REPLICA: 'a b' })).toEqual([
      `invalid SWAGBOARD_REPLICA; expected 1-63 letters, digits, '.', '_' or '-', got "a b"`,
    ]);
  });
});

describe('parseConfig tracing', () => {
  const base = { SWAGBOARD_DATABASE_URL: DB, SWAGBOARD_AUTH: 'open' };

  it('reads the standard OTEL_* tracing variables', () => {
    const config = parseConfig({
      ...base,
      OTEL_TRACES_EXPORTER: 'zipkin, console',
      OTEL_EXPORTER_ZIPKIN_ENDPOINT: 'http://zipkin:9411/api/v2/spans',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.05',
    });
    expect(config).toMatchObject({
      tracesExporters: ['zipkin', 'console'],
      zipkinEndpoint: 'http://zipkin:9411/api/v2/spans',
      tracesSampler: 'parentbased_traceidratio',
      tracesSamplerArg: 0.05,
    });
  });

  it('refuses what the SDK would silently replace by its defaults', () => {
    expect(
      problemsOf({
        ...base,
        OTEL_TRACES_SAMPLER_ARG: '5%',
        OTEL_TRACES_EXPORTER: 'zipkn',
        OTEL_TRACES_SAMPLER: 'ratio',
        OTEL_EXPORTER_ZIPKIN_ENDPOINT: 'zipkin:9411',
      }),
    ).toEqual([
      `invalid OTEL_TRACES_EXPORTER; expected a comma-separated list of "otlp", "zipkin", "console" or "none", got "zipkn"`,
      `invalid OTEL_EXPORTER_ZIPKIN_ENDPOINT; expected a URL like "http://host:port", got "zipkin:9411"`,
      `invalid OTEL_TRACES_SAMPLER; expected "always_on", "always_off", "traceidratio", "parentbased_always_on", "parentbased_always_off" or "parentbased_traceidratio", got "ratio"`,
      `invalid OTEL_TRACES_SAMPLER_ARG; expected a number from 0 to 1 (e.g. 0.05), got "5%"`,
    ]);
    expect(problemsOf({ ...base, OTEL_TRACES_SAMPLER_ARG: '1.5' })).toHaveLength(1);
    expect(parseConfig({ ...base, OTEL_TRACES_SAMPLER_ARG: '1' }).tracesSamplerArg).toBe(1);
  });
});
