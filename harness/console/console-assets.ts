// The page's static files: htmx and uPlot straight from node_modules (their
// published builds, as the board's page build copies htmx), plus the console's
// own script and style. Served from this process, never from a CDN.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const uplotDist = join(dirname(require.resolve('uplot/package.json')), 'dist');

const ASSETS: Record<string, { path: string; type: string }> = {
  'htmx.min.js': { path: require.resolve('htmx.org/dist/htmx.min.js'), type: 'text/javascript' },
  'uPlot.iife.min.js': { path: join(uplotDist, 'uPlot.iife.min.js'), type: 'text/javascript' },
  'uPlot.min.css': { path: join(uplotDist, 'uPlot.min.css'), type: 'text/css' },
  'console.js': { path: join(here, 'client', 'console.js'), type: 'text/javascript' },
  'console.css': { path: join(here, 'client', 'console.css'), type: 'text/css' },
};

/** The file and its content type, or undefined for a name that is not an asset. */
export async function readAsset(name: string): Promise<{ body: Buffer; type: string } | undefined> {
  const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (!asset) return undefined;
  return { body: await readFile(asset.path), type: `${asset.type}; charset=utf-8` };
}
