import { access, constants } from 'node:fs/promises';

/** True when the file exists and this process may read it (or, with `executable`, run it). */
export async function canUse(path: string, { executable = false } = {}): Promise<boolean> {
  try {
    await access(path, executable ? constants.X_OK : constants.R_OK);
    return true;
  } catch {
    return false;
  }
}
