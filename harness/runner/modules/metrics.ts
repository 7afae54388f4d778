import type { VuApi } from '../script/vu-api.ts';
import type { Contains, MetricType } from '../metrics/types.ts';
import { stringTags } from './k6-core.ts';

/** `k6/metrics`: custom Counter, Gauge, Rate, Trend (declared in the init context, as k6 requires). */
export function createMetricsModule(vu: VuApi) {
  const make = (type: MetricType) =>
    class CustomMetric {
      readonly name: string;
      constructor(name: string, isTime = false) {
        if (!vu.inInit)
          throw new Error(`metric "${name}" must be created in the init context (top level of the script)`);
        const contains: Contains = isTime === true ? 'time' : 'default';
        vu.services.registry.define(String(name), type, contains);
        this.name = String(name);
      }
      add(value: number | boolean, tags?: Record<string, unknown>): boolean {
        if (vu.inInit) throw new Error(`metric "${this.name}": add() is not allowed in the init context`);
        const v = typeof value === 'boolean' ? Number(value) : Number(value);
        if (!Number.isFinite(v)) return false;
        vu.emit(this.name, v, vu.tags(stringTags(tags)));
        return true;
      }
    };
  return { Counter: make('counter'), Gauge: make('gauge'), Rate: make('rate'), Trend: make('trend') };
}
