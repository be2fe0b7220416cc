// The benchmark's hostile section: every input of scripts/hostileInputs.mjs through the built CLI (`check
// --fix-dry-run` and `preview --format json`, wall time and peak RSS from /usr/bin/time -v when present, else
// from the child's resource usage) and through a fresh built server (didOpen, a diagnostics pull with a hover
// on another document sent meanwhile, then completion, hover, lenses, symbols, code actions and the preview at
// several positions: the worst request time, the JSON-RPC errors, Error log messages, and VmHWM).
// Runs alone (`node scripts/benchHostile.mjs [id…]`, exit 1 when a limit is broken) or from scripts/bench.mjs
// through `benchHostile()`, which returns the printed rows and the broken limits.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { hostileInputs } from './hostileInputs.mjs';
import { onLspMessages, writeLspMessage } from './bench/lspSession.mjs';
import { parseFloor } from './bench/sideBySide.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// BENCH_DIST measures another build (the one before a change, say) than this checkout's dist/.
const DIST = process.env.BENCH_DIST ? path.resolve(process.env.BENCH_DIST) : path.join(root, 'dist');
const SERVER = path.join(DIST, 'server.js');
const CLI = path.join(DIST, 'cli.js');

/**
 * The limits of issue 9: every request within 1 s, except a file's first diagnostics, which may take about
 * 1.5 times what the `yaml` package takes to parse the text in a fresh process; at most 300 MB; no internal error.
 */
export const LIMITS = { requestMs: 1000, firstDiagnosticsOverParse: 1.5, memoryMb: 300, cliMs: 10000 };

/** The options the analysis parses with. */
const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: false, strict: false, stringKeys: false };

/**
 * Milliseconds the `yaml` package takes to parse the text in `file` as the analysis asks it to, in a fresh
 * process (the median of three): the parse a server that has just opened the file makes, and the parse floor of
 * the side-by-side section. The first diagnostics are judged against it.
 */
function coldParseMs(file) {
  return [0, 1, 2].map(() => parseFloor(root, file, PARSE_OPTIONS)).sort((a, b) => a - b)[1];
}

/** The same parse in this process, warmed by the parses before it (the best of three): shown for reference. */
function yamlParseMs(text) {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = now();
    try {
      parseAllDocuments(text, PARSE_OPTIONS);
    } catch {
      // A stack overflow in the parser (deep nesting) still took this long.
    }
    best = Math.min(best, now() - t);
  }
  return best;
}
/** Error codes a request may legitimately answer with: ContentModified, RequestCancelled, ServerCancelled. */
const BENIGN_ERRORS = new Set([-32801, -32800, -32802]);

const now = () => performance.now();

/** BENCH_HOSTILE_CLI_TIMEOUT (seconds, default 300): a CLI run is killed after it and counted as over. */
const CLI_TIMEOUT_S = Number(process.env.BENCH_HOSTILE_CLI_TIMEOUT ?? 300);

function runCli(args, cwd) {
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  // `timeout` kills the CLI itself (killing /usr/bin/time would leave it running); time -v reports its peak.
  const command = ['timeout', '--kill-after=5', String(CLI_TIMEOUT_S), process.execPath, CLI, ...args];
  const t = now();
  const r = timeBin
    ? spawnSync(timeBin, ['-v', ...command], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(command[0], command.slice(1), { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = now() - t;
  const rssKb = timeBin ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN) : NaN;
  const exit = timeBin ? Number(/Exit status: (\d+)/.exec(r.stderr)?.[1] ?? r.status) : r.status;
  const internal = /internal error/.test(r.stderr);
  return { ms, rssMb: rssKb / 1024, exit, internal, timedOut: exit === 124 || exit === 137, stderr: r.stderr };
}

/** BENCH_HOSTILE_REQUEST_TIMEOUT (seconds, default 300): a request unanswered by then counts as an error. */
const REQUEST_TIMEOUT_S = Number(process.env.BENCH_HOSTILE_REQUEST_TIMEOUT ?? 300);

function startServer() {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
  let id = 0;
  const pending = new Map();
  const received = [];
  onLspMessages(child.stdout, (msg) => {
    if (msg.id !== undefined && !msg.method) {
      pending.get(msg.id)?.(msg);
      pending.delete(msg.id);
    } else {
      received.push(msg);
      if (msg.id !== undefined) send({ jsonrpc: '2.0', id: msg.id, result: msg.method === 'workspace/configuration' ? msg.params.items.map(() => ({})) : null });
    }
  });
  child.stderr.resume();
  const send = (m) => writeLspMessage(child.stdin, m);
  const requests = [];
  return {
    child,
    received,
    requests,
    /** Sends a request; resolves with the response, recording its time and any error. */
    request(method, params, label = method) {
      const t = now();
      return new Promise((resolve) => {
        const myId = ++id;
        const timer = setTimeout(() => pending.get(myId)?.({ error: { code: 'timeout', message: `no answer within ${REQUEST_TIMEOUT_S} s` } }), REQUEST_TIMEOUT_S * 1000);
        const exited = () => pending.get(myId)?.({ error: { code: 'exit', message: `the server exited (${child.exitCode ?? child.signalCode})` } });
        child.once('exit', exited);
        pending.set(myId, (msg) => {
          pending.delete(myId);
          clearTimeout(timer);
          child.off('exit', exited);
          requests.push({ label, ms: now() - t, error: msg.error });
          resolve(msg);
        });
        send({ jsonrpc: '2.0', id: myId, method, params });
      });
    },
    notify: (method, params) => send({ jsonrpc: '2.0', method, params }),
    vmHwm: () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024,
    async stop() {
      await new Promise((resolve) => {
        pending.set(++id, resolve);
        send({ jsonrpc: '2.0', id, method: 'shutdown', params: null });
      });
      send({ jsonrpc: '2.0', method: 'exit', params: null });
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.on('exit', resolve)));
    },
  };
}

