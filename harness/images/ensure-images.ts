import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contextHash } from './context-hash.ts';
import { docker, imageExists, run } from './docker-cli.ts';
import { images, type ImageName } from './image-catalogue.ts';
import { composeDir } from '../paths.ts';

export type ImageTags = Partial<Record<ImageName, string>>;
export const IMAGE_REPOSITORY = 'swaglab';
const BASE_IMAGE = 'debian:bookworm-slim';

/**
 * Makes sure every named image exists, building only those whose build context
 * changed. Tags are content hashes (`swaglab/redis:3f9a…`), also tagged
 * `:latest` for the compose file.
 */
export async function ensureImages(names: ImageName[], log: (line: string) => void = () => {}): Promise<ImageTags> {
  await ensureBaseImage(log);
  const tags: ImageTags = {};
  // Two at a time: builds are mostly apt downloads, and the machine has two cores.
  const queue = [...new Set(names)];
  const workers = Array.from({ length: 2 }, async () => {
    for (let name = queue.shift(); name; name = queue.shift()) tags[name] = await ensureImage(name, log);
  });
  await Promise.all(workers);
  return tags;
}

async function ensureImage(name: ImageName, log: (line: string) => void): Promise<string> {
  const spec = images[name];
  const context = await mkdtemp(join(tmpdir(), `swaglab-${name}-`));
  try {
    // Built artefacts come from `prepare`, never from whatever a local build left in dist/.
    const stale = join(spec.dockerfileDir, 'dist');
    await cp(spec.dockerfileDir, context, {
      recursive: true,
      filter: (src) => !src.includes('node_modules') && !src.endsWith('.test.ts') && !src.startsWith(stale),
    });
    await spec.prepare?.(context, log);
    const tag = `${IMAGE_REPOSITORY}/${name}:${await contextHash(context)}`;
    if (await imageExists(tag)) {
      log(`image ${tag}: present, skipped`);
    } else {
      log(`image ${tag}: building`);
      const started = Date.now();
      const built = await docker([
        'build',
        '-q',
        '-t',
        tag,
        '-t',
        `${IMAGE_REPOSITORY}/${name}:latest`,
        '--label',
        'swaglab.image=true',
        context,
      ]);
      if (built.code !== 0) throw new Error(`docker build of ${name} failed:\n${built.stderr || built.stdout}`);
      log(`image ${tag}: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      await pruneOldTags(name, log);
    }
    return tag;
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}

/** Tags kept per image: the newest few, so checkouts at nearby commits do not rebuild each other's. */
const KEEP_TAGS = 3;

/**
 * An image younger than this is never pruned: other checkouts on the machine (other branches, users, CI jobs)
 * build their own tags, and one pruned between its build and its container's start makes Docker try a pull.
 */
const MIN_PRUNE_AGE_MS = 24 * 3600_000;

/** Every change makes a new tag; without pruning, disk fills over the weeks. Images in use, and young ones, are left alone. */
export async function pruneOldTags(
  name: string,
  log: (line: string) => void = () => {},
  { minAgeMs = MIN_PRUNE_AGE_MS } = {},
): Promise<void> {
  const listed = await docker(['images', `${IMAGE_REPOSITORY}/${name}`, '--format', '{{.Tag}}']);
  const hashTags = listed.stdout.split('\n').filter((t) => /^[0-9a-f]{12}$/.test(t)); // newest first
  for (const old of hashTags.slice(KEEP_TAGS)) {
    const created = await docker([
      'image',
      'inspect',
      '--format',
      '{{.Created}}',
      `${IMAGE_REPOSITORY}/${name}:${old}`,
    ]);
    if (!(Date.now() - Date.parse(created.stdout.trim()) >= minAgeMs)) continue;
    const removed = await docker(['rmi', `${IMAGE_REPOSITORY}/${name}:${old}`]);
    if (removed.code === 0) log(`image ${IMAGE_REPOSITORY}/${name}:${old}: pruned`);
  }
}

/** Pulls the Debian base where a registry answers, else makes it offline (compose/base). */
async function ensureBaseImage(log: (line: string) => void): Promise<void> {
  if (await imageExists(BASE_IMAGE)) return;
  const made = await run('bash', [join(composeDir, 'base', 'make-base-image.sh')]);
  if (made.code !== 0) throw new Error(`could not make ${BASE_IMAGE}:\n${made.stderr || made.stdout}`);
  log(made.stdout.trim());
}
