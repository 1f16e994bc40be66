// Many official clients on their DEFAULT transports (HTTP long-polling first, then the upgrade to websocket), all
// connecting at once, as a browser app would. Prints one JSON report for DefaultTransportsIT to assert on.
// The Java side prepares the accounts and one ACTIVE session per client over REST and passes them in a file:
//   CONVRO_BASE_URL, CLIENTS_FILE: {"senderToken": "…", "clients": [{"token", "deviceId", "sessionId"}…]}
//   HOLD_MS (how long every client must stay connected, default 60000), UPGRADE_WAIT_MS (default 15000)
// Per client it records when the engine upgraded to websocket, a `pong` for an emit made right after `connect`
// (during the upgrade, when a stalled upgrade holds emits back) and another at the end, every disconnect and its
// reason, and the `dm:message` the sender pushes to its device once the hold is over.
'use strict';

const fs = require('node:fs');
const { io } = require('socket.io-client');

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
};

const BASE_URL = env('CONVRO_BASE_URL');
const PLAN = JSON.parse(fs.readFileSync(env('CLIENTS_FILE'), 'utf8'));
const HOLD_MS = Number(env('HOLD_MS', '60000'));
const UPGRADE_WAIT_MS = Number(env('UPGRADE_WAIT_MS', '15000'));
const STEP_TIMEOUT_MS = 20000;
// clientMessageIds unique to this run, so a rerun against the same accounts still gets its events
const RUN = Date.now().toString(36);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function within(ms, promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function once(socket, event) {
  return new Promise((resolve) => socket.once(event, (payload) => resolve(payload === undefined ? null : payload)));
}

async function pingPong(client) {
  const started = Date.now();
  const pong = once(client.socket, 'pong');
  client.socket.emit('ping');
  const payload = await within(STEP_TIMEOUT_MS, pong, 'pong');
  return { ms: Date.now() - started, ts: payload && payload.ts };
}

async function send(client, index) {
  const response = await fetch(new URL('/v1/dm/messages/send', BASE_URL), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${PLAN.senderToken}` },
    body: JSON.stringify({
      sessionId: client.sessionId,
      recipientDeviceId: client.deviceId,
      clientMessageId: `default-transports-${RUN}-${index}`,
      ciphertext: Buffer.from(`hello ${index}`).toString('base64'),
      authTag: Buffer.alloc(16, 7).toString('base64'),
    }),
  });
  return response.status;
}

(async () => {
  const started = Date.now();
  // every client is created in this one synchronous loop: they all connect at once
  const clients = PLAN.clients.map((plan) => {
    const client = { plan, createdAt: Date.now(), disconnects: [], errors: [] };
    client.socket = io(BASE_URL, { auth: { token: plan.token }, forceNew: true, reconnection: false });
    client.firstTransport = client.socket.io.engine.transport.name;
    client.socket.io.engine.on('upgrade', (transport) => {
      client.upgradedAfterMs = Date.now() - client.createdAt;
      client.upgradedTo = transport.name;
    });
    client.socket.on('disconnect', (reason) => client.disconnects.push({ atMs: Date.now() - started, reason }));
    client.socket.on('connect_error', (error) => client.errors.push(String(error && error.message)));
    client.message = once(client.socket, 'dm:message');
    client.connected = within(STEP_TIMEOUT_MS, once(client.socket, 'connect'), 'connect').then(() => {
      client.connectedAfterMs = Date.now() - client.createdAt;
      return pingPong(client);
    }).then((pong) => { client.firstPong = pong; }, (error) => { client.failure = String(error.message); });
    return client;
  });

  await Promise.all(clients.map((client) => client.connected));
  const upgradeDeadline = Date.now() + UPGRADE_WAIT_MS;
  while (Date.now() < upgradeDeadline && clients.some((client) => client.upgradedTo === undefined)) {
    await sleep(50);
  }

  await sleep(Math.max(0, HOLD_MS - (Date.now() - started)));
  const holdEndedAfterMs = Date.now() - started;

  await Promise.all(clients.map(async (client, index) => {
    if (!client.socket.connected) {
      return;
    }
    try {
      client.lastPong = await pingPong(client);
      const delivered = client.message;
      client.sendStatus = await send(client.plan, index);
      const message = await within(STEP_TIMEOUT_MS, delivered, 'dm:message');
      client.pushed = { messageId: message.messageId, clientMessageId: message.clientMessageId };
    } catch (error) {
      client.failure = String(error.message);
    }
  }));

  const report = {
    node: process.version,
    clients: clients.length,
    holdEndedAfterMs,
    results: clients.map((client) => ({
      deviceId: client.plan.deviceId,
      firstTransport: client.firstTransport,
      connectedAfterMs: client.connectedAfterMs ?? null,
      upgradedTo: client.upgradedTo ?? null,
      upgradedAfterMs: client.upgradedAfterMs ?? null,
      transportAtEnd: client.socket.io.engine ? client.socket.io.engine.transport.name : null,
      firstPong: client.firstPong ?? null,
      lastPong: client.lastPong ?? null,
      sendStatus: client.sendStatus ?? null,
      pushed: client.pushed ?? null,
      disconnects: client.disconnects,
      errors: client.errors,
      failure: client.failure ?? null,
    })),
  };
  // written before the sockets close, so their own closing is not counted as a disconnect
  process.stdout.write(`${JSON.stringify(report)}\n`);
  clients.forEach((client) => client.socket.close());
  process.exit(0);
})().catch((error) => {
  process.stdout.write(`${JSON.stringify({ error: String(error && error.stack || error) })}\n`);
  process.exit(1);
});
