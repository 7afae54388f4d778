import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { homedir } from 'node:os';

/** The repository root, whatever the current directory. */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const composeDir = join(projectRoot, 'compose');
export const runsDir = join(projectRoot, 'reports', 'runs');
/** Tools built once per machine (toxiproxy-server), shared by every checkout. */
export const toolCacheDir = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'swaglab');
