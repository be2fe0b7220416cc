// A minimal stdio LSP client for the benchmark: spawns a language server, answers its requests (settings by
// section from `settings`, null otherwise), and times requests and notifications. One process per session.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Calls `onMessage` with each JSON-RPC message framed by Content-Length headers on `stream`. */
export function onLspMessages(stream, onMessage) {
  let buf = Buffer.alloc(0);
  stream.on('data', (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, end).toString())[1]);
      if (buf.length < end + 4 + len) return;
      const msg = JSON.parse(buf.subarray(end + 4, end + 4 + len).toString('utf8'));
      buf = buf.subarray(end + 4 + len);
      onMessage(msg);
    }
  });
}

/** Writes one JSON-RPC message with its Content-Length header. */
export function writeLspMessage(stream, message) {
  const body = Buffer.from(JSON.stringify(message));
  stream.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
}

export function startSession(command, args, settings = {}) {
  const t0 = performance.now();
  const child = spawn(command, args, { stdio: 'pipe' });
  let id = 0;
  const pending = new Map();
  const waiters = [];
  const received = [];
  onLspMessages(child.stdout, (msg) => {
    if (msg.id !== undefined && !msg.method) {
      pending.get(msg.id)?.(msg);
      pending.delete(msg.id);
      return;
    }
    if (msg.id !== undefined) {
      const result = msg.method === 'workspace/configuration' ? msg.params.items.map((item) => settings[item.section] ?? null) : null;
      send({ jsonrpc: '2.0', id: msg.id, result });
    }
    msg.at = performance.now();
    received.push(msg);
    for (let i = waiters.length - 1; i >= 0; i--) if (waiters[i].match(msg)) waiters.splice(i, 1)[0].resolve(msg);
  });
  child.stderr.on('data', () => undefined);
  const send = (m) => writeLspMessage(child.stdin, m);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return {
    t0,
    received,
    request: (method, params) => new Promise((resolve) => {
      pending.set(++id, resolve);
      send({ jsonrpc: '2.0', id, method, params });
    }),
    notify: (method, params) => send({ jsonrpc: '2.0', method, params }),
    /** The first message matching, already received or still to come; rejects after `timeoutMs`. */
    waitFor: (match, timeoutMs = 120000) => {
      const seen = received.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('benchmark session timed out')), timeoutMs);
        waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      });
    },
    /** Peak resident set size so far, in MB. */
    peakRssMb: () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024,
    stop: async () => {
      await Promise.race([
        new Promise((resolve) => {
          pending.set(++id, resolve);
          send({ jsonrpc: '2.0', id, method: 'shutdown', params: null });
        }),
        new Promise((resolve) => setTimeout(resolve, 5000)),
      ]);
      send({ jsonrpc: '2.0', method: 'exit', params: null });
      const timer = setTimeout(() => child.kill(), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
