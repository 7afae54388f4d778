// The tree's static checks, run by the same test command as everything else so CI fails on them:
// both TypeScript projects typecheck, and the code is as the formatter writes it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../harness/paths.ts';

const bin = (name: string) => join(projectRoot, 'node_modules', '.bin', name);

/** Runs a project tool; returns its exit status and what it printed, so a failure shows the findings. */
function tool(name: string, args: string[]): { status: number | null; output: string } {
  const r = spawnSync(bin(name), args, { cwd: projectRoot, encoding: 'utf8', timeout: 240_000 });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`.trim() };
}

describe('source checks', () => {
  it.each([
    ['the server, harness, reports and tests', 'tsconfig.json'],
    ['the scenarios, against k6 types only', 'scenarios/tsconfig.json'],
  ])(
    'typecheck: %s (%s)',
    (_what, project) => {
      const { status, output } = tool('tsc', ['-p', project, '--noEmit']);
      expect(output).toBe('');
      expect(status).toBe(0);
    },
    300_000,
  );

  it('format: the code is as Prettier writes it (npm run format fixes it)', () => {
    const { status, output } = tool('prettier', ['--check', '**/*.{ts,js,mjs}', '--log-level', 'warn']);
    expect(output).toBe('');
    expect(status).toBe(0);
  }, 300_000);
});
