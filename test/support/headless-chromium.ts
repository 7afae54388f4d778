// The one way tests start a browser: Debian's Chromium (installed by the setup) driven by playwright-core.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);

/** Headless, sandbox-free (tests run as root in CI), and quiet: no background updates or sync traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A console error the host causes, not the page: Chromium aborts loads in flight with ERR_NETWORK_CHANGED when a
 * network interface comes or goes, as Docker's do whenever a test running beside this one starts or stops a lab.
 * Seen once in a full suite run (2026-12-02), failing the console's browser test while every other check passed.
 */
export const isHostNetworkChange = (consoleText: string): boolean => consoleText.includes('net::ERR_NETWORK_CHANGED');
