import { mkdir } from 'node:fs/promises';
import { canUse } from './file-access.ts';
import { join } from 'node:path';
import { run } from './docker-cli.ts';
import { toolCacheDir } from '../paths.ts';

/** Toxiproxy is MIT-licensed Go; there is no image to pull, so we build its server from the module proxy. */
export const TOXIPROXY_MODULE = 'github.com/Shopify/toxiproxy/v2/cmd/server@v2.12.0';

/** Kept outside the checkout, so fresh clones (CI) on the same machine reuse it. */
export function toxiproxyBinaryPath(): string {
  return join(toolCacheDir, 'bin', 'toxiproxy-server');
}

export async function ensureToxiproxyBinary(log: (line: string) => void): Promise<string> {
  const target = toxiproxyBinaryPath();
  if (await canUse(target, { executable: true })) {
    log('toxiproxy-server: present, skipped');
    return target;
  }
  const binDir = join(toolCacheDir, 'bin');
  const goBin = join(toolCacheDir, 'go-install');
  await mkdir(binDir, { recursive: true });
  log(`toxiproxy-server: building ${TOXIPROXY_MODULE} with go (about a minute the first time)`);
  const started = Date.now();
  const result = await run('go', ['install', TOXIPROXY_MODULE], {
    env: { ...process.env, GOBIN: goBin, CGO_ENABLED: '0' },
  });
  if (result.code !== 0) throw new Error(`could not build toxiproxy-server; go said:\n${result.stderr}`);
  const moved = await run('mv', [join(goBin, 'server'), target]);
  if (moved.code !== 0) throw new Error(`could not place toxiproxy-server: ${moved.stderr}`);
  log(`toxiproxy-server: built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return target;
}
