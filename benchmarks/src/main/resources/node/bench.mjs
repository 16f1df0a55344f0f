// Node's built-in WebSocket (undici's, run with --experimental-websocket on Node 20) doing the harness's workloads, the
// same way as the Java clients (Workloads.java): node bench.mjs SETTINGS_JSON ECHO_URL WORKLOAD...
// Prints RESULT client=node workload=W metric=value ... per workload. No npm dependency.
const settings = JSON.parse(process.argv[2]);
const echo = process.argv[3];
const workloads = process.argv.slice(4);
const TEXT_64 = "0123456789abcdef".repeat(4);
const BINARY_SIZE = 64 * 1024;
const now = () => process.hrtime.bigint();

function connect(onMessage) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(echo);
    ws.binaryType = "arraybuffer";
    ws.onopen = () => resolve(ws);
    ws.onerror = (e) => reject(new Error("connect failed: " + (e.message || e.type)));
    if (onMessage) ws.onmessage = (e) => onMessage(ws, e.data);
  });
}

function percentile(sorted, p) {
  const i = Math.max(0, Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1));
  return Number(sorted[i]);
}

function sortBig(a) {
  return a.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

async function latency() {
  const warmup = settings.latencyWarmup, n = settings.latencyCount;
  const rtt = new Array(n);
  let count = 0, sentAt = 0n;
  let finish;
  const done = new Promise((r) => (finish = r));
  const ws = await connect((socket) => {
    const t = now();
    const k = count++;
    if (k >= warmup) rtt[k - warmup] = t - sentAt;
    if (k + 1 === warmup + n) return finish();
    sentAt = now();
    socket.send(TEXT_64);
  });
  sentAt = now();
  ws.send(TEXT_64);
  await done;
  ws.close();
  sortBig(rtt);
  return { p50_us: percentile(rtt, 0.5) / 1e3, p99_us: percentile(rtt, 0.99) / 1e3, p999_us: percentile(rtt, 0.999) / 1e3 };
}

async function pipelined(binary, n, window) {
  const payload = new Uint8Array(BINARY_SIZE).map((_, i) => i & 0xff);
  let received = 0, sent = 0, batch = 0, finish;
  const send = (ws) => {
    while (sent < batch && sent - received < window) {
      sent++;
      ws.send(binary ? payload : TEXT_64);
    }
  };
  const ws = await connect((socket) => {
    received++;
    if (received === batch) return finish();
    send(socket);
  });
  let elapsed = 0n;
  for (const size of [n, n]) {
    received = 0; sent = 0; batch = size;
    const done = new Promise((r) => (finish = r));
    const start = now();
    send(ws);
    await done;
    elapsed = now() - start;
  }
  ws.close();
  const seconds = Number(elapsed) / 1e9;
  const size = binary ? BINARY_SIZE : TEXT_64.length;
  return { msgs_per_s: n / seconds, mb_per_s: (n * size) / seconds / 1e6 };
}

async function openMany(n, handlerFor) {
  const sockets = new Array(n);
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      sockets[i] = await connect(handlerFor(i));
    }
  };
  await Promise.all(Array.from({ length: Math.min(settings.connectParallel, n) }, worker));
  return sockets;
}

async function fanout() {
  const connections = settings.fanoutConnections, trips = settings.fanoutRoundTrips;
  const rtt = new Array(connections * trips);
  const sentAt = new Array(connections).fill(0n);
  const replies = new Array(connections).fill(0);
  let finished = 0, finish;
  const done = new Promise((r) => (finish = r));
  const sockets = await openMany(connections, (i) => (socket) => {
    const t = now();
    const k = replies[i]++;
    rtt[i * trips + k] = t - sentAt[i];
    if (k + 1 === trips) {
      if (++finished === connections) finish();
      return;
    }
    sentAt[i] = now();
    socket.send(TEXT_64);
  });
  const start = now();
  sockets.forEach((ws, i) => {
    sentAt[i] = now();
    ws.send(TEXT_64);
  });
  await done;
  const elapsed = Number(now() - start) / 1e9;
  sockets.forEach((ws) => ws.close());
  sortBig(rtt);
  return { rtt_per_s: (connections * trips) / elapsed, p50_us: percentile(rtt, 0.5) / 1e3, p99_us: percentile(rtt, 0.99) / 1e3 };
}

async function connectRate() {
  const n = settings.connectCount;
  (await connect()).close();
  const open = [];
  let start = now();
  for (let i = 0; i < n; i++) open.push(await connect());
  const sequential = n / (Number(now() - start) / 1e9);
  start = now();
  open.push(...(await openMany(n, () => undefined)));
  const parallel = n / (Number(now() - start) / 1e9);
  open.forEach((ws) => ws.close());
  return { seq_per_s: sequential, par_per_s: parallel };
}

const runners = {
  latency,
  text: () => pipelined(false, settings.textCount, settings.textWindow),
  binary: () => pipelined(true, settings.binaryCount, settings.binaryWindow),
  fanout,
  connect: connectRate,
};

try {
  if (typeof WebSocket !== "function") throw new Error("no global WebSocket: run Node 22+, or Node 20 with --experimental-websocket");
  for (const w of workloads) {
    if (!runners[w]) throw new Error("unknown workload " + w);
    const figures = await runners[w]();
    console.log(`RESULT client=node workload=${w} ` + Object.entries(figures).map(([k, v]) => `${k}=${v}`).join(" "));
  }
  process.exit(0);
} catch (e) {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
}
