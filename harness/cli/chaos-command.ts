import { Command, InvalidArgumentError, Option } from 'commander';
import { loadPlan, playPlan, shippedPlans } from '../../chaos/index.ts';
import { describeToxics, TOXIC_TYPES, type Fault } from '../lab/index.ts';
import { FaultSeriesWriter } from '../run/fault-series-writer.ts';
import { abortOnInterrupt, progress } from './output.ts';
import { targetLab } from './target-lab.ts';

const STREAMS = {
  up: 'upstream',
  down: 'downstream',
  both: 'both',
  upstream: 'upstream',
  downstream: 'downstream',
} as const;

function numericAttribute(value: string, previous: Record<string, number> = {}): Record<string, number> {
  const match = /^([a-z_]+)=(.+)$/.exec(value);
  const number = Number(match?.[2]);
  if (!match || !Number.isFinite(number))
    throw new InvalidArgumentError(`expected NAME=NUMBER (e.g. latency=200), got "${value}"`);
  return { ...previous, [match[1]!]: number };
}

function fraction(value: string): number {
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError(`expected a fraction from 0 to 1, got "${value}"`);
  return n;
}

/** `swaglab chaos add|remove|list|reset|types|plans|play`. */
export function registerChaosCommands(program: Command): void {
  const chaos = program
    .command('chaos')
    .description('add and remove faults on the links of a running lab, or play a chaos plan');
  const labOption = () => new Option('--lab <id>', 'lab id (default: the newest running lab)');

  chaos
    .command('add <link> <toxic>')
    .description(
      'add a toxic to a link, e.g. `swaglab chaos add replica-2.bus latency --attr latency=200 --attr jitter=50`',
    )
    .addOption(
      new Option('--stream <direction>', 'up = towards the server, down = towards the client, both')
        .choices(Object.keys(STREAMS))
        .default('down'),
    )
    .option('--toxicity <fraction>', 'share of connections affected, 0 to 1', fraction, 1)
    .option('-a, --attr <name=value>', 'toxic attribute (repeatable); see `swaglab chaos types`', numericAttribute)
    .option('--name <name>', 'toxic name (default <toxic>_<stream>)')
    .addOption(labOption())
    .addHelpText('after', `\nToxics and their attributes (defaults):\n${describeToxics()}`)
    .action(
      async (
        link: string,
        toxic: string,
        flags: {
          stream: keyof typeof STREAMS;
          toxicity: number;
          attr?: Record<string, number>;
          name?: string;
          lab?: string;
        },
      ) => {
        if (!(TOXIC_TYPES as string[]).includes(toxic))
          throw new Error(`unknown toxic "${toxic}"; expected one of ${TOXIC_TYPES.join(', ')}`);
        const lab = await targetLab(flags.lab);
        const fault = {
          kind: 'toxic',
          link,
          toxic,
          stream: STREAMS[flags.stream],
          toxicity: flags.toxicity,
          attributes: flags.attr,
          name: flags.name,
        } as Fault;
        const applied = await lab.apply(fault);
        const attrs = Object.entries(applied.detail.attributes as Record<string, number>)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ');
        progress(
          `${link}: added ${(applied.detail.toxics as string[]).join(', ')} (${attrs}); remove with \`swaglab chaos remove ${link} <name>\``,
        );
      },
    );

  chaos
    .command('remove <link> <name>')
    .description('remove one toxic from a link (names are shown by `swaglab chaos list`)')
    .addOption(labOption())
    .action(async (link: string, name: string, flags: { lab?: string }) => {
      const lab = await targetLab(flags.lab);
      const toxics = await lab.link(link).toxics();
      if (!toxics.some((t) => t.name === name)) {
        throw new Error(
          `link ${link} has no toxic "${name}"; ${toxics.length ? `it has ${toxics.map((t) => t.name).join(', ')}` : 'it has none'}`,
        );
      }
      await lab.link(link).removeToxic(name);
      progress(`${link}: removed ${name}`);
    });

  chaos
    .command('list')
    .description('active toxics and links that are down')
    .addOption(labOption())
    .action(async (flags: { lab?: string }) => {
      const links = await (await targetLab(flags.lab)).toxiproxy.proxies();
      const lines = links.flatMap((link) => [
        ...(link.enabled ? [] : [`${link.name.padEnd(20)} DOWN`]),
        ...link.toxics.map(
          (t) =>
            `${link.name.padEnd(20)} ${t.name.padEnd(22)} ${t.type} ${t.stream} toxicity=${t.toxicity} ${Object.entries(
              t.attributes,
            )
              .map(([k, v]) => `${k}=${v}`)
              .join(' ')}`,
        ),
      ]);
      console.log(
        lines.length ? lines.join('\n') : `no toxics, every link up (links: ${links.map((l) => l.name).join(', ')})`,
      );
    });

  chaos
    .command('reset')
    .description('remove every toxic and bring every link up')
    .addOption(labOption())
    .action(async (flags: { lab?: string }) => {
      await (await targetLab(flags.lab)).resetLinks();
      progress('every toxic removed, every link up');
    });

  chaos
    .command('types')
    .description('the toxics Toxiproxy offers, with their attributes and defaults')
    .action(() => console.log(describeToxics()));

  chaos
    .command('plans')
    .description('the chaos plans shipped in chaos/plans')
    .action(async () => {
      for (const name of await shippedPlans()) {
        const plan = await loadPlan(name);
        console.log(`${name.padEnd(24)} ${(plan.description ?? '').trim().split('\n')[0]}`);
      }
    });

  chaos
    .command('play <plan>')
    .description(
      'play a chaos plan (a name from `swaglab chaos plans`, or a path to a YAML file) against a running lab; Ctrl-C reverts and stops',
    )
    .addOption(labOption())
    .option('--json', 'print the timeline as JSON')
    .action(async (planName: string, flags: { lab?: string; json?: boolean }) => {
      const plan = await loadPlan(planName);
      const lab = await targetLab(flags.lab);
      // No run here, so no run_id: the dashboards' "All" runs still show these faults.
      const faultSeries = new FaultSeriesWriter(`${lab.endpoints.prometheusUrl}/api/v1/write`, {}, { log: progress });
      const events = await playPlan(lab, plan, {
        signal: abortOnInterrupt(),
        log: progress,
        onFault: faultSeries.record,
      });
      await faultSeries.flush();
      if (flags.json) return console.log(JSON.stringify(events, null, 2));
      for (const e of events) {
        const error = e.detail?.error ? `  FAILED: ${e.detail.error}` : '';
        console.log(
          `${e.start.slice(11, 23)} → ${e.end ? e.end.slice(11, 23) : '(instant)   '}  ${e.action.padEnd(11)} ${e.target}${error}`,
        );
      }
    });
}
