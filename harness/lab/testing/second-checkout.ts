// A second checkout of this repository in a temporary folder, as another
// user's clone or another CI job would be: `git worktree add` of HEAD, the
// working tree's uncommitted changes laid over it (so the test runs the code
// under test in both), node_modules shared by a symlink.
import { copyFile, mkdir, mkdtemp, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { run } from '../../images/docker-cli.ts';
import { projectRoot } from '../../paths.ts';

export interface Checkout {
  root: string;
  remove(): Promise<void>;
}

export async function addSecondCheckout(): Promise<Checkout> {
  const parent = await mkdtemp(join(tmpdir(), 'swaglab-second-checkout-'));
  const root = join(parent, 'repo');
  const git = async (args: string[], input?: string, cwd = projectRoot) => {
    const result = await run('git', args, { cwd, input });
    if (result.code !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr.trim()}`);
    return result.stdout;
  };
  const remove = async () => {
    await run('git', ['worktree', 'remove', '--force', root], { cwd: projectRoot });
    await rm(parent, { recursive: true, force: true });
    await run('git', ['worktree', 'prune'], { cwd: projectRoot });
  };
  try {
    await git(['worktree', 'add', '--detach', root, 'HEAD']);
    const diff = await git(['diff', 'HEAD', '--binary']);
    if (diff) await git(['apply', '--whitespace=nowarn'], diff, root);
    const untracked = (await git(['ls-files', '--others', '--exclude-standard', '-z'])).split('\0').filter(Boolean);
    for (const file of untracked) {
      await mkdir(dirname(join(root, file)), { recursive: true });
      await copyFile(join(projectRoot, file), join(root, file));
    }
    await symlink(await realpath(join(projectRoot, 'node_modules')), join(root, 'node_modules'));
    return { root, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
