#!/usr/bin/env node
import { Command } from 'commander';
import { ensureImages } from '../images/ensure-images.ts';
import { ALL_IMAGES } from '../images/image-catalogue.ts';
import { removeLab, startLab } from '../lab/index.ts';
import { suiteNames } from '../run/run-suite.ts';
import { listScenarios } from '../run/scenario-list.ts';
import { abortOnInterrupt, fail, progress } from './output.ts';
import { integerIn, keyValue } from './options.ts';
import { printLab, printStatus } from './print-lab.ts';
import { labSpecFrom, topologyOptions, type TopologyFlags } from './topology-options.ts';
import { runCommand, type RunFlags } from './run-command.ts';
import { registerCompareCommand } from './compare-command.ts';
import { registerChaosCommands } from './chaos-command.ts';
import { registerLabCommands } from './lab-commands.ts';
import { registerBoardCommand } from './board-command.ts';
import { registerCheckScriptsCommand } from './check-scripts-command.ts';
import { registerConsoleCommand } from './console-command.ts';
import { targetLab } from './target-lab.ts';
import { startDetachedConsole } from '../console/detached-console.ts';
import { parseBaselineFlag } from '../cost/baseline.ts';

const program = new Command('swaglab')
  .description('SwagBoard Lab: real-time backend topologies under load and faults, measured and reported.')
  .showHelpAfterError('(run with --help for usage)')
  .configureOutput({ outputError: (text, write) => write(`swaglab: ${text.replace(/^error: /, '')}`) });

program
  .command('images')
  .description('build (or confirm) every lab image from compose/ and server/')
  .action(async () => {
    const tags = await ensureImages(ALL_IMAGES, progress);
    for (const [name, tag] of Object.entries(tags)) console.log(`${name.padEnd(11)} ${tag}`);
  });

topologyOptions(program.command('up'))
  .description('start a lab that keeps running until `swaglab down`, print where everything is, and serve its console')
  .option('--no-console', 'do not start the live console (`swaglab console` starts one later)')
  .option('--console-port <n>', 'port of the console (default: a free one)', integerIn(0, 65535), 0)
  .action(async (flags: TopologyFlags & { console: boolean; consolePort: number }) => {
    const lab = await startLab(
      { ...labSpecFrom(flags), lifetime: 'detached' },
      { log: progress, signal: abortOnInterrupt() },
    );
    printLab(lab);
    if (flags.console) {
      const served = await startDetachedConsole(lab.id, { host: flags.listen, port: flags.consolePort });
      console.log(`console     ${served.url}  (ends with \`swaglab down\`; log ${served.logFile})`);
    }
    await lab.release();
  });

program
  .command('status')
  .description('replicas, connections per replica, links and active toxics of a running lab')
  .option('--lab <id>', 'lab id (default: the newest running lab)')
  .action(async (flags: { lab?: string }) => printStatus(await (await targetLab(flags.lab)).status()));

program
  .command('down')
  .description('stop a lab and remove every container and network it made')
  .option('--lab <id>', 'lab id (default: the newest running lab)')
  .option('--all', 'remove every lab on this machine, including leftovers of crashed runs')
  .action(async (flags: { lab?: string; all?: boolean }) => {
    if (flags.all) {
      const removed = await removeLab();
      progress(`removed ${removed.containers} containers and ${removed.networks} networks`);
      return;
    }
    const lab = await targetLab(flags.lab, { hold: false });
    await lab.stop();
    progress(`lab ${lab.id} removed`);
  });

for (const action of ['kill', 'stop', 'pause', 'unpause', 'restart'] as const) {
  const what = {
    kill: 'SIGKILL (crash)',
    stop: 'SIGTERM (graceful drain)',
    pause: 'freeze',
    unpause: 'unfreeze',
    restart: 'start again',
  }[action];
  program
    .command(`${action} <replica>`)
    .description(`${what} a replica of a running lab, e.g. \`swaglab ${action} replica-2\``)
    .option('--lab <id>', 'lab id (default: the newest running lab)')
    .action(async (replica: string, flags: { lab?: string }) => {
      await (await targetLab(flags.lab)).replica(replica)[action]();
      progress(`${replica}: ${action} done`);
    });
}

topologyOptions(program.command('run [scenario-or-suite]'))
  .description(
    `run a k6 scenario or a suite (default: the ci suite) against a fresh lab (or --lab), then write the HTML report and JUnit`,
  )
  .option('--vus <n>', 'virtual users, passed to the scenario as __ENV.VUS', integerIn(1, 100000))
  .option('--duration <d>', 'duration (e.g. 30s, 2m), passed to the scenario as __ENV.DURATION')
  .option('-e, --env <KEY=VALUE>', 'environment for the script, as __ENV (repeatable)', keyValue)
  .option('-p, --plan <plan>', "chaos plan played during the run (a name in chaos/plans or a file; 'none' for no plan)")
  .option('--lab <id>', 'run against a lab started with `swaglab up` instead of a fresh one')
  .option('-o, --out <dir>', 'where to write results (default reports/runs/<run-id>)')
  .option(
    '--baseline <duration|off>',
    "idle lab measured before the scenario, so fixed costs are not charged to events (default: the run's duration, at most 15s)",
    parseBaselineFlag,
  )
  .option(
    '--instances <n>',
    "split the test across n runner processes with k6's execution segments (as k6-operator's parallelism); the report merges them",
    integerIn(1, 16),
  )
  .addHelpText(
    'after',
    `\nScenarios: ${listScenarios().join(', ')} (or a path to any k6 script).\nSuites: ${suiteNames().join(', ')}.\nDefaults per scenario (replicas, plan, env) come from scenarios/suites.yaml; flags win.\nExit code: 0 passed, 99 a threshold failed, other values an error.`,
  )
  .action(async (scenario: string | undefined, flags: RunFlags, command: Command) =>
    runCommand(scenario ?? 'ci', flags, command),
  );

program
  .command('scenarios')
  .description('list the scenarios in scenarios/')
  .action(() => console.log(listScenarios().join('\n')));

registerLabCommands(program);
registerChaosCommands(program);
registerConsoleCommand(program);

registerCompareCommand(program);

registerBoardCommand(program);
registerCheckScriptsCommand(program);

program.parseAsync().catch((error: Error) => fail(error.message, 1));
