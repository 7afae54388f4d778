import { parseAst } from 'rolldown/parseAst';
import {
  resolveCall,
  ScopeTracker,
  type CallResolution,
  type Fn,
  type Node,
  type ParamRef,
  type Targets,
} from './blocking-scopes.ts';
import { sourceLineMapper } from './source-lines.ts';

// k6 VUs block on sleep() and on k6/http's synchronous calls; here all VUs share
// one thread, so a blocking call must become an `await`. This rewrites the
// bundle: every call that may block (sleep, http.get & co, group() around such
// code, and user functions that transitively contain one) is awaited, and every
// function containing such a call becomes async. The runtime half
// (blocking-bridge.ts) makes any call site this analysis missed fail loudly
// instead of silently running on.

export const BRIDGE = '__swaglab';
const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);

export interface TransformResult {
  code: string;
  /** Sync functions made async. */
  madeAsync: number;
  /** Call sites now awaited. */
  awaitedCalls: number;
}

interface CallSite extends CallResolution {
  call: Node;
  owner: Fn | undefined;
}

interface Edit {
  pos: number;
  end: number;
  text: string;
  /** At one position: 0 closing inserts (inner first), 1 replacements, 2 opening inserts (outer first). */
  rank: number;
  seq: number;
}

export function makeBlockingCallsAwait(code: string): TransformResult {
  if (!/\brequire\("k6(\/http)?"\)/.test(code)) return { code, madeAsync: 0, awaitedCalls: 0 };
  const ast = parseAst(code) as unknown as Node;
  const scopes = new ScopeTracker(ast);
  const sites: CallSite[] = [];
  const asyncFns: Fn[] = [];
  scopes.walk((node, owner) => {
    if (node.type === 'CallExpression' && !node.optional) {
      const r = resolveCall(node, scopes);
      sites.push({ ...r, call: node, owner });
    }
    if (isFunction(node) && node.async && !node.generator) asyncFns.push(node);
  });

  // Fixpoint: a call is awaited when it blocks (sleep, http), may call a
  // function made async, calls a parameter that may receive one, or is a
  // group() or array forEach/map/… whose callback may be one (those run through
  // the bridge, one element at a time). (A group() callback that was async in
  // the source is left alone: k6 forbids those, and group() tells them apart
  // because that call is not awaited.)
  const madeAsync = new Set<Fn>();
  const asyncParams = new Map<Fn, Set<number>>();
  const isAsyncParam = (p: ParamRef) => asyncParams.get(p.fn)?.has(p.index) ?? false;
  const mayBeAsync = (t: Targets) => t.fns.some((f) => madeAsync.has(f)) || t.params.some(isAsyncParam);
  const awaited = new Set<Node>();
  for (let changed = true; changed;) {
    changed = false;
    for (const s of sites) {
      // A function made async, passed as an argument, makes that parameter of every possible callee async.
      for (const target of s.fns) {
        s.args.forEach((arg, i) => {
          if (!mayBeAsync(arg) || isAsyncParam({ fn: target, index: i })) return;
          asyncParams.set(target, (asyncParams.get(target) ?? new Set()).add(i));
          changed = true;
        });
      }
      if (awaited.has(s.call) || !s.owner) continue;
      const blocks =
        (s.host !== undefined && s.host !== 'group') ||
        s.fns.some((f) => madeAsync.has(f)) ||
        s.params.some(isAsyncParam) ||
        mayBeAsync(s.callbacks);
      if (!blocks) continue;
      if (s.owner.async) {
        awaited.add(s.call);
        changed = true;
      } else if (canMakeAsync(s.owner)) {
        awaited.add(s.call);
        madeAsync.add(s.owner);
        changed = true;
      }
      // Otherwise (getter, setter, constructor, generator) the call stays as it
      // is and the bridge reports it when it runs.
    }
  }

  const where = sourceLineMapper(code);
  const edits: Edit[] = [];
  const add = (pos: number, end: number, text: string, rank: number) =>
    edits.push({ pos, end, text, rank, seq: edits.length });
  // Callbacks of then/catch/finally are awaited by the promise they feed: the
  // bridge only has to raise the flag when the promise calls them. (Before the
  // "async " inserts, so that at one position the wrapper opens first.)
  for (const s of sites) {
    const callee = s.call.callee as Node;
    if (
      callee.type !== 'MemberExpression' ||
      callee.computed ||
      !PROMISE_METHODS.has(String((callee.property as Node).name))
    )
      continue;
    (s.call.arguments as Node[]).forEach((arg, i) => {
      const t = s.args[i];
      if (!t || !mayBeAsync(t) || arg.type === 'SpreadElement') return;
      add(arg.start, arg.start, `${BRIDGE}.awaited(`, 2);
      add(arg.end, arg.end, ')', 0);
    });
  }
  for (const fn of madeAsync) {
    const at = asyncKeywordPos(fn, code);
    add(at, at, 'async ', 2);
    const line = lineOf(code, fn.start);
    addPrologue(
      fn,
      `${BRIDGE}.enter(${JSON.stringify(`${functionName(fn)} (${where(line) ?? `bundle line ${line}`})`)})`,
      true,
      add,
    );
  }
  // Functions that were async already only clear the bridge's flag (see blocking-bridge.ts).
  for (const fn of asyncFns) addPrologue(fn, `${BRIDGE}.enter(null)`, false, add);
  // In source order, so that at one position outer calls open first and close last.
  for (const s of sites) if (awaited.has(s.call)) rewriteCall(s.call, code, add, s.arrayMethod);

  edits.sort((a, b) => a.pos - b.pos || a.rank - b.rank || (a.rank === 0 ? b.seq - a.seq : a.seq - b.seq));
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += code.slice(at, e.pos) + e.text;
    at = e.end;
  }
  out += code.slice(at);
  return { code: out, madeAsync: madeAsync.size, awaitedCalls: awaited.size };
}

