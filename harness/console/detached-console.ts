// `swaglab up` returns at once while its lab keeps running, so its console
// runs as a detached `swaglab console` process of its own. That process ends
// by itself once the lab is gone (see console-command.ts), so `down` needs no
// pid bookkeeping and a crashed console never holds a lab past its `down`.
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { systemClock, type Clock } from '../clock.ts';
import { projectRoot } from '../paths.ts';

export interface DetachedConsole {
  url: string;
  logFile: string;
}

/** Starts `swaglab console --lab <id>` in the background and waits until it answers. */
export async function startDetachedConsole(
  labId: string,
  options: { host: string; port?: number; timeoutMs?: number; clock?: Clock },
): Promise<DetachedConsole> {
  const port = options.port || (await freePort(options.host));
  const logDir = join(projectRoot, '.cache', 'consoles');
  await mkdir(logDir, { recursive: true });
  const logFile = join(logDir, `${labId}.log`);
  const log = openSync(logFile, 'a');
  const cli = join(projectRoot, 'harness', 'cli', 'main.ts');
  const child = spawn(
    process.execPath,
    [...process.execArgv, cli, 'console', '--lab', labId, '--listen', options.host, '--port', String(port)],
    {
      detached: true,
      stdio: ['ignore', log, log],
    },
  );
  child.unref();
  const url = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}/`;
  const clock = options.clock ?? systemClock;
  const deadline = clock.now() + (options.timeoutMs ?? 20_000);
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  while (clock.now() < deadline) {
    if (exited !== null) throw new Error(`the console exited (code ${exited}) before answering; see ${logFile}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return { url, logFile };
    } catch {
      // not listening yet
    }
    await clock.sleep(200);
  }
  throw new Error(
    `the console did not answer at ${url} within ${(options.timeoutMs ?? 20_000) / 1000} s; see ${logFile}`,
  );
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port')),
      );
    });
  });
}
