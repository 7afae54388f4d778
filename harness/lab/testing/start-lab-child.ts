// Starts a one-replica lab and exits; the stale-cleanup test kills this process part-way through.
import { startLab } from '../index.ts';

const lifetime = process.argv[2] === 'detached' ? 'detached' : 'ephemeral';
await startLab({ replicas: 1, lifetime });
