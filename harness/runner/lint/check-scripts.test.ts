import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScripts, formatFinding } from './check-scripts.ts';
import { lintSource } from './static-rules.ts';

const repo = join(import.meta.dirname, '..', '..', '..');
const rules = (src: string) => lintSource('x.ts', src).map((f) => `${f.line} ${f.rule}`);

describe('every shipped scenario is valid k6', () => {
  it('has no findings under scenarios/ (CI fails on one)', async () => {
    const findings = await checkScripts({ paths: [join(repo, 'scenarios')] });
    expect(findings.map((f) => formatFinding(f, repo))).toEqual([]);
  });
});

describe('static rules', () => {
  it('accepts k6 modules, their exports, relative files and jslib', () => {
    const src = [
      "import { check, sleep } from 'k6';",
      "import http from 'k6/http';",
      "import { Counter as C } from 'k6/metrics';",
      "import { WebSocket } from 'k6/websockets';",
      "import type { Options } from 'k6/options';",
      "import { textSummary } from 'https://jslib.k6.io/k6-summary/0.1.0/index.js';",
      "import { x } from './lib/x.ts';",
    ].join('\n');
    expect(rules(src)).toEqual([]);
  });
  it('flags non-k6 modules, missing exports and deprecated experimental paths', () => {
    const src = [
      "import { readFileSync } from 'node:fs';",
      "import { sleepy } from 'k6';",
      "import { WebSocket } from 'k6/experimental/websockets';",
      "import 'lodash';",
    ].join('\n');
    expect(rules(src)).toEqual(['1 import', '2 import', '3 import', '4 import']);
  });
  it('flags host globals k6 lacks, but not in comments, strings, members, keys or shadowed names', () => {
    const src = [
      'const a = process.env.X;',
      "const b = Buffer.from('x');",
      '// process.env in a comment',
      "const c = 'process.env in a string';",
      'const d = obj.process;',
      'const e = { fetch: 1 };',
      'setImmediate(() => {});',
    ].join('\n');
    expect(rules(src)).toEqual(['1 global', '2 global', '7 global']);
    expect(rules('const structuredClone = (x) => x;\nstructuredClone(1);')).toEqual([]);
  });
  it('flags readyState constants on the imported constructor, not on instances', () => {
    const src = [
      "import { WebSocket as W } from 'k6/websockets';",
      'if (ws.readyState === W.OPEN) {}',
      'if (ws.readyState === ws.OPEN) {}',
    ].join('\n');
    expect(rules(src)).toEqual(['2 ready-state']);
  });
  it('flags async functions passed to group()', () => {
    const src = ["import { group } from 'k6';", "group('a', async () => {});", "group('b', () => {});"].join('\n');
    expect(rules(src)).toEqual(['2 async-group']);
  });
});

describe('options as k6 validates them', () => {
  it('reports a threshold stat the metric type lacks and an invalid executor config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'check-scripts-'));
    const file = join(dir, 'bad.js');
    writeFileSync(
      file,
      "import { Trend } from 'k6/metrics';\nconst t = new Trend('lat');\nexport const options = { thresholds: { lat: ['count>0'] }, scenarios: { s: { executor: 'shared-iterations', vus: 3, iterations: 1 } } };\nexport default function () {}\n",
    );
    const findings = await checkScripts({ paths: [dir] });
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('"count" does not apply to a trend metric'),
      expect.stringContaining("the number of iterations (1) can't be less than the number of VUs (3)"),
    ]);
  });
});
