// Drives the official socket.io-client 4.x against a running Convro server and prints one JSON document
// with what it saw, for JsClientIT to assert on. The Java side prepares the accounts and the session over REST
// and passes them in the environment:
//   CONVRO_BASE_URL, ALICE_TOKEN (sender), BOB_TOKEN (recipient), BOB_DEVICE_ID, SESSION_ID
// The script itself only does what a client does after login: connect, ping, send over REST, post a receipt.
'use strict';

const { io } = require('socket.io-client');

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const BASE_URL = env('CONVRO_BASE_URL');
const ALICE_TOKEN = env('ALICE_TOKEN');
const BOB_TOKEN = env('BOB_TOKEN');
const BOB_DEVICE_ID = env('BOB_DEVICE_ID');
const SESSION_ID = env('SESSION_ID');
const STEP_TIMEOUT_MS = 20000;

function connect(transport, auth, query) {
  return io(BASE_URL, { transports: [transport], auth, query, forceNew: true, reconnection: false });
}

// the first time `event` fires on `socket`, with its first argument; a timeout names the step that hung
function next(socket, event, step) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${event} (${step})`)), STEP_TIMEOUT_MS);
    socket.once(event, (payload) => {
      clearTimeout(timer);
      resolve(payload === undefined ? null : payload);
    });
  });
}

async function rest(path, token, body) {
  const response = await fetch(new URL(path, BASE_URL), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function runOver(transport) {
  const result = { transport };
  const alice = connect(transport, { token: ALICE_TOKEN });
  const bob = connect(transport, { token: BOB_TOKEN });
  try {
    await Promise.all([next(alice, 'connect', 'alice connect'), next(bob, 'connect', 'bob connect')]);
    result.connected = { alice: alice.connected, bob: bob.connected, engine: bob.io.engine.transport.name };

    const pong = next(bob, 'pong', 'pong');
    bob.emit('ping');
    result.pong = await pong;

    const message = next(bob, 'dm:message', 'dm:message');
    result.sent = await rest('/v1/dm/messages/send', ALICE_TOKEN, {
      sessionId: SESSION_ID,
      recipientDeviceId: BOB_DEVICE_ID,
      clientMessageId: `js-${transport}`,
      ciphertext: Buffer.from(`hello over ${transport}`).toString('base64'),
      authTag: Buffer.alloc(16, 7).toString('base64'),
    });
    result.dmMessage = await message;

    const receipt = next(alice, 'dm:receipt', 'dm:receipt');
    result.receiptPosted = await rest('/v1/dm/messages/receipts', BOB_TOKEN, {
      messageId: result.dmMessage.messageId,
      status: 'DELIVERED',
    });
    result.dmReceipt = await receipt;

    for (const [name, options] of [['badAuthToken', { auth: { token: `${ALICE_TOKEN}x` } }],
                                   ['badQueryToken', { query: { token: 'not-a-jwt' } }],
                                   ['noToken', {}]]) {
      const refused = connect(transport, options.auth, options.query);
      try {
        const error = await next(refused, 'connect_error', name);
        result[name] = { message: error.message, data: error.data ?? null, connected: refused.connected };
      } finally {
        refused.close();
      }
    }
  } finally {
    alice.close();
    bob.close();
  }
  return result;
}

(async () => {
  const results = [];
  for (const transport of ['websocket', 'polling']) {
    results.push(await runOver(transport));
  }
  process.stdout.write(`${JSON.stringify({ node: process.version, results })}\n`);
  process.exit(0);
})().catch((error) => {
  process.stdout.write(`${JSON.stringify({ error: String(error && error.stack || error) })}\n`);
  process.exit(1);
});
