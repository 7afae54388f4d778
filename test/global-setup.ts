import { removeStaleLabs } from '../harness/lab/cleanup.ts';
import { docker } from '../harness/images/docker-cli.ts';

/** Before any test: clear containers left by a killed earlier run (Ryuk cannot be pulled here, so we are our own reaper). */
export default async function setup(): Promise<void> {
  if ((await docker(['info', '--format', '{{.ServerVersion}}'])).code !== 0) return; // unit-only runs need no engine
  await removeStaleLabs((line) => console.log(line));
}
