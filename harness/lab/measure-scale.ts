// Measures bring-up and tear-down of labs of several sizes (warm images):
//   tsx harness/lab/measure-scale.ts 1 3 5 8 12
// Each lab must also answer a WebSocket hello through its client URL and have
// every replica UP in HAProxy before it counts as up.
import { ensureImages } from '../images/ensure-images.ts';
import { labImages } from './lab-images.ts';
import { startLab } from './index.ts';
import { BoardClient } from './testing/board-client.ts';

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
await ensureImages(labImages({ bus: 'redis', traces: false }));
for (const replicas of sizes.length ? sizes : [1, 3, 5]) {
  const started = performance.now();
  const lab = await startLab({ replicas });
  const up = (performance.now() - started) / 1000;
  let ok = false;
  try {
    const client = await BoardClient.join(lab.endpoints.clientUrl, ['scale']);
    await client.createTask('scale', 'hello');
    client.close();
    ok = (await lab.status()).replicas.every((r) => r.haproxy === 'UP');
  } finally {
    const stopping = performance.now();
    await lab.stop();
    const down = (performance.now() - stopping) / 1000;
    console.log(
      `${String(replicas).padStart(2)} replica(s): up ${up.toFixed(1)} s, down ${down.toFixed(1)} s, ${ok ? 'serving' : 'NOT serving'}`,
    );
  }
}
