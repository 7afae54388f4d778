import { build } from 'esbuild';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { makeBlockingCallsAwait } from './blocking-transform.ts';

async function bundle(source: string): Promise<string> {
  const out = await build({
    stdin: { contents: source, loader: 'js' },
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'neutral',
    external: ['k6', 'k6/*'],
    logLevel: 'silent',
  });
  return out.outputFiles[0]?.text ?? '';
}

const transform = async (source: string) => {
  const r = makeBlockingCallsAwait(await bundle(source));
  new vm.Script(`(function (module, exports, require) {${r.code}\n})`); // must stay valid JS
  return r;
};

describe('makeBlockingCallsAwait', () => {
  it('leaves scripts without k6 or k6/http imports as they are', async () => {
    const code = await bundle(
      `import { WebSocket } from 'k6/websockets'; export default function () { new WebSocket('ws://x'); }`,
    );
    expect(makeBlockingCallsAwait(code).code).toBe(code);
  });

  it('awaits sleep and http calls in every import style, and makes their functions async', async () => {
    const r = await transform(`
      import http from 'k6/http';
      import * as k6 from 'k6';
      import { sleep as nap } from 'k6';
      import { get } from 'k6/http';
      export default function () { http.post('u', 'b'); k6.sleep(1); nap(1); get('u'); }`);
    expect(r.awaitedCalls).toBe(4);
    expect(r.madeAsync).toBe(1);
    expect(r.code).toMatch(/async function \w+\(\)/);
    expect(r.code.match(/await __swaglab\.(call|method)\(/g)).toHaveLength(4);
  });

  it('propagates through helpers, object methods, class methods and group callbacks', async () => {
    const r = await transform(`
      import http from 'k6/http';
      import { group, check } from 'k6';
      function login() { return http.get('u').status; }
      const api = { ping: () => login() };
      class Client { fetch() { return api.ping(); } }
      export default function () { group('g', () => new Client().fetch()); check(1, { ok: (v) => v === 1 }); }`);
    expect(r.madeAsync).toBe(5); // login, ping, fetch, the group callback, default
    expect(r.code).toContain('async fetch()');
    expect(r.code).toContain('ping: async () =>');
    expect(r.code).not.toMatch(/ok: async/); // check predicates stay synchronous
  });

  it('matches unresolved method calls by name, except names built-in objects share', async () => {
    const r = await transform(`
      import http from 'k6/http';
      class Api { get(p) { return http.get(p); } fetch(p) { return http.get(p); } }
      export const make = () => new Api();
      export default function (data) { const m = new Map(); m.get('k'); data.api.fetch('x'); }`);
    expect(r.code).toContain('(await __swaglab.method(data.api, "fetch", "x"))');
    expect(r.code).toContain('m.get("k")');
  });

  it('leaves getters, constructors and generators synchronous (the bridge reports them at run time)', async () => {
    const r = await transform(`
      import http from 'k6/http';
      class C { constructor() { http.get('a'); } get s() { return http.get('b'); } *gen() { yield http.get('c'); } }
      export default function () { return new C().s; }`);
    expect(r.madeAsync).toBe(0);
    expect(r.awaitedCalls).toBe(0);
  });

  it('runs array methods with a blocking callback through the bridge, one element at a time', async () => {
    const r = await transform(
      `import { sleep } from 'k6'; export default function () { [1, 2].forEach((s) => sleep(s)); return [1].map(Math.abs); }`,
    );
    expect(r.code).toContain('await __swaglab.each([1, 2], "forEach", async (s) =>');
    expect(r.code).toContain('[1].map(Math.abs)'); // a callback that does not block stays a plain call
  });

  it('follows blocking callbacks into the parameters of helpers', async () => {
    const r = await transform(`
      import { group, sleep } from 'k6';
      function step(name, fn) { return group(name, fn); }
      function apply(fn) { return fn(); }
      export default function () { step('s', () => sleep(1)); return apply(() => 1); }`);
    expect(r.code).toContain('async function step(');
    expect(r.code).toMatch(/await __swaglab\.call\(\(0, import_k6\.group\), void 0, name, fn\)/);
    expect(r.code).not.toContain('async function apply('); // only fed callbacks that do not block
  });

  it('only clears the flag in functions that were async already', async () => {
    const r = await transform(`import { sleep } from 'k6'; export default async function () { await sleep(1); }`);
    expect(r.madeAsync).toBe(0);
    expect(r.code).toContain('__swaglab.enter(null)');
    expect(r.code).toContain('await (await __swaglab.call(');
  });
});
