// docs/learn/ stays usable: every page is linked and has its four parts, every `./swaglab` command it gives names a
// command and flags the CLI has, and experiment 4's lab carries the backpressure scenario's settings from
// suites.yaml. (learn-experiments.int.test.ts runs the commands; this catches a renamed flag without containers.)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../harness/paths.ts';
import { loadSuitesFile } from '../harness/run/suites-file.ts';

const learnDir = join(projectRoot, 'docs', 'learn');
const read = (path: string) => readFileSync(path, 'utf8');
const index = read(join(learnDir, 'README.md'));
const pages = [...index.matchAll(/\]\((\d\d-[a-z-]+\.md)\)/g)].map((m) => m[1]!);
const cliSource = readdirSync(join(projectRoot, 'harness', 'cli'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => read(join(projectRoot, 'harness', 'cli', f)))
  .join('\n');
/** Every name given to commander's `.command(…)`, subcommands included, and the replica actions main.ts registers in a loop. */
const commands = new Set([
  ...[...cliSource.matchAll(/\.command\('([a-z-]+)/g)].map((m) => m[1]!),
  ...[...(/for \(const action of \[([^\]]+)\]/.exec(cliSource)?.[1] ?? '').matchAll(/'([a-z]+)'/g)].map((m) => m[1]!),
]);

/** The `./swaglab …` lines of a page's shell blocks, comments cut. */
function swaglabLines(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks
    .flatMap((b) => b.split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('./swaglab '));
}

describe('docs/learn', () => {
  it('is linked from the README, and its index links five experiment pages that exist', () => {
    expect(read(join(projectRoot, 'README.md'))).toContain('](docs/learn/README.md)');
    expect(pages).toHaveLength(5);
    expect(
      readdirSync(learnDir)
        .filter((f) => /^\d\d-.*\.md$/.test(f))
        .sort(),
    ).toEqual([...pages].sort());
  });

  it.each(pages)('%s gives commands, what to watch, what it shows and why', (page) => {
    const text = read(join(learnDir, page));
    for (const heading of ['## What to watch', '## What it shows', '## Why']) expect(text).toContain(heading);
    expect(swaglabLines(text).length).toBeGreaterThan(0);
  });

  it('names only commands and flags the CLI has', () => {
    for (const known of ['run', 'up', 'compare', 'kill', 'restart', 'play']) expect(commands).toContain(known);
    const lines = [index, ...pages.map((p) => read(join(learnDir, p)))].flatMap(swaglabLines);
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      const [, command, sub] = line.split(/\s+/);
      expect(commands, line).toContain(command);
      if (command === 'chaos') expect(commands, line).toContain(sub);
      // Whole flags only: `--la` must not pass for `--lab`.
      for (const flag of line.match(/(?<=\s)--[a-z][a-z-]*/g) ?? [])
        expect(new RegExp(`${flag}(?![a-z-])`).test(cliSource), `${flag} in: ${line}`).toBe(true);
    }
  });

  it("starts experiment 4's lab with the backpressure scenario's settings from suites.yaml", () => {
    const defaults = loadSuitesFile().scenarios.backpressure!;
    const up = swaglabLines(read(join(learnDir, '04-slow-consumer.md'))).find((line) =>
      line.startsWith('./swaglab up '),
    );
    expect(up).toBeDefined();
    expect(up).toContain(`--replicas ${defaults.replicas}`);
    expect(up).toContain(`--socket-buffer ${defaults.socketBufferBytes}`);
    for (const [key, value] of Object.entries(defaults.serverEnv ?? {})) expect(up).toContain(`-s ${key}=${value}`);
  });
});
