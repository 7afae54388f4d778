import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { createServer, type SwagServer } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { buildPageAssets, pageAssetsFresh } from '../../server/page/assets.ts';
import { startPostgres, type RunningService } from '../services/start-service.ts';
import { DEFAULT_LISTEN } from '../lab/listen-address.ts';
import { integerIn, listenAddress } from './options.ts';
import { progress } from './output.ts';

const PUBLIC_DIR = fileURLToPath(new URL('../../server/dist/public', import.meta.url));
const DEMO_USER = 'demo';

interface BoardFlags {
  port: number;
  listen: string;
}

/** `swaglab board`: the board to try by hand, with nothing but Docker: one Postgres container, one server in this process. */
export function registerBoardCommand(program: Command): void {
  program
    .command('board')
    .description(
      'try SwagBoard in a browser: Postgres in a container, one server in this process, a demo user; Ctrl-C stops everything',
    )
    .option('-p, --port <n>', 'port to listen on', integerIn(0, 65535), 8080)
    .option(
      '--listen <address>',
      `address the server listens on (${DEFAULT_LISTEN}: this machine only; 0.0.0.0 to reach it from other machines). Its Postgres is always published on ${DEFAULT_LISTEN} only`,
      listenAddress,
      DEFAULT_LISTEN,
    )
    .action(async (flags: BoardFlags) => {
      await runBoard(flags);
    });
}

async function runBoard(flags: BoardFlags): Promise<void> {
  let postgres: RunningService | undefined;
  let server: SwagServer | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      progress('stopping the server and the Postgres container…');
      await server?.close().catch(() => undefined);
      await postgres?.stop().catch(() => undefined);
    })());
  const onSignal = () => void stop().then(() => process.exit(0));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    if (!pageAssetsFresh(PUBLIC_DIR)) {
      progress('building the page assets (Tailwind CSS, htmx)…');
      await buildPageAssets(PUBLIC_DIR);
    }
    progress('starting Postgres in a container…');
    postgres = await startPostgres();
    const config = parseConfig({
      SWAGBOARD_DATABASE_URL: postgres.url,
      SWAGBOARD_BUS: 'none',
      SWAGBOARD_AUTH: 'required',
      // Sessions and tokens die with this process, like the database.
      SWAGBOARD_TOKEN_SECRET: randomBytes(32).toString('hex'),
      SWAGBOARD_PORT: String(flags.port),
      SWAGBOARD_METRICS_PORT: '0', // nothing scrapes the board; kept off the port the browser uses
      SWAGBOARD_REPLICA: 'standalone',
      SWAGBOARD_LOG_LEVEL: process.env.SWAGBOARD_LOG_LEVEL ?? 'warn',
    });
    server = await createServer(config, { host: flags.listen });
    const password = randomBytes(9).toString('base64url');
    const signup = await fetch(`${server.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: DEMO_USER, password }),
    });
    if (signup.status !== 201)
      throw new Error(`creating the demo user failed: ${signup.status} ${await signup.text()}`);
    const shown = flags.listen === '0.0.0.0' ? `http://<this machine>:${server.port}` : server.url;
    console.log(
      `\nSwagBoard is running at ${shown}/\n  sign in as  ${DEMO_USER} / ${password}\n  or sign up another user (open a second browser profile to see live updates)\n  Ctrl-C stops the server and removes the Postgres container.\n`,
    );
  } catch (error) {
    await stop();
    throw error;
  }
}
