import { pino } from 'pino';
import type { Logger } from '../log.ts';

/** A logger for tests: silent unless SWAGBOARD_TEST_LOG names a level. */
export function testLogger(): Logger {
  return pino({ level: process.env.SWAGBOARD_TEST_LOG ?? 'silent' });
}
