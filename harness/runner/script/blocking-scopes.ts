// Name resolution for blocking-transform.ts over an ESTree AST: which function
// (or which k6 host function) a call may reach. Deliberately simple — function
// scopes with hoisting, no block scopes, object literals, `new C()` and
// `this.m()` in classes, and by method name as a last resort. A wrong guess is
// never silent: awaiting a plain value is harmless, and a missed async callee
// is reported at run time by blocking-bridge.ts.

export interface Node {
  type: string;
  start: number;
  end: number;
  parent?: Node;
  [key: string]: unknown;
}
export type Fn = Node & { async: boolean; generator: boolean; body: Node; params: Node[] };
/** The index-th parameter of fn: a call of it may reach whatever its callers pass there. */
export interface ParamRef {
  fn: Fn;
  index: number;
}

/** What an expression used as a callee or as a callback may be. */
export interface Targets {
  fns: Fn[];
  params: ParamRef[];
}

type Binding =
  | { kind: 'fn'; fn: Fn }
  | { kind: 'param'; param: ParamRef }
  | { kind: 'host'; module: string }
  | { kind: 'hostMember'; module: string; member: string }
  | { kind: 'object'; node: Node }
  | { kind: 'new'; className: string }
  | { kind: 'class'; node: Node }
  | { kind: 'other' };

const K6_BLOCKING = new Set(['sleep', 'group']);
const BUILTIN_METHOD_NAMES = new Set([
  'get',
  'set',
  'has',
  'delete',
  'add',
  'clear',
  'push',
  'pop',
  'shift',
  'unshift',
  'map',
  'filter',
  'forEach',
  'reduce',
  'find',
  'some',
  'every',
  'includes',
  'indexOf',
  'join',
  'slice',
  'splice',
  'concat',
  'keys',
  'values',
  'entries',
  'toString',
  'valueOf',
  'then',
  'catch',
  'finally',
  'apply',
  'call',
  'bind',
  'json',
  'send',
  'close',
  'replace',
  'split',
  'trim',
  'parse',
  'stringify',
  'log',
  'error',
  'warn',
  'info',
]);
const HTTP_BLOCKING = new Set(['get', 'post', 'put', 'patch', 'del', 'head', 'options', 'request']);

export interface CallResolution {
  /** 'sleep' | 'group' | an http method when the call goes to k6's own blocking function. */
  host: string | undefined;
  fns: Fn[];
  /** The callee is a parameter of an enclosing function. */
  params: ParamRef[];
  /** For group() and array iteration (forEach, map …): what its callback may be. */
  callbacks: Targets;
  /** What each argument may be (only function-valued ones matter). */
  args: Targets[];
  /** An array method called with a callback: rewritten to the bridge's sequential each(). */
  arrayMethod: boolean;
}

/** Array methods whose callback may block: the bridge runs them one element at a time, awaiting each. */
export const ARRAY_METHODS = new Set(['forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex']);

export class ScopeTracker {
  private readonly chain: Array<Map<string, Binding>> = [];
  private readonly classes: Node[] = [];
  readonly methodsByName = new Map<string, Fn[]>();
  private readonly root: Node;

  constructor(root: Node) {
    this.root = root;
    linkParents(root, undefined, (node) => {
      const fn = methodFunction(node);
      if (fn) {
        const name = keyName(node);
        if (name) this.methodsByName.set(name, [...(this.methodsByName.get(name) ?? []), fn]);
      }
    });
  }

  /** Visits every node with the function whose body it is in (undefined at top level, in parameters and class fields). */
  walk(visit: (node: Node, owner: Fn | undefined) => void): void {
    this.chain.push(declarations(this.root));
    this.visit(this.root, undefined, visit);
  }

  lookup(name: string): Binding | undefined {
    for (let i = this.chain.length - 1; i >= 0; i--) {
      const b = this.chain[i]?.get(name);
      if (b) return b;
    }
    return undefined;
  }

  get currentClass(): Node | undefined {
    return this.classes[this.classes.length - 1];
  }

  private visit(node: Node, owner: Fn | undefined, visit: (node: Node, owner: Fn | undefined) => void): void {
    visit(node, owner);
    if (
      node.type === 'FunctionDeclaration' ||
      node.type === 'FunctionExpression' ||
      node.type === 'ArrowFunctionExpression'
    ) {
      const fn = node as Fn;
      this.chain.push(declarations(fn));
      for (const p of fn.params) this.visit(p, undefined, visit);
      this.visit(fn.body, fn, visit);
      this.chain.pop();
      return;
    }
    const isClass = node.type === 'ClassDeclaration' || node.type === 'ClassExpression';
    if (isClass) this.classes.push(node);
    const childOwner = node.type === 'PropertyDefinition' || node.type === 'StaticBlock' ? undefined : owner;
    for (const child of children(node)) this.visit(child, childOwner, visit);
    if (isClass) this.classes.pop();
  }
}

