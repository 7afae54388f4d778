import { createHash } from 'node:crypto';
import type { SummaryGroup } from '../../../reports/results.ts';

// k6 identifies groups and checks by path ("::outer::inner", root = "") and
// reports an md5 hex id of that path.
const SEP = '::';

function idOf(path: string): string {
  return createHash('md5').update(path).digest('hex');
}

interface CheckNode {
  name: string;
  path: string;
  id: string;
  passes: number;
  fails: number;
}

interface GroupNode {
  name: string;
  path: string;
  id: string;
  groups: Map<string, GroupNode>;
  checks: Map<string, CheckNode>;
}

export class GroupTree {
  private readonly root: GroupNode = newGroup('', '');
  private readonly byPath = new Map<string, GroupNode>([['', this.root]]);

  /** Path of a child group of `parentPath` named `name`, created on first use. */
  enter(parentPath: string, name: string): string {
    if (name.includes(SEP)) throw new Error(`group name "${name}" must not contain "${SEP}"`);
    const path = parentPath + SEP + name;
    if (!this.byPath.has(path)) {
      const node = newGroup(name, path);
      this.parent(parentPath).groups.set(name, node);
      this.byPath.set(path, node);
    }
    return path;
  }

  recordCheck(groupPath: string, name: string, passed: boolean): void {
    const group = this.parent(groupPath);
    let check = group.checks.get(name);
    if (!check) {
      const path = groupPath + SEP + name;
      check = { name, path, id: idOf(path), passes: 0, fails: 0 };
      group.checks.set(name, check);
    }
    if (passed) check.passes++;
    else check.fails++;
  }

  toSummary(): SummaryGroup {
    return toSummaryGroup(this.root);
  }

  private parent(path: string): GroupNode {
    const node = this.byPath.get(path);
    if (!node) throw new Error(`unknown group path "${path}"`);
    return node;
  }
}

function newGroup(name: string, path: string): GroupNode {
  return { name, path, id: idOf(path), groups: new Map(), checks: new Map() };
}

function toSummaryGroup(node: GroupNode): SummaryGroup {
  return {
    name: node.name,
    path: node.path,
    id: node.id,
    groups: [...node.groups.values()].map(toSummaryGroup),
    checks: [...node.checks.values()].map((c) => ({ ...c })),
  };
}
