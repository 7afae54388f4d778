import { run } from './docker-cli.ts';
import { join } from 'node:path';
import { projectRoot } from '../paths.ts';

/** Bundles server/ into server/dist/server.mjs with the server's own build script. */
export async function buildServerBundle(log: (line: string) => void): Promise<void> {
  const started = Date.now();
  const result = await run(process.execPath, [join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(projectRoot, 'server', 'build.ts')], { cwd: projectRoot });
  if (result.code !== 0) throw new Error(`server bundle failed:\n${result.stdout}${result.stderr}`);
  log(`server bundle: built in ${Date.now() - started} ms`);
}
