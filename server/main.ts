import { createServer } from './app.ts';
import { systemClock } from './clock.ts';
import { ConfigError, parseConfig } from './config.ts';
import { createLogger } from './log.ts';
import { startTracing } from './tracing.ts';

const EXIT_CONFIG = 2;
const EXIT_STARTUP = 1;
/** Beyond the drain: closing HTTP, bus and pool. Past drain + margin the process exits anyway. */
const SHUTDOWN_MARGIN_SECONDS = 5;

async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`swagboard: configuration rejected\n${error.message}\n`);
    process.exit(EXIT_CONFIG);
  }
  const log = createLogger(config);
  const tracing = await startTracing(config, log);
  let server;
  try {
    server = await createServer(config, { log });
  } catch (error) {
    log.fatal({ err: error }, 'swagboard failed to start');
    await tracing.shutdown();
    process.exit(EXIT_STARTUP);
  }
  const running = server;
  const stop = (signal: string) => {
    log.info({ signal }, 'shutting down');
    systemClock.after((config.drainSeconds + SHUTDOWN_MARGIN_SECONDS) * 1000, () => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    });
    void running
      .close()
      .then(() => tracing.shutdown())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

await main();
