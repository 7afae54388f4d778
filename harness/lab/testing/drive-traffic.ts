import { setTimeout as sleep } from 'node:timers/promises';
import { BoardClient } from './board-client.ts';

export interface TrafficOptions {
  clients: number;
  boards: number;
  tasksPerClient: number;
  intervalMs: number;
}

/**
 * A little real traffic, bounded in count and time: clients join boards
 * through `baseUrl`, each creates tasks at a steady pace, everyone receives
 * the fan-out. Resolves with the number of acks.
 */
export async function driveTraffic(
  baseUrl: string,
  { clients = 4, boards = 2, tasksPerClient = 20, intervalMs = 200 }: Partial<TrafficOptions> = {},
): Promise<number> {
  const joined = await Promise.all(
    Array.from({ length: clients }, (_, i) =>
      BoardClient.join(baseUrl, [`traffic-${i % boards}`], { user: `driver-${i}` }),
    ),
  );
  let acks = 0;
  try {
    await Promise.all(
      joined.map(async (client, i) => {
        for (let n = 0; n < tasksPerClient; n++) {
          await client.createTask(`traffic-${i % boards}`, `task ${i}-${n}`);
          acks += 1;
          await client.ping();
          await sleep(intervalMs);
        }
      }),
    );
  } finally {
    joined.forEach((client) => client.close());
  }
  return acks;
}
