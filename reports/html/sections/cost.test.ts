import { describe, expect, it } from 'vitest';
import { runResultsSchema } from '../../results-schema.ts';
import { costSample, resultsWithCost } from '../../testdata/cost-results.ts';
import { sampleResults } from '../../testdata/sample-results.ts';
import { renderReport } from '../render-report.ts';
import { costRows, renderCost } from './cost.ts';
import { renderVerdict } from './verdict.ts';

describe('cost section', () => {
  const page = renderCost(resultsWithCost()).value;

  it('orders components by role, busiest first, with subtotals', () => {
    const { roles, total } = costRows(costSample());
    expect(roles.map((r) => r.members.map((m) => m.name))).toEqual([
      ['postgres', 'replica-2', 'replica-1', 'redis'],
      ['runner', 'toxiproxy', 'prometheus', 'haproxy'],
    ]);
    expect(roles[0]!.subtotal.cpuSeconds).toBeCloseTo(1.174, 9);
    expect(total.idleCpuSeconds).toBeCloseTo(0.532, 9);
  });

  it('shows run, idle and net CPU, net CPU-ms per delivery and peak memory per component', () => {
    // replica-1: 0.403 run, 0.141 idle, 0.262 net; 262 ms / 297 deliveries = 0.882 ms
    expect(page).toMatch(
      /<th scope="row">replica-1<\/th><td>SUT<\/td><td>0.403<\/td><td>0.141<\/td><td>0.262<\/td><td>0.882<\/td><td>164.6 MiB<\/td>/,
    );
    expect(page).toContain('<strong>system under test</strong>');
    expect(page).toContain('whole lab');
  });

  it('gives per-delivery and per-write figures, the lab share, the runner share and the direct links', () => {
    expect(page).toContain(
      'Per delivery (297 deliveries): <strong>6.32 CPU-ms</strong> — system under test 2.853, lab 3.467',
    );
    expect(page).toContain('Per write (90 writes): <strong>20.859 CPU-ms</strong>');
    expect(page).toContain('<strong>54.9 %</strong>');
    expect(page).toContain('The runner used 4.5 % of one core');
    expect(page).toContain('2 of 3 through Toxiproxy; direct: client.edge.');
    expect(page).toContain('swagboard_changes_committed_total');
  });

  it('says so when nothing was delivered, or no baseline was measured', () => {
    const quiet = renderCost(resultsWithCost({ deliveries: 0, baseline: undefined })).value;
    expect(quiet).toContain('No deliveries counted in the window');
    expect(quiet).toContain('No idle baseline was measured');
  });

  it('is absent from runs recorded before cost accounting, and is in the report with a nav link', () => {
    expect(renderCost(sampleResults()).value).toBe('');
    const report = renderReport(resultsWithCost());
    expect(report).toContain('<a href="#cost">Cost</a>');
    expect(report).toContain('<section id="cost">');
  });

  it('validates against the results schema', () => {
    expect(runResultsSchema.safeParse(resultsWithCost()).success).toBe(true);
    expect(
      runResultsSchema.safeParse({ ...resultsWithCost(), cost: { ...costSample(), labShare: 'half' } }).success,
    ).toBe(false);
  });
});

describe('runner load warning', () => {
  it('appears in the verdict when the runner passes 80 % of a core, and only then', () => {
    const busy = renderVerdict(resultsWithCost({ runnerCoreShare: 0.86 })).value;
    expect(busy).toContain('the figures measure the load generator');
    expect(busy).toContain('86 % of one core');
    expect(renderVerdict(resultsWithCost({ runnerCoreShare: 0.5 })).value).not.toContain('load generator');
    expect(renderVerdict(sampleResults()).value).not.toContain('load generator');
  });
});
