// Local WebSocket server for the capacity benchmark, in its own process so its
// CPU is not counted as the runner's. Sends RATE messages/s of SIZE bytes to
// every client (in 10 ms batches); prints "listening <port>" when ready.
import { WebSocketServer } from 'ws';

const rate = Number(process.env.RATE ?? 0);
const payload = 'x'.repeat(Number(process.env.SIZE ?? 100));
const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
const clients = new Set();
server.on('connection', (socket) => {
  clients.add(socket);
  socket.on('close', () => clients.delete(socket));
});
server.on('listening', () => console.log(`listening ${server.address().port}`));
let carry = 0;
if (rate > 0) {
  setInterval(() => {
    carry += rate / 100;
    const n = Math.floor(carry);
    carry -= n;
    for (const socket of clients) {
      // Skip sockets whose buffer backs up: offered load adapts to what the runner reads.
      if (socket.bufferedAmount > 1 << 20) continue;
      for (let i = 0; i < n; i++) socket.send(payload);
    }
  }, 10);
}
process.on('SIGTERM', () => process.exit(0));