const CAPS = {
  workspace: { configuration: true, diagnostics: { refreshSupport: true } },
  textDocument: {
    diagnostic: { dynamicRegistration: false },
    publishDiagnostics: { versionSupport: true },
    completion: { completionItem: { snippetSupport: true } },
    hover: { contentFormat: ['markdown'] },
    codeLens: {},
  },
};

/** Positions worth asking about: the start, a line in the middle, the last line, and inside the first long line. */
function probePositions(text) {
  const lines = text.split(/\r\n|\r|\n/);
  const pick = (line) => ({ line, character: Math.min(4, lines[line]?.length ?? 0) });
  const out = [pick(0), pick(Math.min(3, lines.length - 1)), pick(Math.floor(lines.length / 2)), pick(lines.length - 1)];
  const longest = lines.reduce((best, l, i) => (l.length > (lines[best]?.length ?? 0) ? i : best), 0);
  if (lines[longest].length > 200) out.push({ line: longest, character: Math.floor(lines[longest].length / 2) });
  // An empty key (`key:` with nothing after it) is where the embedded YAML library once threw on hover.
  const empty = lines.findIndex((l) => /^\s*[\w-]+:\s*$/.test(l));
  if (empty >= 0) out.push({ line: empty, character: lines[empty].indexOf(':') });
  return out;
}

