import { pino, type Logger } from 'pino';
import type { Config } from './config.ts';

export type { Logger };

/** JSON to stdout; components take `log.child({ component: "gateway" })`. */
export function createLogger(
  config: Pick<Config, 'logLevel' | 'replica'>,
  destination?: pino.DestinationStream,
): Logger {
  const options = {
    level: config.logLevel,
    base: { replica: config.replica },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
