import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
export const PAGE_ASSETS = ['app.css', 'htmx.min.js', 'sse.js', 'page.js'] as const;

/**
 * Where the built page assets are: `public/` next to server.mjs in the bundle, server/dist/public from source.
 */
export function publicDir(): string {
  const besideBundle = join(here, 'public');
  return existsSync(join(besideBundle, 'app.css')) ? besideBundle : join(here, '..', 'dist', 'public');
}

export const hasPageAssets = (dir: string = publicDir()): boolean =>
  PAGE_ASSETS.every((name) => existsSync(join(dir, name)));

/**
 * Built and no older than any source they come from (Tailwind reads every class in server/page), so a checkout
 * that pulled page changes rebuilds instead of serving yesterday's CSS and script.
 */
export function pageAssetsFresh(dir: string = publicDir()): boolean {
  if (!hasPageAssets(dir)) return false;
  const builtAt = Math.min(...PAGE_ASSETS.map((name) => statSync(join(dir, name)).mtimeMs));
  const sources = readdirSync(here, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return sources.every((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs <= builtAt);
}

/** Runs the Tailwind CLI over server/page and copies htmx, its SSE extension and page.js into `outDir`. */
export async function buildPageAssets(outDir: string): Promise<void> {
  const projectRoot = join(here, '..', '..');
  const require = createRequire(import.meta.url);
  await mkdir(outDir, { recursive: true });
  const tailwind = join(projectRoot, 'node_modules', '@tailwindcss', 'cli', 'dist', 'index.mjs');
  await promisify(execFile)(
    process.execPath,
    [tailwind, '-i', join(here, 'client', 'styles.css'), '-o', join(outDir, 'app.css'), '--minify'],
    { cwd: projectRoot },
  );
  await Promise.all([
    copyFile(require.resolve('htmx.org/dist/htmx.min.js'), join(outDir, 'htmx.min.js')),
    copyFile(join(dirname(require.resolve('htmx-ext-sse/package.json')), 'dist', 'sse.js'), join(outDir, 'sse.js')),
    copyFile(join(here, 'client', 'page.js'), join(outDir, 'page.js')),
  ]);
}
