// k6 nests checks inside groups; reports list them flat with their group path.
import type { SummaryGroup } from './results.ts';

export interface CheckOutcome {
  name: string;
  /** Group names from the root down, e.g. ['login', 'board'] (empty at root). */
  groups: string[];
  passes: number;
  fails: number;
}

export function flattenChecks(root: SummaryGroup): CheckOutcome[] {
  const out: CheckOutcome[] = [];
  const visit = (group: SummaryGroup, path: string[]): void => {
    for (const check of group.checks) {
      out.push({ name: check.name, groups: path, passes: check.passes, fails: check.fails });
    }
    for (const child of group.groups) visit(child, [...path, child.name]);
  };
  visit(root, []);
  return out;
}

export function checkLabel(check: CheckOutcome): string {
  return [...check.groups, check.name].join(' › ');
}
