import { docker } from '../images/docker-cli.ts';

/** Docker's view of each container: running, paused, exited, restarting… ('missing' when gone). */
export async function containerStates(containers: Record<string, string>): Promise<Record<string, string>> {
  const entries = Object.entries(containers);
  const result = await docker(['inspect', '--format', '{{.Id}} {{.State.Status}}', ...entries.map(([, id]) => id)]);
  const byId = new Map(
    result.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' ') as [string, string]),
  );
  return Object.fromEntries(
    entries.map(([name, id]) => [name, [...byId].find(([full]) => full.startsWith(id))?.[1] ?? 'missing']),
  );
}