type Add = (pos: number, end: number, text: string, rank: number) => void;

function addPrologue(fn: Fn, check: string, halts: boolean, add: Add): void {
  const body = fn.body as Node;
  if (body.type === 'BlockStatement') {
    add(body.start + 1, body.start + 1, halts ? `if (!${check}) return ${BRIDGE}.halt;` : `${check};`, 2);
  } else {
    add(body.start, body.start, halts ? `(${check} ? (` : `(${check}, (`, 2);
    add(body.end, body.end, halts ? `) : ${BRIDGE}.halt)` : '))', 0);
  }
}

/** `f(a)` → `(await B.call(f, void 0, a))`; `o.m(a)` → `(await B.method(o, "m", a))`; `xs.map(cb)` → `(await B.each(xs, "map", cb))`. */
function rewriteCall(call: Node, code: string, add: Add, arrayMethod: boolean): void {
  const callee = call.callee as Node;
  // The AST drops parentheses: the callee's text runs from the call's start to
  // the "(" of the arguments (only ")", spaces and comments lie after its node).
  let open = callee.end;
  while (open < call.end && code[open] !== '(') open++;
  const sep = (call.arguments as Node[]).length ? ', ' : '';
  const via = arrayMethod ? 'each' : callee.type === 'MemberExpression' ? 'method' : 'call';
  add(call.start, call.start, `(await ${BRIDGE}.${via}(`, 2);
  if (callee.type === 'MemberExpression') {
    const property = callee.property as Node;
    if (callee.computed) {
      add(code.lastIndexOf('[', property.start), property.start, ', ', 1);
      add(property.end, open + 1, sep, 1);
    } else {
      add(code.lastIndexOf('.', property.start), open + 1, `, ${JSON.stringify(property.name)}${sep}`, 1);
    }
  } else {
    add(open, open + 1, `, void 0${sep}`, 1);
  }
  add(call.end, call.end, ')', 0);
}

export function isFunction(node: Node): node is Fn {
  return (
    node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression'
  );
}

function canMakeAsync(fn: Fn): boolean {
  if (fn.generator || !fn.body) return false;
  const p = fn.parent;
  if (p && (p.type === 'MethodDefinition' || (p.type === 'Property' && p.value === fn)))
    return p.kind === 'method' || (p.type === 'Property' && p.kind === 'init');
  return true;
}

function asyncKeywordPos(fn: Fn, code: string): number {
  const p = fn.parent;
  if (p && (p.type === 'MethodDefinition' || (p.type === 'Property' && p.method))) {
    const key = p.key as Node;
    return p.computed ? code.lastIndexOf('[', key.start) : key.start;
  }
  return fn.start;
}

function functionName(fn: Fn): string {
  const id = fn.id as Node | null | undefined;
  if (id) return `function ${id.name}`;
  const p = fn.parent;
  if (p?.type === 'VariableDeclarator' && (p.id as Node).type === 'Identifier')
    return `function ${(p.id as Node).name}`;
  if ((p?.type === 'Property' || p?.type === 'MethodDefinition') && (p.key as Node).type === 'Identifier')
    return `method ${(p.key as Node).name}`;
  if (p?.type === 'CallExpression') return 'a callback';
  return 'an anonymous function';
}

function lineOf(code: string, pos: number): number {
  let line = 1;
  for (let i = code.indexOf('\n'); i !== -1 && i < pos; i = code.indexOf('\n', i + 1)) line++;
  return line;
}
