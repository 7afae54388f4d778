import {
  context,
  isSpanContextValid,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { SwagError } from './errors.ts';
import type { Config } from './config.ts';
import type { Logger } from './log.ts';

/**
 * Spans are manual because auto-instrumentation patches require() and does not survive bundling.
 * Without an SDK the API below is a no-op, which is the default: nothing leaves the process
 * unless OTEL_TRACES_EXPORTER (e.g. zipkin) or OTEL_EXPORTER_OTLP_ENDPOINT is set.
 */
const tracer = trace.getTracer('swagboard-server');

export { SpanKind };

export type TraceCarrier = Record<string, string>;

/**
 * Attributes, or a function that builds them: called only when the span records (is sampled), so an unsampled
 * span on the hot path costs no attribute object.
 */
export type SpanAttributes = Attributes | (() => Attributes);

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: SpanAttributes;
  parent?: Context;
}

/**
 * Starts a span and reports whether work must run inside its context. With no SDK (the no-op tracer) the span
 * has no valid context: there is nothing to record or propagate, so no context work is done at all. An unsampled
 * span of a running SDK keeps its context, so children and bus messages carry its "not sampled" decision.
 */
function start(name: string, options: SpanOptions): { span: Span; parent: Context; traced: boolean } {
  const parent = options.parent ?? context.active();
  const span = tracer.startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL }, parent);
  if (span.isRecording()) {
    const { attributes } = options;
    if (attributes) span.setAttributes(typeof attributes === 'function' ? attributes() : attributes);
    return { span, parent, traced: true };
  }
  return { span, parent, traced: isSpanContextValid(span.spanContext()) };
}

export async function withSpan<T>(name: string, options: SpanOptions, work: () => Promise<T>): Promise<T> {
  const { span, parent, traced } = start(name, options);
  if (!traced) return work();
  return context.with(trace.setSpan(parent, span), async () => {
    try {
      return await work();
    } catch (error) {
      // A client's mistake is an outcome, not a server fault: tag it, keep the span's status unset.
      if (error instanceof SwagError && error.status < 500) {
        span.setAttribute('swagboard.error_code', error.code);
      } else {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The synchronous twin of withSpan, for the fan-out's hot path (no promise per event). */
export function withSpanSync<T>(name: string, options: SpanOptions, work: () => T): T {
  const { span, parent, traced } = start(name, options);
  if (!traced) return work();
  return context.with(trace.setSpan(parent, span), () => {
    try {
      return work();
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** W3C trace context of the active span, to travel inside a bus message; undefined when there is none (no SDK). */
export function injectTraceContext(): TraceCarrier | undefined {
  const active = trace.getSpanContext(context.active());
  if (!active || !isSpanContextValid(active)) return undefined;
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

export function extractTraceContext(carrier: TraceCarrier | undefined): Context {
  return carrier ? propagation.extract(context.active(), carrier) : context.active();
}

export interface Tracing {
  shutdown(): Promise<void>;
}

type NodeSdkOptions = NonNullable<ConstructorParameters<typeof import('@opentelemetry/sdk-node').NodeSDK>[0]>;

/** A span processor, as the SDK takes it; tests pass one that records spans in memory. */
export type SpanProcessor = NonNullable<NodeSdkOptions['spanProcessors']>[number];

export interface TracingOptions {
  /** Replace the configured exporter: spans go to these processors only. */
  spanProcessors?: SpanProcessor[];
}

/** The tracing part of the server's config (server/config.ts). */
export type TracingSettings = Pick<
  Config,
  'otlpEndpoint' | 'tracesExporters' | 'zipkinEndpoint' | 'tracesSampler' | 'tracesSamplerArg'
>;

/**
 * Starts the OpenTelemetry NodeSDK (W3C propagation, async-hooks context) when an exporter is configured or
 * span processors are given; otherwise tracing stays a no-op. The SDK itself reads the standard OTEL_* env
 * (OTEL_TRACES_EXPORTER=zipkin with OTEL_EXPORTER_ZIPKIN_ENDPOINT, or OTLP; OTEL_TRACES_SAMPLER[_ARG]),
 * which config.ts has validated; the bundle carries its Zipkin exporter.
 */
export async function startTracing(
  settings: TracingSettings | undefined,
  log: Logger,
  options: TracingOptions = {},
): Promise<Tracing> {
  const exporters = settings?.tracesExporters ?? (settings?.otlpEndpoint ? ['otlp'] : []);
  const exporting = exporters.length > 0 && !exporters.includes('none');
  if (!exporting && !options.spanProcessors) return { shutdown: async () => undefined };
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  const sdk = new NodeSDK({
    serviceName: 'swagboard-server',
    instrumentations: [],
    metricReaders: [],
    logRecordProcessors: [],
    ...(options.spanProcessors ? { spanProcessors: options.spanProcessors } : {}),
  });
  sdk.start();
  if (options.spanProcessors) {
    log.info({ processors: options.spanProcessors.length }, 'tracing to the given span processors');
  } else {
    const { otlpEndpoint, zipkinEndpoint, tracesSampler, tracesSamplerArg } = settings ?? {};
    log.info(
      {
        exporters,
        otlpEndpoint,
        zipkinEndpoint,
        sampler: tracesSampler ?? 'parentbased_always_on',
        ratio: tracesSamplerArg,
      },
      `tracing exports to ${exporters.join(', ')}`,
    );
  }
  return { shutdown: () => sdk.shutdown() };
}