export function resolveCall(call: Node, scopes: ScopeTracker): CallResolution {
  const callee = unwrap(call.callee as Node);
  const args = call.arguments as Node[];
  const argTargets = args.map((a) => resolveTarget(unwrap(a), scopes, true));
  const out: CallResolution = {
    host: undefined,
    fns: [],
    params: [],
    callbacks: { fns: [], params: [] },
    args: argTargets,
    arrayMethod: false,
  };
  const first = argTargets[0];
  if (
    callee.type === 'MemberExpression' &&
    ARRAY_METHODS.has(memberName(callee) ?? '') &&
    first &&
    (first.fns.length || first.params.length)
  ) {
    return { ...out, callbacks: first, arrayMethod: true };
  }
  const target = resolveTarget(callee, scopes);
  if (target.host === 'group') return { ...out, host: 'group', callbacks: argTargets[1] ?? { fns: [], params: [] } };
  return { ...out, host: target.host, fns: target.fns, params: target.params };
}

function resolveTarget(e: Node, scopes: ScopeTracker, asValue = false): Targets & { host: string | undefined } {
  const out: Targets & { host: string | undefined } = { host: undefined, fns: [], params: [] };
  if (e.type === 'FunctionExpression' || e.type === 'ArrowFunctionExpression') {
    out.fns = [e as Fn];
  } else if (e.type === 'Identifier') {
    const b = scopes.lookup(String(e.name));
    if (b?.kind === 'fn') out.fns = [b.fn];
    else if (b?.kind === 'param') out.params = [b.param];
    else if (b?.kind === 'hostMember') out.host = hostBlocking(b.module, b.member);
  } else if (e.type === 'MemberExpression') {
    const name = memberName(e);
    if (name === undefined) return out;
    let object = unwrap(e.object as Node);
    if (object.type === 'MemberExpression' && memberName(object) === 'default') object = unwrap(object.object as Node);
    if (object.type === 'Identifier') {
      const b = scopes.lookup(String(object.name));
      if (b?.kind === 'host') out.host = hostBlocking(b.module, name);
      else if (b?.kind === 'object') out.fns = membersOf(b.node, name, scopes);
      else if (b?.kind === 'class') out.fns = membersOf(b.node, name, scopes);
      else if (b?.kind === 'new') {
        const cls = scopes.lookup(b.className);
        if (cls?.kind === 'class') out.fns = membersOf(cls.node, name, scopes);
      }
    } else if (object.type === 'ThisExpression' && scopes.currentClass) {
      out.fns = membersOf(scopes.currentClass, name, scopes);
    }
    // Last resort, by name — but not for names every built-in object has, or a
    // client class with a get() method would make every map.get() a wait.
    if (!out.host && !out.fns.length && !asValue && !BUILTIN_METHOD_NAMES.has(name))
      out.fns = scopes.methodsByName.get(name) ?? [];
  }
  return out;
}

function hostBlocking(module: string, member: string): string | undefined {
  return (module === 'k6' ? K6_BLOCKING : HTTP_BLOCKING).has(member) ? member : undefined;
}

/** Functions named `name` in an object literal or class body. */
function membersOf(container: Node, name: string, scopes: ScopeTracker): Fn[] {
  const members =
    container.type === 'ObjectExpression'
      ? (container.properties as Node[])
      : (((container.body as Node | undefined)?.body as Node[] | undefined) ?? []);
  const out: Fn[] = [];
  for (const m of members) {
    if (keyName(m) !== name) continue;
    const fn = methodFunction(m);
    if (fn) out.push(fn);
    else if (m.type === 'Property' && m.shorthand) {
      const b = scopes.lookup(name);
      if (b?.kind === 'fn') out.push(b.fn);
    }
  }
  return out;
}

/** The function of a class method, object method, or `key: function/arrow` property. */
function methodFunction(node: Node): Fn | undefined {
  if (node.type !== 'MethodDefinition' && node.type !== 'Property' && node.type !== 'PropertyDefinition')
    return undefined;
  const value = node.value as Node | null | undefined;
  if (!value) return undefined;
  const v = unwrap(value);
  return v.type === 'FunctionExpression' || v.type === 'ArrowFunctionExpression' ? (v as Fn) : undefined;
}

function keyName(node: Node): string | undefined {
  const key = node.key as Node | undefined;
  if (!key) return undefined;
  if (!node.computed && key.type === 'Identifier') return String(key.name);
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  return undefined;
}

function memberName(e: Node): string | undefined {
  const p = e.property as Node;
  if (!e.computed && p.type === 'Identifier') return String(p.name);
  if (e.computed && p.type === 'Literal' && typeof p.value === 'string') return p.value;
  return undefined;
}

export function unwrap(e: Node): Node {
  for (;;) {
    if (e.type === 'ParenthesizedExpression') e = e.expression as Node;
    else if (e.type === 'SequenceExpression')
      e = (e.expressions as Node[])[(e.expressions as Node[]).length - 1] as Node;
    else if (e.type === 'ChainExpression') e = e.expression as Node;
    else return e;
  }
}

