import { join } from 'node:path';
import { run } from './docker-cli.ts';
import { projectRoot } from '../paths.ts';

/**
 * Bundles server/ into `outDir` (server.mjs, migrations, page assets) with the server's own build
 * script. Each image build bundles into its own context, so parallel test files never race.
 */
export async function buildServerBundle(outDir: string, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  const tsx = join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const result = await run(process.execPath, [tsx, join(projectRoot, 'server', 'build.ts'), outDir], {
    cwd: projectRoot,
  });
  if (result.code !== 0) throw new Error(`server bundle failed:\n${result.stdout}${result.stderr}`);
  log(`server bundle: built in ${Date.now() - started} ms`);
}
