// Local HTTP server for the sync-style capacity benchmark, in its own process so
// its CPU is not counted as the runner's. Answers every request after DELAY_MS
// with a small body; prints "listening <port>" when ready.
import { createServer } from 'node:http';

const delay = Number(process.env.DELAY_MS ?? 50);
const server = createServer((req, res) => setTimeout(() => res.end('ok'), delay));
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));