/** Declarations of one function (or the program), hoisted as `var` and function declarations are; block scopes are ignored. */
function declarations(scope: Node): Map<string, Binding> {
  const out = new Map<string, Binding>();
  if (scope.type !== 'Program') {
    (scope as Fn).params.forEach((p, index) => {
      const simple =
        p.type === 'Identifier'
          ? p
          : p.type === 'AssignmentPattern' && (p.left as Node).type === 'Identifier'
            ? (p.left as Node)
            : undefined;
      if (simple) out.set(String(simple.name), { kind: 'param', param: { fn: scope as Fn, index } });
      else for (const id of patternNames(p)) out.set(id, { kind: 'other' });
    });
  }
  const body = scope.type === 'Program' ? scope : ((scope as Fn).body as Node);
  const visit = (node: Node) => {
    if (node.type === 'FunctionDeclaration') {
      const id = node.id as Node | null;
      if (id) out.set(String(id.name), { kind: 'fn', fn: node as Fn });
      return;
    }
    if (node.type === 'ClassDeclaration') {
      const id = node.id as Node | null;
      if (id) out.set(String(id.name), { kind: 'class', node });
      return;
    }
    if (
      node.type === 'FunctionExpression' ||
      node.type === 'ArrowFunctionExpression' ||
      node.type === 'ClassExpression'
    )
      return;
    if (node.type === 'VariableDeclarator') declare(node, out);
    for (const c of children(node)) visit(c);
  };
  if (body.type === 'Program' || body.type === 'BlockStatement') for (const c of children(body)) visit(c);
  return out;
}

function declare(d: Node, out: Map<string, Binding>): void {
  const id = d.id as Node;
  const init = d.init ? unwrap(d.init as Node) : undefined;
  const module = init ? requiredHostModule(init) : undefined;
  if (id.type === 'ObjectPattern') {
    for (const p of id.properties as Node[]) {
      const member = keyName(p);
      const value = p.value as Node | undefined;
      if (value?.type === 'Identifier')
        out.set(String(value.name), module && member ? { kind: 'hostMember', module, member } : { kind: 'other' });
      else for (const n of patternNames(p)) out.set(n, { kind: 'other' });
    }
    return;
  }
  if (id.type !== 'Identifier') {
    for (const n of patternNames(id)) out.set(n, { kind: 'other' });
    return;
  }
  const name = String(id.name);
  if (module) out.set(name, { kind: 'host', module });
  else if (init?.type === 'FunctionExpression' || init?.type === 'ArrowFunctionExpression')
    out.set(name, { kind: 'fn', fn: init as Fn });
  else if (init?.type === 'ObjectExpression') out.set(name, { kind: 'object', node: init });
  else if (init?.type === 'ClassExpression') out.set(name, { kind: 'class', node: init });
  else if (init?.type === 'NewExpression' && (init.callee as Node).type === 'Identifier')
    out.set(name, { kind: 'new', className: String((init.callee as Node).name) });
  else out.set(name, { kind: 'other' });
}

/** `require("k6")`, `require("k6/http")`, also wrapped as esbuild writes it: `__toESM(require("k6/http"))`. */
function requiredHostModule(init: Node): string | undefined {
  let e = init;
  if (
    e.type === 'CallExpression' &&
    (e.callee as Node).type === 'Identifier' &&
    (e.callee as Node).name !== 'require'
  ) {
    const first = (e.arguments as Node[])[0];
    if (!first) return undefined;
    e = unwrap(first);
  }
  if (e.type !== 'CallExpression' || (e.callee as Node).type !== 'Identifier' || (e.callee as Node).name !== 'require')
    return undefined;
  const arg = (e.arguments as Node[])[0];
  return arg?.type === 'Literal' && (arg.value === 'k6' || arg.value === 'k6/http') ? arg.value : undefined;
}

function patternNames(p: Node): string[] {
  const out: string[] = [];
  const visit = (n: Node) => {
    if (n.type === 'Identifier') out.push(String(n.name));
    else if (n.type === 'AssignmentPattern') visit(n.left as Node);
    else if (n.type === 'RestElement') visit(n.argument as Node);
    else if (n.type === 'ArrayPattern') {
      for (const el of (n.elements as Array<Node | null>) ?? []) if (el) visit(el);
    } else if (n.type === 'ObjectPattern')
      for (const prop of n.properties as Node[]) visit(prop.type === 'RestElement' ? prop : (prop.value as Node));
  };
  visit(p);
  return out;
}

function children(node: Node): Node[] {
  const out: Node[] = [];
  for (const [k, v] of Object.entries(node)) {
    if (k === 'parent') continue;
    if (Array.isArray(v)) {
      for (const item of v)
        if (item && typeof item === 'object' && typeof (item as Node).type === 'string') out.push(item as Node);
    } else if (v && typeof v === 'object' && typeof (v as Node).type === 'string') out.push(v as Node);
  }
  return out;
}

function linkParents(node: Node, parent: Node | undefined, each: (n: Node) => void): void {
  if (parent) node.parent = parent;
  each(node);
  for (const c of children(node)) linkParents(c, node, each);
}
