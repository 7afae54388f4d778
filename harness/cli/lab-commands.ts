import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { formatSummary, summariseProfile } from '../../server/bench/cpu-profile-summary.ts';
import { runsDir } from '../paths.ts';
import { profileReplica } from '../lab/replica-profile.ts';
import { BACKING_SERVICES, type BackingService } from '../lab/index.ts';
import { composeGeneratedDir, writeComposeConfig } from '../lab/compose-config.ts';
import { MAX_REPLICAS } from '../lab/lab-spec.ts';
import { integerIn } from './options.ts';
import { progress } from './output.ts';
import { targetLab } from './target-lab.ts';

/** `swaglab link`, `restart-service`, `logs`, `profile`, `compose-config`. */
export function registerLabCommands(program: Command): void {
  const labOption = () => new Option('--lab <id>', 'lab id (default: the newest running lab)');

  program
    .command('link <state> <link>')
    .description(
      '`down` cuts a link (open connections close, new ones are refused), `up` brings it back; e.g. `swaglab link down replica-2.bus`',
    )
    .addOption(labOption())
    .action(async (state: string, link: string, flags: { lab?: string }) => {
      if (state !== 'down' && state !== 'up') throw new Error(`expected "down" or "up", got "${state}"`);
      await setLink(link, state, flags.lab);
    });

  program
    .command('restart-service <service>')
    .description(`restart a backing service in place: ${BACKING_SERVICES.join(', ')}`)
    .addOption(labOption())
    .action(async (service: string, flags: { lab?: string }) => {
      if (!(BACKING_SERVICES as string[]).includes(service))
        throw new Error(`unknown service "${service}"; expected one of ${BACKING_SERVICES.join(', ')}`);
      await (await targetLab(flags.lab)).restartService(service as BackingService);
      progress(`${service}: restarted`);
    });

  program
    .command('logs <service>')
    .description("a container's log: replica-N, postgres, redis, nats, toxiproxy, haproxy, prometheus, …")
    .option('-f, --follow', 'keep printing new lines until Ctrl-C')
    .option('-n, --tail <lines>', 'lines from the end', integerIn(1, 1_000_000), 200)
    .addOption(labOption())
    .action(async (service: string, flags: { follow?: boolean; tail: number; lab?: string }) => {
      const lab = await targetLab(flags.lab);
      const id = lab.containerId(service);
      const args = ['logs', '--tail', String(flags.tail), ...(flags.follow ? ['--follow'] : []), id];
      await new Promise<void>((resolve, reject) => {
        const child = spawn('docker', args, { stdio: 'inherit' });
        child.on('error', reject);
        child.on('close', () => resolve());
      });
    });

  program
    .command('profile <replica>')
    .description(
      "sample a running replica's CPU (V8 profiler through its inspector, inside the container) and print its top functions by self time",
    )
    .option('-s, --seconds <n>', 'how long to sample', integerIn(1, 300), 10)
    .option('--top <n>', 'functions to print', integerIn(1, 500), 25)
    .option(
      '-o, --out <file>',
      'where to save the .cpuprofile (opens in Chrome DevTools or speedscope); default reports/runs/',
    )
    .addOption(labOption())
    .action(async (replica: string, flags: { seconds: number; top: number; out?: string; lab?: string }) => {
      const lab = await targetLab(flags.lab);
      const { containerId, name } = lab.replica(replica);
      progress(`${name}: sampling for ${flags.seconds} s`);
      const profile = await profileReplica(containerId, flags.seconds);
      const out = flags.out ?? join(runsDir, `profile-${lab.id}-${name}-${Date.now()}.cpuprofile`);
      await mkdir(join(out, '..'), { recursive: true });
      await writeFile(out, JSON.stringify(profile));
      console.log(formatSummary(out, summariseProfile(profile, flags.top)));
    });

  program
    .command('compose-config')
    .description(
      "write a compose project for a topology: the lab's images (by content hash), configs and links, Grafana from its official image",
    )
    .option('-r, --replicas <n>', 'replicas', integerIn(1, MAX_REPLICAS), 2)
    .addOption(new Option('-b, --bus <bus>', 'bus the compose stack uses').choices(['redis', 'nats']).default('redis'))
    .option('-o, --out <dir>', 'where to write the project (default compose/generated)')
    .action(async (flags: { replicas: number; bus: 'redis' | 'nats'; out?: string }) => {
      const [composeFile, ...rest] = await writeComposeConfig(
        { replicas: flags.replicas, bus: flags.bus },
        flags.out ?? composeGeneratedDir,
        progress,
      );
      for (const path of [composeFile, ...rest]) console.log(path);
      progress(`up: docker-compose -p swaglab -f ${composeFile} up -d   (down: same with down -v)`);
    });
}

async function setLink(link: string, state: 'down' | 'up', labId?: string): Promise<void> {
  const lab = await targetLab(labId);
  await lab.link(link)[state]();
  progress(`${link}: ${state}`);
}
