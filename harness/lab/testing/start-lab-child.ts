// Starts a one-replica lab; the clean-up tests kill this process part-way through,
// or (with `stay`) once the lab is ready, after it printed `ready <lab id>`.
import { startLab } from '../index.ts';

const lifetime = process.argv[2] === 'detached' ? 'detached' : 'ephemeral';
const lab = await startLab({ replicas: 1, lifetime, traces: false });
if (process.argv[3] === 'stay') {
  process.stdout.write(`ready ${lab.id}\n`);
  setInterval(() => {}, 60_000);
}
