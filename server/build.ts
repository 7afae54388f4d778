import { cp, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildPageAssets } from './page/assets.ts';

const serverDir = fileURLToPath(new URL('.', import.meta.url));
export const DIST_DIR = `${serverDir}dist`;

/** Bundles the server into one ESM file; CommonJS dependencies get a real `require` through createRequire. */
export async function buildServer(distDir: string = DIST_DIR): Promise<string> {
  await rm(distDir, { recursive: true, force: true });
  await mkdir(distDir, { recursive: true });
  const outfile = `${distDir}/server.mjs`;
  await build({
    entryPoints: [`${serverDir}main.ts`],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    // Optional native accelerators of ws and pg; absent in the image, and both libraries run without them.
    external: ['bufferutil', 'utf-8-validate', 'pg-native'],
    banner: {
      js: 'import { createRequire as __swagboardCreateRequire } from "node:module"; const require = __swagboardCreateRequire(import.meta.url);',
    },
  });
  // migrate.ts looks for ./migrations next to the running module, which in the bundle is server.mjs.
  await cp(`${serverDir}store/migrations`, `${distDir}/migrations`, { recursive: true });
  // The page's CSS (Tailwind), htmx and its SSE extension, served from ./public next to server.mjs.
  await buildPageAssets(`${distDir}/public`);
  return outfile;
}

// `tsx server/build.ts [outDir]`: the lab bundles straight into each image's build context, so
// concurrent builds never share a directory.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outfile = await buildServer(process.argv[2] ?? DIST_DIR);
  process.stdout.write(`built ${outfile}\n`);
}
