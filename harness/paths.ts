import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** The repository root, whatever the current directory. */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const composeDir = join(projectRoot, 'compose');
export const runsDir = join(projectRoot, 'reports', 'runs');
