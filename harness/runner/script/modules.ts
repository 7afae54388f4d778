import { createCryptoModule } from '../modules/crypto.ts';
import { createDataModule } from '../modules/data.ts';
import { createEncodingModule } from '../modules/encoding.ts';
import { createExecutionModule } from '../modules/execution.ts';
import { createHttpModule } from '../modules/http.ts';
import { createK6Module } from '../modules/k6-core.ts';
import { createMetricsModule } from '../modules/metrics.ts';
import { createTimersModule } from '../modules/timers.ts';
import { createWebSocketsModule } from '../modules/websockets.ts';
import { textSummary, type TextSummaryOptions } from '../summary/text-summary.ts';
import type { VuApi } from './vu-api.ts';

const FACTORIES: Record<string, (vu: VuApi) => object> = {
  k6: createK6Module,
  'k6/metrics': createMetricsModule,
  'k6/timers': createTimersModule,
  'k6/websockets': createWebSocketsModule,
  'k6/experimental/websockets': createWebSocketsModule,
  'k6/http': createHttpModule,
  'k6/execution': createExecutionModule,
  'k6/data': createDataModule,
  'k6/encoding': createEncodingModule,
  'k6/crypto': createCryptoModule,
};

export const SUPPORTED_MODULES = Object.keys(FACTORIES);

/** A `require` for one VU: each VU gets its own module instances. */
export function createRequire(vu: VuApi): (name: string) => unknown {
  const cache = new Map<string, unknown>();
  return (name: string) => {
    const cached = cache.get(name);
    if (cached) return cached;
    let mod: unknown;
    const factory = FACTORIES[name];
    if (factory) mod = factory(vu);
    // Scripts commonly import k6's text summary helper from jslib; serve our own.
    else if (/^https:\/\/jslib\.k6\.io\/k6-summary\//.test(name)) mod = { textSummary: jslibTextSummary(name) };
    else {
      throw new Error(
        `module "${name}" is not supported by the swaglab runner; supported: ${SUPPORTED_MODULES.join(', ')}, and jslib k6-summary`,
      );
    }
    cache.set(name, mod);
    return mod;
  };
}

/** jslib k6-summary 0.0.x renders k6's pre-1.0 layout, 0.1.0 and later the current one; an explicit summaryMode wins. */
function jslibTextSummary(url: string): typeof textSummary {
  const legacy = /\/k6-summary\/0\.0\./.test(url);
  return (data, opts: TextSummaryOptions = {}) =>
    textSummary(data, { summaryMode: legacy ? 'legacy' : 'compact', ...opts });
}
