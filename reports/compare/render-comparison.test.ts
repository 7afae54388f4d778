import { describe, expect, it } from 'vitest';
import { hostileResults, sampleResults, HOSTILE } from '../testdata/sample-results.ts';
import { renderComparison, COMPARISON_SCRIPT_ID } from './render-comparison.ts';

describe('renderComparison', () => {
  it('renders both buses with a conclusion, self-contained, data embedded', () => {
    const redis = sampleResults();
    const nats = sampleResults();
    nats.settings.bus = 'nats';
    nats.runId = 'other';
    const page = renderComparison([redis, redis, nats, nats]);
    expect(page).toContain('id="conclusion"');
    expect(page).toContain(`id="${COMPARISON_SCRIPT_ID}"`);
    expect(page).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
    expect(page).toMatch(/<svg class="chart bars"/);
  });

  it('escapes hostile text', () => {
    const page = renderComparison([hostileResults()]);
    expect(page).not.toContain(HOSTILE);
  });
});
