import { resolve } from 'node:path';
import { build } from 'esbuild';
import vm from 'node:vm';
import { ExitCode, RunError } from '../exit-codes.ts';
import { makeBlockingCallsAwait } from './blocking-transform.ts';

export interface CompiledScript {
  path: string;
  /** Evaluates to `function (module, exports, require, open)` in any context. */
  script: vm.Script;
}

/**
 * Bundles a k6 script (JS or TS, with its relative imports) into one CommonJS
 * function. `k6` and `k6/*` stay external: the runner supplies them per VU.
 * Remote (https://) imports stay external too and fail at require time unless
 * the runner has a local stand-in.
 */
export async function compileScript(scriptPath: string): Promise<CompiledScript> {
  const path = resolve(scriptPath);
  let code: string;
  try {
    const out = await build({
      entryPoints: [path],
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'neutral',
      target: 'es2023',
      mainFields: ['module', 'main'],
      external: ['k6', 'k6/*', 'https://*', 'http://*'],
      sourcemap: 'inline',
      logLevel: 'silent',
    });
    code = out.outputFiles[0]?.text ?? '';
  } catch (e) {
    throw new RunError(`could not load script ${scriptPath}: ${(e as Error).message}`, ExitCode.scriptException);
  }
  try {
    code = makeBlockingCallsAwait(code).code;
  } catch (e) {
    throw new RunError(
      `could not prepare script ${scriptPath} (blocking calls → awaits): ${(e as Error).message}`,
      ExitCode.scriptException,
    );
  }
  // Kept on the first line so stack-trace line numbers match the bundle.
  const wrapped = `(function (module, exports, require, open) {${code}\n})`;
  return { path, script: new vm.Script(wrapped, { filename: path }) };
}
