import { HOST_ONLY_GLOBALS, K6_MODULES, K6_RENAMED, READY_STATES } from './k6-surface.ts';
import { blankNonCode, lineColumn } from './source-text.ts';

export interface Finding {
  file: string;
  line: number;
  column: number;
  rule: 'import' | 'global' | 'ready-state' | 'async-group' | 'options';
  message: string;
}

const IMPORT_RE = /\bimport\s+(type\s+)?([\s\S]*?)\s*from\s*(['"])([^'"]+)\3/g;
const BARE_IMPORT_RE = /\bimport\s*(['"])([^'"]+)\1/g;

/** Findings in one script's source that real k6 lacks or treats differently. */
export function lintSource(file: string, src: string): Finding[] {
  const findings: Finding[] = [];
  const at = (offset: number, rule: Finding['rule'], message: string) =>
    findings.push({ file, ...lineColumn(src, offset), rule, message });
  const noComments = blankNonCode(src, { strings: false });
  const code = blankNonCode(src, { strings: true });

  const wsNames = new Set<string>();
  const groupNames = new Set<string>();
  for (const m of noComments.matchAll(IMPORT_RE)) {
    const typeOnly = Boolean(m[1]);
    const clause = m[2] as string;
    const spec = m[4] as string;
    const offset = m.index ?? 0;
    if (typeOnly) continue;
    if (spec.startsWith('.')) continue;
    if (/^https:\/\/jslib\.k6\.io\//.test(spec)) continue;
    const renamed = K6_RENAMED[spec];
    if (renamed) {
      at(offset, 'import', `"${spec}" is deprecated in k6; import from "${renamed}"`);
      continue;
    }
    const exportsOf = K6_MODULES[spec];
    if (!exportsOf) {
      at(
        offset,
        'import',
        `"${spec}" is not a k6 module; k6 scripts can import relative files, k6/* modules and https:// jslib modules`,
      );
      continue;
    }
    for (const { imported, local } of importedNames(clause)) {
      if (!exportsOf.includes(imported))
        at(offset, 'import', `k6 module "${spec}" has no export "${imported}"; it has ${exportsOf.join(', ')}`);
      if (spec === 'k6/websockets' && imported === 'WebSocket') wsNames.add(local);
      if (spec === 'k6' && imported === 'group') groupNames.add(local);
    }
  }
  for (const m of noComments.matchAll(BARE_IMPORT_RE)) {
    const spec = m[2] as string;
    if (!spec.startsWith('.') && !K6_MODULES[spec]) at(m.index ?? 0, 'import', `"${spec}" is not a k6 module`);
  }

  for (const [name, instead] of Object.entries(HOST_ONLY_GLOBALS)) {
    if (declares(code, name)) continue;
    for (const m of code.matchAll(new RegExp(`(?<![\\w$.])${escape(name)}(?![\\w$])(?!\\s*:)`, 'g'))) {
      if (isTypePosition(code, m.index ?? 0)) continue;
      at(m.index ?? 0, 'global', `"${name}" is not a global in k6; use ${instead}`);
    }
  }

  for (const ws of wsNames) {
    for (const m of code.matchAll(new RegExp(`(?<![\\w$.])${escape(ws)}\\.(${READY_STATES.join('|')})\\b`, 'g'))) {
      at(
        m.index ?? 0,
        'ready-state',
        `${ws}.${m[1]} on the constructor is not in every k6; use the instance's ${m[1]} (socket.${m[1]}) or the number ${READY_STATES.indexOf(m[1] as (typeof READY_STATES)[number])}`,
      );
    }
  }
  for (const g of groupNames) {
    for (const m of code.matchAll(new RegExp(`(?<![\\w$.])${escape(g)}\\s*\\(\\s*[^,()]+,\\s*async\\b`, 'g'))) {
      at(m.index ?? 0, 'async-group', 'k6 rejects async functions in group(); keep the group body synchronous');
    }
  }
  return findings;
}

function importedNames(clause: string): Array<{ imported: string; local: string }> {
  const names: Array<{ imported: string; local: string }> = [];
  const braces = /\{([\s\S]*)\}/.exec(clause);
  const head = clause
    .replace(/\{[\s\S]*\}/, '')
    .replace(/,/g, ' ')
    .trim();
  if (head && !head.startsWith('*')) names.push({ imported: 'default', local: head.split(/\s+/)[0] as string });
  for (const part of (braces?.[1] ?? '').split(',')) {
    const p = part.trim();
    if (!p || p.startsWith('type ')) continue;
    const [imported, local] = p.split(/\s+as\s+/).map((s) => s.trim());
    names.push({ imported: imported as string, local: local ?? (imported as string) });
  }
  return names;
}

/** A local declaration shadows the global (const/let/var/function/class/param-like uses are out of scope here). */
function declares(code: string, name: string): boolean {
  return new RegExp(`\\b(?:const|let|var|function|class)\\s+${escape(name)}\\b`).test(code);
}

/** `x: Buffer` or `<Buffer>` in TypeScript types is not a runtime use. */
function isTypePosition(code: string, offset: number): boolean {
  return /(?::|<|\|)\s*$/.test(code.slice(Math.max(0, offset - 40), offset));
}

function escape(s: string): string {
  return s.replace(/[$]/g, '\\$');
}
