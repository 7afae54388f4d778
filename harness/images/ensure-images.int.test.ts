import { describe, expect, it } from 'vitest';
import { ensureImages, pruneOldTags } from './ensure-images.ts';
import { docker } from './docker-cli.ts';

describe('ensureImages', () => {
  it('builds an image once and then reuses it by content hash', async () => {
    const first = await ensureImages(['redis']);
    const lines: string[] = [];
    const second = await ensureImages(['redis'], (line) => lines.push(line));
    expect(second.redis).toBe(first.redis);
    expect(lines.join('\n')).toMatch(/present, skipped/);
    const inspected = await docker([
      'image',
      'inspect',
      '--format',
      '{{index .Config.Labels "swaglab.image"}}',
      first.redis!,
    ]);
    expect(inspected.stdout.trim()).toBe('true');
  });
});

describe('pruneOldTags', () => {
  it('keeps the three newest content-hash tags of an image and removes the rest, once they are old enough', async () => {
    const repository = 'swaglab/prune-test';
    for (let i = 0; i < 5; i++) {
      const built = await docker(['build', '-q', '-t', `${repository}:${String(i).repeat(12)}`, '-'], {
        input: `FROM debian:bookworm-slim\nLABEL generation=${i}\n`,
      });
      expect(built.code).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 1100)); // distinct creation seconds, so "newest" is defined
    }
    await pruneOldTags('prune-test'); // all five are minutes old: another checkout may be about to start one
    const young = (await docker(['images', repository, '--format', '{{.Tag}}'])).stdout.split('\n').filter(Boolean);
    expect(young).toHaveLength(5);
    await pruneOldTags('prune-test', undefined, { minAgeMs: 0 });
    const left = (await docker(['images', repository, '--format', '{{.Tag}}'])).stdout
      .split('\n')
      .filter(Boolean)
      .sort();
    await docker(['rmi', ...left.map((tag) => `${repository}:${tag}`)]);
    expect(left).toEqual(['222222222222', '333333333333', '444444444444']);
  });
});
