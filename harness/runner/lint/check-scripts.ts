import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lintOptions } from './options-rules.ts';
import { lintSource, type Finding } from './static-rules.ts';

export type { Finding };

export interface CheckScriptsOptions {
  /** Files or folders; folders are searched for .js/.ts scripts (not .d.ts). */
  paths: string[];
  /** __ENV for the init contexts whose options are checked. */
  env?: Record<string, string>;
}

/**
 * Lints k6 scripts for what real k6 lacks or treats differently: every file's
 * imports, host globals, readyState use and async groups; and, for entry
 * scripts (files that export options or a default function), their options as
 * k6 validates them at config time.
 */
export async function checkScripts(opts: CheckScriptsOptions): Promise<Finding[]> {
  const files = opts.paths.flatMap(scriptFiles).sort();
  const findings: Finding[] = [];
  for (const file of files) {
    const src = readFileSync(file, 'utf8');
    findings.push(...lintSource(file, src));
    if (isEntryScript(src)) findings.push(...(await lintOptions(file, opts.env)));
  }
  return findings;
}

export function formatFinding(f: Finding, base = process.cwd()): string {
  return `${relative(base, f.file)}:${f.line}:${f.column} ${f.rule}: ${f.message}`;
}

function scriptFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => {
    const full = join(path, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : scriptFiles(full);
    return /\.(?:js|ts)$/.test(name) && !name.endsWith('.d.ts') && !name.endsWith('.test.ts') ? [full] : [];
  });
}

function isEntryScript(src: string): boolean {
  return /^export\s+(?:const\s+options\b|default\b|(?:async\s+)?function\s+(?:setup|teardown)\b)/m.test(src);
}
