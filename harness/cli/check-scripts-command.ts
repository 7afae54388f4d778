import type { Command } from 'commander';
import { checkScripts, formatFinding } from '../runner/lint/check-scripts.ts';

/** `swaglab check-scripts [paths...]`: lint scenarios for what real k6 lacks or treats differently; exit 1 on a finding. */
export function registerCheckScriptsCommand(program: Command): void {
  program
    .command('check-scripts [paths...]')
    .description(
      'lint k6 scripts (default: scenarios/) for imports, globals, thresholds, options and WebSocket use real k6 lacks or treats differently',
    )
    .action(async (paths: string[]) => {
      const findings = await checkScripts({ paths: paths.length ? paths : ['scenarios'] });
      for (const f of findings) console.log(formatFinding(f));
      console.log(findings.length ? `${findings.length} finding(s)` : 'no findings: the scripts are valid k6');
      if (findings.length) process.exitCode = 1;
    });
}
