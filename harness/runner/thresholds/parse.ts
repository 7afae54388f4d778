import { parseDuration } from '../../../reports/units/duration.ts';
import { parseMetricKey, type MetricKey } from '../metrics/metric-key.ts';
import { parsePercentileStat } from '../metrics/sinks.ts';

export type Operator = '<' | '<=' | '>' | '>=' | '==' | '===' | '!=';

export interface Threshold {
  /** The expression as written, e.g. "p(95)<200"; the summary reports it under this name. */
  source: string;
  stat: string;
  op: Operator;
  value: number;
  abortOnFail: boolean;
  delayAbortEvalMs: number;
}

export interface MetricThresholds extends MetricKey {
  thresholds: Threshold[];
}

const EXPR_RE =
  /^\s*(avg|min|max|med|count|rate|value|p\(\s*\d+(?:\.\d+)?\s*\))\s*(<=|>=|===|==|!=|<|>)\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*$/i;

function invalid(expr: unknown, key: string, why = ''): Error {
  const shown = typeof expr === 'string' ? expr : JSON.stringify(expr);
  return new Error(`invalid threshold "${shown}" for metric "${key}"${why}; expected e.g. "p(95)<200", "rate<0.01"`);
}

export function parseThresholdExpression(
  expr: string,
  key: string,
): Omit<Threshold, 'abortOnFail' | 'delayAbortEvalMs'> {
  const m = EXPR_RE.exec(expr);
  if (!m) throw invalid(expr, key);
  const stat = (m[1] as string).replace(/\s+/g, '').toLowerCase();
  if (stat.startsWith('p(') && parsePercentileStat(stat) === undefined)
    throw invalid(expr, key, ' (percentile must be 0-100)');
  return { source: expr, stat, op: m[2] as Operator, value: Number(m[3]) };
}

/** Parses `options.thresholds` (strings or `{threshold, abortOnFail, delayAbortEval}` objects). */
export function parseThresholds(raw: unknown): MetricThresholds[] {
  if (raw === undefined || raw === null) return [];
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new Error('invalid options.thresholds; expected an object of metric → [expressions]');
  const out: MetricThresholds[] = [];
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const parsedKey = parseMetricKey(key);
    const list = Array.isArray(value) ? value : [value];
    const thresholds = list.map((item): Threshold => {
      if (typeof item === 'string')
        return { ...parseThresholdExpression(item, key), abortOnFail: false, delayAbortEvalMs: 0 };
      if (item && typeof item === 'object' && typeof (item as { threshold?: unknown }).threshold === 'string') {
        const obj = item as { threshold: string; abortOnFail?: unknown; delayAbortEval?: unknown };
        return {
          ...parseThresholdExpression(obj.threshold, key),
          abortOnFail: obj.abortOnFail === true,
          delayAbortEvalMs:
            obj.delayAbortEval === undefined
              ? 0
              : parseDuration(obj.delayAbortEval, { bareUnit: 'ms', what: `delayAbortEval for "${key}"` }),
        };
      }
      throw invalid(item, key);
    });
    out.push({ ...parsedKey, thresholds });
  }
  return out;
}
