// Holds sockets of the official socket.io-client 4.x open against a Convro server, for IdleSocketsBench. The
// client's own options are kept (permessage-deflate offered, as the client does by default); only the transport
// is chosen, each socket gets its own connection (forceNew) and a refused socket is not retried.
//
// Environment: CONVRO_BASE_URL, TOKENS_FILE (one access token per line, one socket each), TRANSPORT (websocket,
// polling, or default: the client's polling-then-upgrade), CONCURRENCY (connects in flight), SAMPLE_FILE (where the
// text of the first dm:message frames goes, one JSON string per line; optional).
// Prints one JSON line once every socket is connected or refused; then, for each line "stats" read on stdin, one
// JSON line of counters. Closes every socket and exits when stdin ends.
import { io } from 'socket.io-client';
import { readFileSync, appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const BASE_URL = env('CONVRO_BASE_URL');
const TOKENS = readFileSync(env('TOKENS_FILE'), 'utf8').split('\n').filter((line) => line.length > 0);
const TRANSPORT = env('TRANSPORT', 'websocket');
const CONCURRENCY = Number(env('CONCURRENCY', '100'));
const SAMPLE_FILE = process.env.SAMPLE_FILE;
const SAMPLE_FRAMES = 200;

const sockets = [];
const counters = { connected: 0, refused: 0, events: 0, disconnects: 0, errors: {} };
let sampled = 0;

function open(token) {
  const options = { auth: { token }, forceNew: true, reconnection: false, timeout: 120000 };
  if (TRANSPORT !== 'default') options.transports = [TRANSPORT];
  const socket = io(BASE_URL, options);
  sockets.push(socket);
  socket.on('dm:message', (payload) => {
    counters.events += 1;
    if (SAMPLE_FILE && sampled < SAMPLE_FRAMES) {
      sampled += 1;
      // the text of the frame as the server sent it: engine.io MESSAGE, socket.io EVENT, then the JSON array
      appendFileSync(SAMPLE_FILE, JSON.stringify('42' + JSON.stringify(['dm:message', payload])) + '\n');
    }
  });
  socket.on('disconnect', () => { counters.disconnects += 1; });
  return new Promise((resolve) => {
    socket.once('connect', () => { counters.connected += 1; resolve(); });
    socket.once('connect_error', (error) => {
      counters.refused += 1;
      counters.errors[error.message] = (counters.errors[error.message] ?? 0) + 1;
      resolve();
    });
  });
}

const started = Date.now();
let next = 0;
async function worker() {
  while (next < TOKENS.length) {
    const token = TOKENS[next];
    next += 1;
    await open(token);
  }
}
await Promise.all(Array.from({ length: Math.min(CONCURRENCY, TOKENS.length) }, worker));
console.log(JSON.stringify({ ...counters, millis: Date.now() - started,
  transports: [...new Set(sockets.filter((s) => s.connected).map((s) => s.io.engine.transport.name))] }));

const input = createInterface({ input: process.stdin });
input.on('line', (line) => {
  if (line.trim() === 'stats') {
    console.log(JSON.stringify({ ...counters, open: sockets.filter((s) => s.connected).length }));
  }
});
input.on('close', () => {
  sockets.forEach((socket) => socket.close());
  setTimeout(() => process.exit(0), 200);
});
