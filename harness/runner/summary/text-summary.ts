import type { SummaryData } from '../../../reports/results.ts';
import { compactTextSummary, type Breakdown } from './compact-summary.ts';
import { legacyTextSummary } from './legacy-summary.ts';

export { failedThresholds } from './legacy-summary.ts';

export const SUMMARY_MODES = ['compact', 'full', 'legacy'] as const;
export type SummaryMode = (typeof SUMMARY_MODES)[number];

export interface TextSummaryOptions {
  indent?: string;
  enableColors?: boolean;
  /** k6's --summary-mode: compact (the default since k6 v1), full, or legacy (the pre-1.0 layout). */
  summaryMode?: SummaryMode;
  /** full mode: metrics per group and per scenario (the runner collects them; handleSummary data does not carry them). */
  breakdown?: Breakdown;
}

/** The end-of-test text, as k6 prints it and as jslib's k6-summary `textSummary(data, opts)` renders it. */
export function textSummary(data: SummaryData, opts: TextSummaryOptions = {}): string {
  const mode = opts.summaryMode ?? 'compact';
  if (!SUMMARY_MODES.includes(mode))
    throw new Error(`invalid summary mode; expected one of ${SUMMARY_MODES.join(', ')}, got "${String(mode)}"`);
  return mode === 'legacy'
    ? legacyTextSummary(data, opts)
    : compactTextSummary(data, { ...opts, full: mode === 'full' });
}
