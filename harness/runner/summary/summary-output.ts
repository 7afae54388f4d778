import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { SummaryData } from '../../../reports/results.ts';
import type { LogFn } from '../logger.ts';
import type { Vu } from '../script/vu.ts';
import { textSummary, type TextSummaryOptions } from './text-summary.ts';

export interface SummaryOutput {
  stdout: string;
  stderr: string;
  files: string[];
}

/**
 * Produces the end-of-test output: handleSummary's map when the script exports
 * it (`stdout`/`stderr` keys print, other keys are file paths), else the text
 * summary. A failing handleSummary is logged and falls back to the text
 * summary, as k6 does.
 */
export async function produceSummaryOutput(
  data: SummaryData,
  vu: Vu | undefined,
  outputDir: string,
  log: LogFn,
  text: Pick<TextSummaryOptions, 'summaryMode' | 'breakdown'> = {},
): Promise<SummaryOutput> {
  const fallback = (): SummaryOutput => ({
    stdout: textSummary(data, { indent: ' ', enableColors: data.state.isStdOutTTY && !data.options.noColor, ...text }),
    stderr: '',
    files: [],
  });
  if (!vu || typeof vu.exports.handleSummary !== 'function') return fallback();
  try {
    const { value, timedOut } = await vu.callLifecycle('handleSummary', data, 120_000);
    if (timedOut) throw new Error('handleSummary() timed out');
    if (!value || typeof value !== 'object')
      throw new Error('handleSummary() must return an object of output → content');
    const out: SummaryOutput = { stdout: '', stderr: '', files: [] };
    for (const [key, content] of Object.entries(value as Record<string, unknown>)) {
      const text =
        typeof content === 'string'
          ? content
          : content instanceof ArrayBuffer
            ? Buffer.from(content)
            : JSON.stringify(content);
      if (key === 'stdout') out.stdout += text.toString();
      else if (key === 'stderr') out.stderr += text.toString();
      else {
        const path = resolve(outputDir, key);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
        out.files.push(path);
      }
    }
    return out;
  } catch (e) {
    log('error', `handleSummary failed, printing the default summary instead: ${(e as Error).message ?? e}`, {});
    return fallback();
  }
}
