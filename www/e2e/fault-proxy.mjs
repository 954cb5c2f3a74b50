// A loopback HTTP proxy in front of the real host that can fail the way
// networks and servers fail: refuse the connection, answer 500 (with or
// without the host having acted), drop the connection after the host acted,
// or hold the answer back. Test plumbing between the browser and the host;
// everything it passes on is the host's own answer.

import http from "node:http";

/**
 * What the proxy does with one request:
 * - `refuse`: closes the connection at once, forwarding nothing;
 * - `500`: answers 500 itself, forwarding nothing;
 * - `500-after`: forwards, then answers 500 instead of the host's answer;
 * - `reset-after`: forwards, then closes the connection without an answer;
 * - `stall-after`: forwards, then holds the host's answer until `release()`;
 * - `stall`: holds the request, forwarding it only at `release()`.
 * @typedef {"refuse" | "500" | "500-after" | "reset-after" | "stall-after" | "stall"} Fault
 */

/** Starts the proxy for `target` (the host's URL) on a free loopback port. */
export async function startFaultProxy(target) {
  const plans = new Map();
  const held = [];
  const sockets = new Set();
  const log = [];
  const state = { down: false };

  const cors = (req) => (req.headers.origin ? { "access-control-allow-origin": req.headers.origin } : {});
  const problem = (res, req) => {
    res.writeHead(500, { "content-type": "application/problem+json", ...cors(req) });
    res.end(JSON.stringify({ type: "urn:treu:problem:internal", title: "Internal error", status: 500 }));
  };
  const forward = (req, body) =>
    new Promise((resolve, reject) => {
      const upstream = http.request(
        new URL(req.url, target),
        { method: req.method, headers: { ...req.headers, host: new URL(target).host, connection: "close" }, agent: false },
        (answer) => {
          const chunks = [];
          answer.on("data", (chunk) => chunks.push(chunk));
          answer.on("end", () => resolve({ status: answer.statusCode, headers: answer.headers, body: Buffer.concat(chunks) }));
        },
      );
      upstream.on("error", reject);
      upstream.end(body);
    });
  const reply = (res, answer) => {
    const headers = { ...answer.headers };
    delete headers["transfer-encoding"];
    delete headers.connection;
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  };

  async function handle(req, res, body) {
    const path = new URL(req.url, target).pathname;
    const key = `${req.method} ${path}`;
    const fault = state.down ? "refuse" : (plans.get(key)?.shift() ?? "pass");
    const entry = { request: key, fault, key: req.headers["idempotency-key"] ?? null, status: null, replayed: false };
    log.push(entry);
    if (fault === "refuse") return req.socket.destroy();
    if (fault === "500") return problem(res, req);
    if (fault === "stall") await new Promise((resolve) => held.push(resolve));
    let answer;
    try {
      answer = await forward(req, body);
    } catch {
      return req.socket.destroy();
    }
    entry.status = answer.status;
    entry.replayed = answer.headers["idempotent-replayed"] !== undefined;
    if (fault === "500-after") return problem(res, req);
    if (fault === "reset-after") return req.socket.destroy();
    if (fault === "stall-after") await new Promise((resolve) => held.push(resolve));
    if (!res.destroyed) reply(res, answer);
  }

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => void handle(req, res, Buffer.concat(chunks)));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    /** Every request seen: `{ request: "POST /v1/actions", fault, key, status, replayed }`. */
    log,
    /** The next requests to `method path` meet `faults`, one each, in order. */
    plan(method, path, faults) {
      plans.set(`${method} ${path}`, [...(plans.get(`${method} ${path}`) ?? []), ...faults]);
    },
    /** Faults planned and not met yet. */
    pending() {
      return [...plans.entries()].flatMap(([key, faults]) => faults.map((fault) => `${key}: ${fault}`));
    },
    /** While down, every connection is closed at once (the API is unreachable). */
    set down(value) {
      state.down = value;
      if (value) for (const socket of sockets) socket.destroy();
    },
    /** Lets every held request or answer go. */
    release() {
      for (const resolve of held.splice(0)) resolve();
    },
    async stop() {
      this.release();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
