/**
 * The ceiling for bench/realtime: a bare Socket.IO server (websocket transport, in-memory adapter)
 * that broadcasts a JSON payload to every connected client when POST /broadcast is called.
 * GET /lag answers the largest event-loop delay (ms) since the last GET /lag.
 * Prints its port on stdout.
 */
import { createServer } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Server } from 'socket.io';

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

const http = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/lag') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end(String(loop.max / 1e6));
    loop.reset();
    return;
  }
  if (req.method !== 'POST' || req.url !== '/broadcast') {
    res.writeHead(404).end();
    return;
  }
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    io.emit('event', JSON.parse(body));
    res.writeHead(204).end();
  });
});
const io = new Server(http, { path: '/socket.io', transports: ['websocket'], serveClient: false });
http.listen(0, '127.0.0.1', () => {
  const a = http.address();
  console.log(typeof a === 'object' && a ? a.port : 0);
});
