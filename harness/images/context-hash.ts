import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

/**
 * A short content hash of a build context (every file's path, mode and bytes),
 * used as the image tag so an unchanged context is never rebuilt and a changed
 * one always is.
 */
export async function contextHash(dir: string, extra: string[] = []): Promise<string> {
  const hash = createHash('sha256');
  for (const file of await listFiles(dir)) {
    const info = await stat(file);
    hash.update(`${relative(dir, file)}\0${info.mode & 0o111 ? 'x' : '-'}\0`);
    hash.update(await readFile(file));
  }
  for (const item of extra) hash.update(`extra\0${item}\0`);
  return hash.digest('hex').slice(0, 12);
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(async (entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return listFiles(path);
        return entry.isFile() ? [path] : [];
      }),
  );
  return files.flat();
}
