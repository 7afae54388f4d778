import { describe, expect, it } from 'vitest';
import { ensureImages } from './ensure-images.ts';
import { docker } from './docker-cli.ts';

describe('ensureImages', () => {
  it('builds an image once and then reuses it by content hash', async () => {
    const first = await ensureImages(['redis']);
    const lines: string[] = [];
    const second = await ensureImages(['redis'], (line) => lines.push(line));
    expect(second.redis).toBe(first.redis);
    expect(lines.join('\n')).toMatch(/present, skipped/);
    const inspected = await docker(['image', 'inspect', '--format', '{{index .Config.Labels "swaglab.image"}}', first.redis!]);
    expect(inspected.stdout.trim()).toBe('true');
  });
});
