import { hostname } from 'node:os';
import { z } from 'zod';

export type BusKind = 'redis' | 'nats' | 'none';

export interface Config {
  port: number;
  /** Where /metrics is served, apart from the client-facing port (0 picks a free one). */
  metricsPort: number;
  replica: string;
  databaseUrl: string;
  bus: BusKind;
  redisUrl: string | undefined;
  natsUrl: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  maxFrameBytes: number;
  otlpEndpoint: string | undefined;
  /** "required": sign-in, tokens and board membership; "open": protocol v1 as before (hello.user only, boards created on join). */
  auth: AuthMode;
  /** HMAC-SHA256 key for WebSocket tokens; undefined only when auth is "open". */
  tokenSecret: string | undefined;
  tokenTtlSeconds: number;
  sessionTtlSeconds: number;
  /** A resume further behind than this many events gets `reset` instead of a replay. */
  resumeWindow: number;
  softQueueBytes: number;
  hardQueueBytes: number;
  ratePerSecond: number;
  rateBurst: number;
  userRatePerSecond: number;
  userRateBurst: number;
  maxConnections: number;
  drainSeconds: number;
  presenceHeartbeatMs: number;
  /** Presence of a board goes to its viewers at most once per this many ms. */
  presenceCoalesceMs: number;
  /** Writes of one board accepted by this replica and not yet committed (queued or in its batch); past it E_BOARD_BUSY. */
  maxPendingWrites: number;
  /**
   * The standard OTEL_* tracing variables, validated here because the SDK (which reads them itself from
   * process.env) falls back silently: a mistyped ratio would trace every request.
   */
  tracesExporters: TracesExporter[] | undefined;
  zipkinEndpoint: string | undefined;
  tracesSampler: TracesSampler | undefined;
  tracesSamplerArg: number | undefined;
}

export type TracesExporter = (typeof TRACES_EXPORTERS)[number];
export type TracesSampler = (typeof TRACES_SAMPLERS)[number];

export type AuthMode = 'required' | 'open';

export type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const BUS_KINDS = ['redis', 'nats', 'none'] as const;
const AUTH_MODES = ['required', 'open'] as const;
const TOKEN_SECRET_MIN_LENGTH = 16;
/** What @opentelemetry/sdk-node understands in OTEL_TRACES_EXPORTER and OTEL_TRACES_SAMPLER. */
const TRACES_EXPORTERS = ['otlp', 'zipkin', 'console', 'none'] as const;
const TRACES_SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

/** Thrown with every problem found, one per line, each "invalid X; expected Y, got Z". */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

const quoted = (value: string | undefined): string => (value === undefined ? 'nothing' : JSON.stringify(value));
const oneOf = (values: readonly string[]): string =>
  values
    .map((v) => JSON.stringify(v))
    .join(', ')
    .replace(/, ([^,]*)$/, ' or $1');

function integer(name: string, min: number, max: number) {
  return z.string().transform((raw, ctx) => {
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      ctx.addIssue({
        code: 'custom',
        message: `invalid ${name}; expected an integer from ${min} to ${max}, got ${quoted(raw)}`,
      });
      return z.NEVER;
    }
    return value;
  });
}

function choice<const T extends readonly string[]>(name: string, values: T) {
  return z.string().transform((raw, ctx) => {
    if (!values.includes(raw)) {
      ctx.addIssue({ code: 'custom', message: `invalid ${name}; expected ${oneOf(values)}, got ${quoted(raw)}` });
      return z.NEVER;
    }
    return raw as T[number];
  });
}

function matching(name: string, pattern: RegExp, expectation: string) {
  return z.string().transform((raw, ctx) => {
    if (!pattern.test(raw)) {
      ctx.addIssue({ code: 'custom', message: `invalid ${name}; expected ${expectation}, got ${quoted(raw)}` });
      return z.NEVER;
    }
    return raw;
  });
}

function url(name: string, protocols: readonly string[]) {
  return z.string().transform((raw, ctx) => {
    let parsed: URL | undefined;
    try {
      parsed = new URL(raw);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !protocols.includes(parsed.protocol)) {
      const example = `${protocols[0]}//host:port`;
      ctx.addIssue({
        code: 'custom',
        message: `invalid ${name}; expected a URL like "${example}", got ${quoted(raw)}`,
      });
      return z.NEVER;
    }
    return raw;
  });
}

function choiceList<const T extends readonly string[]>(name: string, values: T) {
  return z.string().transform((raw, ctx) => {
    const items = raw.split(',').map((item) => item.trim());
    if (!items.every((item) => values.includes(item))) {
      ctx.addIssue({
        code: 'custom',
        message: `invalid ${name}; expected a comma-separated list of ${oneOf(values)}, got ${quoted(raw)}`,
      });
      return z.NEVER;
    }
    return items as T[number][];
  });
}

