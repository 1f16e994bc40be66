// Connects with the official socket.io-client 4.x and prints every event it sees as one JSON line on stdout,
// so the Java integration test can read what a real JS client receives. It never decides pass/fail itself.
//
// usage: node realtime-probe.mjs <baseUrl> <websocket|polling|default> <auth|query|none> [token]
// "default" leaves the client's own choice: polling first, then the upgrade to websocket.
import { io } from "socket.io-client";

const [baseUrl, transport, tokenIn, token] = process.argv.slice(2);
const print = (event, data) => process.stdout.write(JSON.stringify({ event, data: data ?? null }) + "\n");

const options = { reconnection: false, forceNew: true, timeout: 10000 };
if (transport !== "default") options.transports = [transport];
if (tokenIn === "auth") options.auth = { token };
if (tokenIn === "query") options.query = { token };

const socket = io(baseUrl, options);
socket.on("connect", () => {
  print("connect", { transport: socket.io.engine.transport.name });
  socket.emit("ping");
});
socket.on("connect_error", (err) => {
  print("connect_error", { message: err.message, data: err.data ?? null });
  socket.close();
});
socket.on("disconnect", (reason) => print("disconnect", reason));
socket.io.on("open", () => socket.io.engine.on("upgrade", (upgraded) => print("upgrade", { transport: upgraded.name })));
socket.onAny((event, payload) => print(event, payload));

// the test ends this process; this is only a safety net so no probe outlives a crashed test
setTimeout(() => { print("probe_timeout"); process.exit(2); }, 60000).unref();
process.stdin.on("end", () => { socket.close(); process.exit(0); });
process.stdin.resume();
