// `swaglab compare`: Redis vs NATS, from a fresh matrix of runs or from earlier ones.
import type { Command } from 'commander';
import { compareRuns } from '../../reports/compare/analyse.ts';
import { readRuns, runMatrix, writeComparison } from '../run/run-compare.ts';
import { abortOnInterrupt, fail, progress } from './output.ts';
import { integerIn, keyValue } from './options.ts';

const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function registerCompareCommand(program: Command): void {
  program
    .command('compare [runs...]')
    .description(
      'compare Redis and NATS: run a matrix (--scenarios …) or read earlier runs (directories, default every run in reports/runs)',
    )
    .option('--scenarios <list>', 'run these scenarios (comma-separated) on each bus instead of reading runs')
    .option('--buses <list>', 'buses to run', 'redis,nats')
    .option('--replicas <list>', 'replica counts to run (comma-separated)', '3')
    .option('--repeat <n>', 'runs per cell, at least 2 to see noise', integerIn(1, 20), 2)
    .option('-p, --plan <plan>', "chaos plan for every run ('none' for none; default: each scenario's)")
    .option('-e, --env <KEY=VALUE>', 'environment for the scripts (repeatable)', keyValue)
    .option('-o, --out <dir>', 'where to write the comparison (default reports/runs/<time>-compare)')
    .action(
      async (
        dirs: string[],
        flags: {
          scenarios?: string;
          buses: string;
          replicas: string;
          repeat: number;
          plan?: string;
          env?: Record<string, string>;
          out?: string;
        },
      ) => {
        const buses = list(flags.buses);
        if (buses.some((b) => b !== 'redis' && b !== 'nats'))
          fail(`invalid --buses; expected redis and/or nats, got "${flags.buses}"`);
        const runs = flags.scenarios
          ? await runMatrix(
              {
                scenarios: list(flags.scenarios),
                buses: buses as Array<'redis' | 'nats'>,
                replicas: list(flags.replicas).map((r) => integerIn(1, 12)(r)),
                repeat: flags.repeat,
                env: flags.env ?? {},
                plan: flags.plan,
              },
              { log: progress, signal: abortOnInterrupt() },
            )
          : await readRuns(dirs);
        if (runs.length === 0) fail('no runs to compare; give run directories or --scenarios to run some');
        const written = await writeComparison(runs, flags.out);
        for (const group of compareRuns(runs))
          for (const m of group.measures) progress(`${group.scenario}: ${m.sentence}`);
        console.log(written.html);
      },
    );
}
