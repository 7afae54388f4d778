import { context, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Context } from "@opentelemetry/api";
import { SwagError } from "./errors.ts";
import type { Config } from "./config.ts";
import type { Logger } from "./log.ts";

/**
 * Spans are manual because auto-instrumentation patches require() and does not survive bundling.
 * Without an SDK the API below is a no-op, which is the default: nothing leaves the process
 * unless OTEL_TRACES_EXPORTER (e.g. zipkin) or OTEL_EXPORTER_OTLP_ENDPOINT is set.
 */
const tracer = trace.getTracer("swagboard-server");

export { SpanKind };

export type TraceCarrier = Record<string, string>;

export async function withSpan<T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Attributes; parent?: Context },
  work: () => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes }, options.parent ?? context.active(), async (span) => {
    try {
      return await work();
    } catch (error) {
      // A client's mistake is an outcome, not a server fault: tag it, keep the span's status unset.
      if (error instanceof SwagError && error.status < 500) {
        span.setAttribute("swagboard.error_code", error.code);
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
export function withSpanSync<T>(name: string, options: { kind?: SpanKind; attributes?: Attributes }, work: () => T): T {
  return tracer.startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes }, (span) => {
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

/** W3C trace context of the active span, to travel inside a bus message. */
export function injectTraceContext(): TraceCarrier {
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

type NodeSdkOptions = NonNullable<ConstructorParameters<typeof import("@opentelemetry/sdk-node").NodeSDK>[0]>;

/** A span processor, as the SDK takes it; tests pass one that records spans in memory. */
export type SpanProcessor = NonNullable<NodeSdkOptions["spanProcessors"]>[number];

export interface TracingOptions {
  /** Replace the configured exporter: spans go to these processors only. */
  spanProcessors?: SpanProcessor[];
}

/** The tracing part of the server's config (server/config.ts). */
export type TracingSettings = Pick<Config, "otlpEndpoint" | "tracesExporters" | "zipkinEndpoint" | "tracesSampler" | "tracesSamplerArg">;

/**
 * Starts the OpenTelemetry NodeSDK (W3C propagation, async-hooks context) when an exporter is configured or
 * span processors are given; otherwise tracing stays a no-op. The SDK itself reads the standard OTEL_* env
 * (OTEL_TRACES_EXPORTER=zipkin with OTEL_EXPORTER_ZIPKIN_ENDPOINT, or OTLP; OTEL_TRACES_SAMPLER[_ARG]),
 * which config.ts has validated; the bundle carries its Zipkin exporter.
 */
export async function startTracing(settings: TracingSettings | undefined, log: Logger, options: TracingOptions = {}): Promise<Tracing> {
  const exporters = settings?.tracesExporters ?? (settings?.otlpEndpoint ? ["otlp"] : []);
  const exporting = exporters.length > 0 && !exporters.includes("none");
  if (!exporting && !options.spanProcessors) return { shutdown: async () => undefined };
  const { NodeSDK } = await import("@opentelemetry/sdk-node");
  const sdk = new NodeSDK({
    serviceName: "swagboard-server",
    instrumentations: [],
    metricReaders: [],
    logRecordProcessors: [],
    ...(options.spanProcessors ? { spanProcessors: options.spanProcessors } : {}),
  });
  sdk.start();
  if (options.spanProcessors) {
    log.info({ processors: options.spanProcessors.length }, "tracing to the given span processors");
  } else {
    const { otlpEndpoint, zipkinEndpoint, tracesSampler, tracesSamplerArg } = settings ?? {};
    log.info({ exporters, otlpEndpoint, zipkinEndpoint, sampler: tracesSampler ?? "parentbased_always_on", ratio: tracesSamplerArg }, `tracing exports to ${exporters.join(", ")}`);
  }
  return { shutdown: () => sdk.shutdown() };
}
