import { describe, expect, it } from 'vitest';
import { capacitySummary } from '../../knee/capacity-summary.ts';
import { findKnee } from '../../knee/find-knee.ts';
import { sampleResults, HOSTILE } from '../../testdata/sample-results.ts';
import { kneeSentence, renderKnee } from './knee.ts';

describe('knee section', () => {
  const knee = findKnee(
    capacitySummary([
      { offered: 20, ackP99: 9 },
      { offered: 40, ackP99: 14 },
      { offered: 80, ackP99: 12, refused: 5 },
    ]),
  )!;

  it('says how far the board held and why it broke', () => {
    expect(kneeSentence(knee)).toBe(
      'Held up to 40 writes/s (1,120 deliveries/s, 28 sessions on the board) at step 2; broke at step 3 (80 writes/s, 28 sessions) because 5 writes refused (E_BOARD_BUSY).',
    );
    const none = findKnee(capacitySummary([{ offered: 20, ackP99: 90, crossP99: 20 }]))!;
    expect(kneeSentence(none)).toMatch(/^No step held.*broke at step 1 .* because ack p99 90.0 ms > 50 ms\.$/);
  });

  it('names the blips below the break and marks their rows, and says the rule', () => {
    const blipped = findKnee(
      capacitySummary(
        [
          { offered: 20, ackP99: 9 },
          { offered: 30, ackP99: 68 },
          { offered: 45, ackP99: 12 },
          { offered: 68, ackP99: 70 },
          { offered: 101, ackP99: 90 },
        ],
        { breaksToStop: 2 },
      ),
    )!;
    expect(kneeSentence(blipped)).toMatch(
      /^Held up to 45 writes\/s .* at step 3; broke at step 4 .*\. One step below broke alone and a higher load held after it, so it was a blip of the machine, not the ceiling: step 2 \(30 writes\/s: ack p99 68\.0 ms > 50 ms\)\.$/,
    );
    const page = renderKnee({ ...sampleResults(), knee: blipped }).value;
    expect(page).toContain('blip: ack p99 68.0 ms &gt; 50 ms');
    expect(page).toContain('broke: ack p99 70.0 ms &gt; 50 ms');
    expect(page).toContain('the first of 2 broken steps in a row');
    expect(renderKnee({ ...sampleResults(), knee }).value).toContain('The first broken step is the break.');
  });

  it('renders a row per step run, and nothing for runs without a knee', () => {
    const results = { ...sampleResults(), knee };
    const page = renderKnee(results).value;
    expect(page.match(/<tr class="(ok|fail)">/g)).toEqual(['<tr class="ok">', '<tr class="ok">', '<tr class="fail">']);
    expect(page).toContain('broke: 5 writes refused (E_BOARD_BUSY)');
    expect(page).not.toContain('Over the whole run');
    expect(renderKnee(sampleResults()).value).toBe('');
  });

  it('repeats the whole-run cost and escapes text from the results', () => {
    const withCost = {
      ...knee,
      cost: {
        scope: 'whole-run' as const,
        perDelivery: { sutMs: 0.31, labMs: 0.9, totalMs: 1.21 },
        perWrite: { sutMs: 9, labMs: 20, totalMs: 29 },
      },
      brokeAt: { ...knee.brokeAt!, reasons: [HOSTILE] },
    };
    const page = renderKnee({ ...sampleResults(), knee: withCost }).value;
    expect(page).toContain(
      'Over the whole run (this run has no per-step timeline; warm-up and every step included): 1.21 CPU-ms per delivered event (system under test 0.31)',
    );
    const stepCost = { ...withCost, cost: { ...withCost.cost, scope: 'step' as const } };
    expect(renderKnee({ ...sampleResults(), knee: stepCost }).value).toContain(
      'At the held step (its own window, net of the idle rate): 1.21 CPU-ms',
    );
    expect(page).not.toContain(HOSTILE);
  });
});