/** One fresh server, one hostile document: the worst request time, errors, Error logs and peak memory. */
export async function serverSession(text, file = 'hostile.yaml') {
  const s = startServer();
  try {
    await s.request('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: CAPS }, 'warm-up');
    s.notify('initialized', {});
    const other = 'file:///bench-hostile/other.yaml';
    s.notify('textDocument/didOpen', { textDocument: { uri: other, languageId: 'yaml', version: 1, text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: other\n' } });
    await s.request('textDocument/diagnostic', { textDocument: { uri: other } }, 'warm-up');
    const uri = `file:///bench-hostile/${file}`;
    const t0 = now();
    s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const diagnostics = s.request('textDocument/diagnostic', { textDocument: { uri } }, 'first diagnostics');
    // A request on another document sent meanwhile must not wait behind this one's work for long.
    const meanwhile = s.request('textDocument/hover', { textDocument: { uri: other }, position: { line: 1, character: 2 } }, 'hover on another document meanwhile');
    const report = await diagnostics;
    const firstDiagnostics = now() - t0;
    await meanwhile;
    const positions = probePositions(text);
    for (const position of positions) {
      await s.request('textDocument/hover', { textDocument: { uri }, position }, 'hover');
      await s.request('textDocument/completion', { textDocument: { uri }, position }, 'completion');
      await s.request('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: (report.result?.items ?? []).slice(0, 5) } }, 'codeAction');
    }
    await s.request('textDocument/codeLens', { textDocument: { uri } }, 'codeLens');
    await s.request('textDocument/documentSymbol', { textDocument: { uri } }, 'documentSymbol');
    await s.request('statefulsetLens/preview', { uri }, 'preview');
    await s.request('statefulsetLens/listStatefulSets', { uri }, 'listStatefulSets');
    const hwm = s.vmHwm();
    const worst = s.requests.filter((r) => r.label !== 'warm-up').reduce((a, b) => (b.ms > a.ms ? b : a));
    const worstOther = s.requests.filter((r) => r.label !== 'warm-up' && r.label !== 'first diagnostics').reduce((a, b) => (b.ms > a.ms ? b : a));
    const errors = s.requests.filter((r) => r.error && !BENIGN_ERRORS.has(r.error.code)).map((r) => `${r.label}: ${r.error.code} ${r.error.message}`);
    const errorLogs = s.received.filter((m) => m.method === 'window/logMessage' && m.params.type === 1).map((m) => m.params.message.slice(0, 300));
    const diagnosticCount = report.result?.items?.length ?? 0;
    return { worst, worstOther, firstDiagnostics, hwm, errors, errorLogs, diagnosticCount };
  } finally {
    await Promise.race([s.stop(), new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (s.child.exitCode === null) s.child.kill();
  }
}

/**
 * Runs every hostile input (or those named) through the CLI and the server. Returns the table's rows and
 * the limits broken (empty when all hold).
 */
export async function benchHostile(ids = []) {
  if (!existsSync(SERVER) || !existsSync(CLI)) throw new Error('dist/ is missing: run node scripts/build.mjs first');
  const dir = mkdtempSync(path.join(tmpdir(), 'sts-lens-hostile-'));
  const rows = ['| input | CLI check --fix-dry-run | CLI preview --format json | CLI peak RSS | yaml parse, fresh process (warm) | server first diagnostics | server worst other request | server VmHWM | internal errors |', '|---|---|---|---|---|---|---|---|---|'];
  const broken = [];
  try {
    for (const input of hostileInputs()) {
      if (ids.length && !ids.includes(input.id)) continue;
      const file = path.join(dir, input.file);
      writeFileSync(file, input.content);
      const check = runCli(['check', input.file, '--fix-dry-run', '--no-color'], dir);
      const preview = runCli(['preview', input.file, '--format', 'json'], dir);
      const server = await serverSession(input.text, input.file);
      const cliRss = Math.max(check.rssMb, preview.rssMb);
      const problems = [];
      if (check.internal || preview.internal) problems.push('CLI internal error');
      if (check.timedOut || preview.timedOut) problems.push(`CLI killed after ${CLI_TIMEOUT_S} s`);
      if (Math.max(check.ms, preview.ms) > LIMITS.cliMs) problems.push(`CLI over ${LIMITS.cliMs} ms`);
      if (cliRss > LIMITS.memoryMb) problems.push(`CLI over ${LIMITS.memoryMb} MB`);
      writeFileSync(`${file}.text`, input.text);
      const parseMs = coldParseMs(`${file}.text`);
      const warmMs = yamlParseMs(input.text);
      const firstLimit = Math.max(LIMITS.requestMs, LIMITS.firstDiagnosticsOverParse * parseMs);
      if (server.firstDiagnostics > firstLimit) problems.push(`first diagnostics took ${server.firstDiagnostics.toFixed(0)} ms, over 1.5 × the ${parseMs.toFixed(0)} ms yaml parse in a fresh process`);
      if (server.worstOther.ms > LIMITS.requestMs) problems.push(`${server.worstOther.label} took ${server.worstOther.ms.toFixed(0)} ms`);
      if (server.hwm > LIMITS.memoryMb) problems.push(`server over ${LIMITS.memoryMb} MB`);
      problems.push(...server.errors, ...server.errorLogs.map((m) => `Error log: ${m}`));
      if (problems.length) broken.push(`${input.id}: ${problems.join('; ')}`);
      rows.push(
        `| ${input.what} | ${(check.ms / 1000).toFixed(2)} s (exit ${check.exit}) | ${(preview.ms / 1000).toFixed(2)} s (exit ${preview.exit}) | ${cliRss.toFixed(0)} MB | ${parseMs.toFixed(0)} ms (${warmMs.toFixed(0)} ms) | ${server.firstDiagnostics.toFixed(0)} ms (${(server.firstDiagnostics / parseMs).toFixed(2)}×) | ${server.worstOther.ms.toFixed(0)} ms (${server.worstOther.label}) | ${server.hwm.toFixed(0)} MB | ${server.errors.length + server.errorLogs.length} |`,
      );
      if (process.env.BENCH_HOSTILE_VERBOSE) console.error(rows[rows.length - 1], problems.join('; '));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows, broken };
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const { rows, broken } = await benchHostile(process.argv.slice(2));
  console.log(rows.join('\n'));
  if (broken.length) {
    console.error(`limits broken:\n${broken.join('\n')}`);
    process.exitCode = 1;
  }
}
