import { setTimeout as sleep } from 'node:timers/promises';
import { run } from './docker-cli.ts';
import { join } from 'node:path';
import { projectRoot } from '../paths.ts';

/** Bundles server/ into server/dist/server.mjs with the server's own build script. */
export async function buildServerBundle(log: (line: string) => void): Promise<void> {
  const started = Date.now();
  // Two processes (test files, engineers) may bundle at once and trip over each other's
  // output directory; a failed attempt is retried after a short, random pause.
  let result = await bundleOnce();
  for (let attempt = 1; result.code !== 0 && attempt < 3; attempt++) {
    await sleep(500 + Math.random() * 1500);
    result = await bundleOnce();
  }
  if (result.code !== 0) throw new Error(`server bundle failed:\n${result.stdout}${result.stderr}`);
  log(`server bundle: built in ${Date.now() - started} ms`);
}

function bundleOnce() {
  return run(process.execPath, [join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(projectRoot, 'server', 'build.ts')], { cwd: projectRoot });
}
