// The conformance corpus's local server: one port, HTTP and WebSocket, in its
// own process so a runner that blocks its thread (synchronous k6/http) can
// still be answered. Prints "listening <port>" when ready.
//   HTTP  GET /status/<code>      → that status, body "status <code>"
//         ANY /echo               → 200, the request body back
//         GET /delay/<ms>         → 200 after <ms> milliseconds
//         GET /json               → 200, {"name":"swag","n":1}
//   WS    /ws/echo                → echoes every message (text stays text, binary stays binary)
//         /ws/deny                → refuses the upgrade with HTTP 403
//         /ws/close/<code>        → opens, then the server closes with <code>
//         /ws/drop                → opens, then the server drops the TCP connection (1006)
//         /ws/record              → opens; on close, remembers the close code for GET /ws/last-close
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

let lastClose = 'none';
const http = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const status = /^\/status\/(\d{3})$/.exec(url.pathname);
    const delay = /^\/delay\/(\d+)$/.exec(url.pathname);
    if (status)
      return void res.writeHead(Number(status[1]), { 'content-type': 'text/plain' }).end(`status ${status[1]}`);
    if (delay) return void setTimeout(() => res.writeHead(200).end('ok'), Number(delay[1]));
    if (url.pathname === '/echo')
      return void res
        .writeHead(200, { 'content-type': req.headers['content-type'] ?? 'application/octet-stream' })
        .end(Buffer.concat(chunks));
    if (url.pathname === '/json')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"name":"swag","n":1}');
    if (url.pathname === '/ws/last-close') return void res.writeHead(200).end(lastClose);
    res.writeHead(404).end('not found');
  });
});

const wss = new WebSocketServer({ noServer: true });
http.on('upgrade', (req, socket, head) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path === '/ws/deny') {
    socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => {
    const code = /^\/ws\/close\/(\d{4})$/.exec(path);
    if (path === '/ws/echo') ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
    else if (code) setTimeout(() => ws.close(Number(code[1]), 'server says bye'), 20);
    else if (path === '/ws/drop') setTimeout(() => ws.terminate(), 20);
    else if (path === '/ws/record') ws.on('close', (c) => (lastClose = String(c)));
    else ws.close(1008, 'unknown path');
  });
});

http.listen(0, '127.0.0.1', () => console.log(`listening ${http.address().port}`));
process.on('SIGTERM', () => process.exit(0));
