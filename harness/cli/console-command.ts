import { Command } from 'commander';
import { systemClock } from '../clock.ts';
import { startConsole } from '../console/console-server.ts';
import { integerIn } from './options.ts';
import { abortOnInterrupt, progress } from './output.ts';
import { targetLab } from './target-lab.ts';
import { knownLabIds } from '../lab/lab-state.ts';

/** `swaglab console`: serves the live console of a running lab until Ctrl-C (the lab keeps running). */
export function registerConsoleCommand(program: Command): void {
  program
    .command('console')
    .description(
      'serve a live console for a running lab: topology, replica states, charts, and buttons to break things',
    )
    .option('--lab <id>', 'lab id (default: the newest running lab)')
    .option('--port <n>', 'port to listen on (default: a free one)', integerIn(0, 65535), 0)
    .option('--listen <host>', 'address to bind; anything but loopback lets others break your lab', '127.0.0.1')
    .action(async (flags: { lab?: string; port: number; listen: string }) => {
      const lab = await targetLab(flags.lab);
      const console_ = await startConsole(lab, { host: flags.listen, port: flags.port });
      console.log(console_.url);
      progress(`console for lab ${lab.id} at ${console_.url} (Ctrl-C stops the console, not the lab)`);
      const signal = abortOnInterrupt();
      await new Promise<void>((resolve) => {
        signal.addEventListener('abort', () => resolve(), { once: true });
        // A console outlives nothing: once the lab is taken down (from anywhere), it ends too.
        // unref: the console's server keeps the process up; the watch only ends it.
        systemClock.every(
          3000,
          () => {
            knownLabIds().then(
              (ids) => ids.includes(lab.id) || (progress(`lab ${lab.id} is gone; console stopped`), resolve()),
              () => {},
            );
          },
          { unref: true },
        );
      });
      await console_.close();
      await lab.release();
    });
}
