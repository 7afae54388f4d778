import { access, readFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { planSchema, toFault, type ChaosPlan } from './plan-schema.ts';

export const PLANS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'plans');

/** Every problem of a plan file, each as `file:line:column: path: what was expected, got what`. */
export class PlanError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid chaos plan:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'PlanError';
  }
}

/** A shipped plan's name (`replica-crash`) or a path to a YAML/JSON plan file. */
export async function loadPlan(nameOrPath: string): Promise<ChaosPlan> {
  const path = await resolvePlanPath(nameOrPath);
  return parsePlan(await readFile(path, 'utf8'), relative(process.cwd(), path) || path);
}

export async function resolvePlanPath(nameOrPath: string): Promise<string> {
  const candidates = /[/\\]|\.(ya?ml|json)$/.test(nameOrPath)
    ? [nameOrPath]
    : [join(PLANS_DIR, `${nameOrPath}.yaml`), nameOrPath];
  for (const candidate of candidates) {
    if (await exists(candidate)) return candidate;
  }
  throw new Error(
    `no chaos plan "${nameOrPath}"; shipped plans: ${(await shippedPlans()).join(', ')} (or give a path to a .yaml file)`,
  );
}

export async function shippedPlans(): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  return (await readdir(PLANS_DIR))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''))
    .sort();
}

/** Parses and validates plan text (YAML, or JSON which YAML reads too); `source` names it in messages. */
export function parsePlan(text: string, source = 'plan'): ChaosPlan {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${source}:${line}:${col}`;
  };
  if (doc.errors.length > 0) throw new PlanError(doc.errors.map((e) => `${at(e.pos[0])}: ${e.message.split('\n')[0]}`));
  const parsed = planSchema.safeParse(doc.toJS());
  if (!parsed.success) throw new PlanError(parsed.error.issues.map((issue) => describeIssue(issue, doc, at)));
  const plan = parsed.data;
  return {
    name: plan.name ?? basename(source).replace(/\.(ya?ml|json)$/, ''),
    description: plan.description,
    source,
    steps: plan.steps
      .map((step, index) => ({
        atMs: step.at,
        forMs: step.for,
        action: step.do,
        target: step.on,
        fault: toFault(step),
        line: lineOf(doc, ['steps', index], lineCounter),
      }))
      .sort((a, b) => a.atMs - b.atMs),
  };
}

function describeIssue(issue: z.core.$ZodIssue, doc: Document, at: (offset: number) => string): string {
  const path = issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key));
  // The deepest node that exists: a missing field is reported at the step that lacks it.
  let offset = 0;
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) {
      offset = range[0];
      break;
    }
  }
  const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : undefined;
  if (unknownKeys?.length) {
    const key = unknownKeys[0]!;
    const parent = path.length ? doc.getIn(path, true) : doc.contents;
    if (isMap(parent)) {
      const pair = parent.items.find((item) => (item.key as { value?: unknown })?.value === key);
      const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
      if (range) offset = range[0];
    }
  }
  const where = path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : String(key)),
    '',
  );
  const message = unknownKeys
    ? `unknown field ${unknownKeys.map((k) => `"${k}"`).join(', ')}; expected ${expectedFields(path)}`
    : issue.message;
  return `${at(offset)}: ${where || 'plan'}: ${message}`;
}

function expectedFields(path: PropertyKey[]): string {
  return path.length === 0 ? 'name, description, steps' : 'at, do, on, for, with, stream, toxicity';
}

function lineOf(doc: Document, path: (string | number)[], lineCounter: LineCounter): number | undefined {
  const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  return node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