function ratio(name: string) {
  return z.string().transform((raw, ctx) => {
    const value = Number(raw);
    if (!/^\d*\.?\d+(e-?\d+)?$/i.test(raw) || value < 0 || value > 1) {
      ctx.addIssue({
        code: 'custom',
        message: `invalid ${name}; expected a number from 0 to 1 (e.g. 0.05), got ${quoted(raw)}`,
      });
      return z.NEVER;
    }
    return value;
  });
}

const nonEmpty = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

export function parseConfig(env: Env, defaultReplica: string = hostname()): Config {
  const schema = z.object({
    SWAGBOARD_PORT: integer('SWAGBOARD_PORT', 0, 65535).default(8080),
    SWAGBOARD_METRICS_PORT: integer('SWAGBOARD_METRICS_PORT', 0, 65535).default(9464),
    SWAGBOARD_REPLICA: matching(
      'SWAGBOARD_REPLICA',
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/,
      "1-63 letters, digits, '.', '_' or '-'",
    ).default(defaultReplica),
    SWAGBOARD_DATABASE_URL: url('SWAGBOARD_DATABASE_URL', ['postgres:', 'postgresql:']).optional(),
    SWAGBOARD_BUS: choice('SWAGBOARD_BUS', BUS_KINDS).default('none'),
    SWAGBOARD_REDIS_URL: url('SWAGBOARD_REDIS_URL', ['redis:', 'rediss:']).optional(),
    SWAGBOARD_NATS_URL: url('SWAGBOARD_NATS_URL', ['nats:', 'tls:']).optional(),
    SWAGBOARD_LOG_LEVEL: choice('SWAGBOARD_LOG_LEVEL', LOG_LEVELS).default('info'),
    SWAGBOARD_MAX_FRAME_BYTES: integer('SWAGBOARD_MAX_FRAME_BYTES', 256, 16 * 1024 * 1024).default(65536),
    OTEL_EXPORTER_OTLP_ENDPOINT: z.string().optional(),
    SWAGBOARD_AUTH: choice('SWAGBOARD_AUTH', AUTH_MODES).default('required'),
    SWAGBOARD_TOKEN_SECRET: z.string().optional(),
    SWAGBOARD_TOKEN_TTL_SECONDS: integer('SWAGBOARD_TOKEN_TTL_SECONDS', 1, 86_400).default(300),
    SWAGBOARD_SESSION_TTL_SECONDS: integer('SWAGBOARD_SESSION_TTL_SECONDS', 60, 90 * 86_400).default(7 * 86_400),
    SWAGBOARD_RESUME_WINDOW: integer('SWAGBOARD_RESUME_WINDOW', 0, 1_000_000).default(1000),
    SWAGBOARD_SOFT_QUEUE_BYTES: integer('SWAGBOARD_SOFT_QUEUE_BYTES', 1024, 1024 * 1024 * 1024).default(256 * 1024),
    SWAGBOARD_HARD_QUEUE_BYTES: integer('SWAGBOARD_HARD_QUEUE_BYTES', 1024, 1024 * 1024 * 1024).default(1024 * 1024),
    SWAGBOARD_RATE_PER_SECOND: integer('SWAGBOARD_RATE_PER_SECOND', 1, 1_000_000).default(50),
    SWAGBOARD_RATE_BURST: integer('SWAGBOARD_RATE_BURST', 1, 1_000_000).default(100),
    SWAGBOARD_USER_RATE_PER_SECOND: integer('SWAGBOARD_USER_RATE_PER_SECOND', 1, 1_000_000).default(100),
    SWAGBOARD_USER_RATE_BURST: integer('SWAGBOARD_USER_RATE_BURST', 1, 1_000_000).default(200),
    SWAGBOARD_MAX_CONNECTIONS: integer('SWAGBOARD_MAX_CONNECTIONS', 1, 10_000_000).default(10_000),
    SWAGBOARD_DRAIN_SECONDS: integer('SWAGBOARD_DRAIN_SECONDS', 0, 600).default(5),
    SWAGBOARD_PRESENCE_HEARTBEAT_MS: integer('SWAGBOARD_PRESENCE_HEARTBEAT_MS', 50, 60_000).default(2000),
    SWAGBOARD_PRESENCE_COALESCE_MS: integer('SWAGBOARD_PRESENCE_COALESCE_MS', 0, 10_000).default(250),
    SWAGBOARD_MAX_PENDING_WRITES: integer('SWAGBOARD_MAX_PENDING_WRITES', 1, 100_000).default(512),
    OTEL_TRACES_EXPORTER: choiceList('OTEL_TRACES_EXPORTER', TRACES_EXPORTERS).optional(),
    OTEL_EXPORTER_ZIPKIN_ENDPOINT: url('OTEL_EXPORTER_ZIPKIN_ENDPOINT', ['http:', 'https:']).optional(),
    OTEL_TRACES_SAMPLER: choice('OTEL_TRACES_SAMPLER', TRACES_SAMPLERS).optional(),
    OTEL_TRACES_SAMPLER_ARG: ratio('OTEL_TRACES_SAMPLER_ARG').optional(),
  });
  const input = Object.fromEntries(Object.keys(schema.shape).map((key) => [key, nonEmpty(env[key])]));
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => issue.message));
  }
  const v = result.data;
  const problems: string[] = [];
  if (v.SWAGBOARD_DATABASE_URL === undefined) {
    problems.push(
      `invalid SWAGBOARD_DATABASE_URL; expected a URL like "postgres://user:pass@host:5432/db", got nothing`,
    );
  }
  if (v.SWAGBOARD_BUS === 'redis' && v.SWAGBOARD_REDIS_URL === undefined) {
    problems.push(
      `invalid SWAGBOARD_REDIS_URL; expected a URL like "redis://host:6379" because SWAGBOARD_BUS is "redis", got nothing`,
    );
  }
  if (v.SWAGBOARD_BUS === 'nats' && v.SWAGBOARD_NATS_URL === undefined) {
    problems.push(
      `invalid SWAGBOARD_NATS_URL; expected a URL like "nats://host:4222" because SWAGBOARD_BUS is "nats", got nothing`,
    );
  }
  if (v.SWAGBOARD_AUTH === 'required' && (v.SWAGBOARD_TOKEN_SECRET?.length ?? 0) < TOKEN_SECRET_MIN_LENGTH) {
    const got = v.SWAGBOARD_TOKEN_SECRET === undefined ? 'nothing' : `${v.SWAGBOARD_TOKEN_SECRET.length} characters`;
    problems.push(
      `invalid SWAGBOARD_TOKEN_SECRET; expected at least ${TOKEN_SECRET_MIN_LENGTH} characters because SWAGBOARD_AUTH is "required", got ${got}`,
    );
  }
  if (v.SWAGBOARD_METRICS_PORT !== 0 && v.SWAGBOARD_METRICS_PORT === v.SWAGBOARD_PORT) {
    problems.push(
      `invalid SWAGBOARD_METRICS_PORT; expected a port other than SWAGBOARD_PORT, so /metrics stays off the client-facing port, got ${v.SWAGBOARD_METRICS_PORT}`,
    );
  }
  if (v.SWAGBOARD_HARD_QUEUE_BYTES < v.SWAGBOARD_SOFT_QUEUE_BYTES) {
    problems.push(
      `invalid SWAGBOARD_HARD_QUEUE_BYTES; expected at least SWAGBOARD_SOFT_QUEUE_BYTES (${v.SWAGBOARD_SOFT_QUEUE_BYTES}), got ${v.SWAGBOARD_HARD_QUEUE_BYTES}`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: v.SWAGBOARD_PORT,
    metricsPort: v.SWAGBOARD_METRICS_PORT,
    replica: v.SWAGBOARD_REPLICA,
    databaseUrl: v.SWAGBOARD_DATABASE_URL as string,
    bus: v.SWAGBOARD_BUS,
    redisUrl: v.SWAGBOARD_REDIS_URL,
    natsUrl: v.SWAGBOARD_NATS_URL,
    logLevel: v.SWAGBOARD_LOG_LEVEL,
    maxFrameBytes: v.SWAGBOARD_MAX_FRAME_BYTES,
    otlpEndpoint: v.OTEL_EXPORTER_OTLP_ENDPOINT,
    auth: v.SWAGBOARD_AUTH,
    tokenSecret: v.SWAGBOARD_TOKEN_SECRET,
    tokenTtlSeconds: v.SWAGBOARD_TOKEN_TTL_SECONDS,
    sessionTtlSeconds: v.SWAGBOARD_SESSION_TTL_SECONDS,
    resumeWindow: v.SWAGBOARD_RESUME_WINDOW,
    softQueueBytes: v.SWAGBOARD_SOFT_QUEUE_BYTES,
    hardQueueBytes: v.SWAGBOARD_HARD_QUEUE_BYTES,
    ratePerSecond: v.SWAGBOARD_RATE_PER_SECOND,
    rateBurst: v.SWAGBOARD_RATE_BURST,
    userRatePerSecond: v.SWAGBOARD_USER_RATE_PER_SECOND,
    userRateBurst: v.SWAGBOARD_USER_RATE_BURST,
    maxConnections: v.SWAGBOARD_MAX_CONNECTIONS,
    drainSeconds: v.SWAGBOARD_DRAIN_SECONDS,
    presenceHeartbeatMs: v.SWAGBOARD_PRESENCE_HEARTBEAT_MS,
    presenceCoalesceMs: v.SWAGBOARD_PRESENCE_COALESCE_MS,
    maxPendingWrites: v.SWAGBOARD_MAX_PENDING_WRITES,
    tracesExporters: v.OTEL_TRACES_EXPORTER,
    zipkinEndpoint: v.OTEL_EXPORTER_ZIPKIN_ENDPOINT,
    tracesSampler: v.OTEL_TRACES_SAMPLER,
    tracesSamplerArg: v.OTEL_TRACES_SAMPLER_ARG,
  };
}
