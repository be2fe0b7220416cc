// `npm run bench`: measures the built language server (dist/server.js) over stdio and the pure analysis on
// the corpus, and prints a table of real numbers: spawn → initialize, didOpen → first diagnostics, completion
// and hover latency, edit → diagnostics and peak memory (VmHWM) on a generated 100-document file, and
// whole-corpus analysis time, the scan of a generated 1,100-file workspace, and the same workspace committed to
// git (the apply plan's baseline read and planned). Each median is checked against a budget; the run exits 1
// when one is over.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = path.join(root, 'dist/server.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
if (!existsSync(SERVER)) {
  console.error('dist/server.js is missing: run node scripts/build.mjs first');
  process.exit(1);
}

/** A minimal stdio LSP client: requests, notifications, waiting for a notification. */
function startServer() {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
  let buf = Buffer.alloc(0);
  let id = 0;
  const pending = new Map();
  const waiters = [];
  child.stdout.on('data', (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, end).toString())[1]);
      if (buf.length < end + 4 + len) return;
      const msg = JSON.parse(buf.subarray(end + 4, end + 4 + len).toString('utf8'));
      buf = buf.subarray(end + 4 + len);
      if (msg.id !== undefined && !msg.method) {
        pending.get(msg.id)?.(msg);
        pending.delete(msg.id);
      } else {
        if (msg.id !== undefined) send({ jsonrpc: '2.0', id: msg.id, result: msg.method === 'workspace/configuration' ? msg.params.items.map(() => ({})) : null });
        for (let i = waiters.length - 1; i >= 0; i--) if (waiters[i].match(msg)) waiters.splice(i, 1)[0].resolve(msg);
      }
    }
  });
  const send = (m) => {
    const body = Buffer.from(JSON.stringify(m));
    child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  };
  return {
    child,
    request: (method, params) => new Promise((resolve) => {
      pending.set(++id, resolve);
      send({ jsonrpc: '2.0', id, method, params });
    }),
    notify: (method, params) => send({ jsonrpc: '2.0', method, params }),
    waitFor: (match) => new Promise((resolve) => waiters.push({ match, resolve })),
    vmHwm: () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024,
    stop: async () => {
      await new Promise((resolve) => {
        pending.set(++id, resolve);
        send({ jsonrpc: '2.0', id, method: 'shutdown', params: null });
      });
      send({ jsonrpc: '2.0', method: 'exit', params: null });
      await new Promise((resolve) => child.on('exit', resolve));
    },
  };
}

const CAPS = {
  workspace: { configuration: true },
  textDocument: { publishDiagnostics: { versionSupport: true }, completion: { completionItem: { snippetSupport: true } }, hover: { contentFormat: ['markdown'] } },
};

function generate(pairs) {
  const example = readFileSync(path.join(root, 'examples/random-generator.yaml'), 'utf8');
  const docs = [];
  for (let i = 0; i < pairs; i++) {
    const one = example.replace(/^#.*\n/gm, '').split(/\n---\n/).slice(0, 2).join('\n---\n');
    docs.push(one.replace(/random-generator/g, `random-generator-${i}`).replace(/name: rg\b/, `name: rg-${i}`));
  }
  return docs.join('\n---\n');
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
const now = () => performance.now();

async function session(text) {
  const t0 = now();
  const s = startServer();
  await s.request('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: CAPS });
  const tInit = now() - t0;
  s.notify('initialized', {});
  const uri = 'file:///bench/generated.yaml';
  const diagnostics = s.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri);
  const tOpen = now();
  s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  await diagnostics;
  const tDiag = now() - tOpen;
  const lines = text.split('\n');
  const svcLine = lines.findLastIndex((l) => l.startsWith('  serviceName: '));
  const completion = [];
  const hover = [];
  for (let i = 0; i < 10; i++) {
    let t = now();
    await s.request('textDocument/completion', { textDocument: { uri }, position: { line: svcLine, character: '  serviceName: '.length } });
    completion.push(now() - t);
    t = now();
    await s.request('textDocument/hover', { textDocument: { uri }, position: { line: svcLine, character: 4 } });
    hover.push(now() - t);
  }
  const t = now();
  await s.request('textDocument/codeLens', { textDocument: { uri } });
  const lens = now() - t;
  // An edit: one StatefulSet's replicas changes; time until the diagnostics of that version arrive.
  const replicasLine = lines.findLastIndex((l) => l.startsWith('  replicas: '));
  const edited = s.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === 2);
  const tEdit0 = now();
  s.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: replicasLine, character: 12 }, end: { line: replicasLine, character: lines[replicasLine].length } }, text: '5' }],
  });
  await edited;
  const tEdit = now() - tEdit0;
  const hwm = s.vmHwm();
  await s.stop();
  return { tInit, tDiag, completion: median(completion), hover: median(hover), lens, tEdit, hwm };
}

/** A workspace folder of `pairs` StatefulSet files, as many Service files, and unrelated YAML (CI workflows). */
function generateFolder(pairs) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sts-lens-bench-ws-'));
  const [svc, sts] = generate(1).split('\n---\n');
  for (let i = 0; i < pairs; i++) {
    const rename = (t) => t.replaceAll('random-generator-0', `random-generator-${i}`).replace('name: rg-0', `name: rg-${i}`);
    writeFileSync(path.join(dir, `sts-${i}.yaml`), rename(sts));
    writeFileSync(path.join(dir, `svc-${i}.yaml`), rename(svc));
    if (i % 5 === 0) writeFileSync(path.join(dir, `workflow-${i}.yml`), 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n');
  }
  return dir;
}

/** Spawn → scan of a workspace folder finished (work-done progress end), then one StatefulSet's first diagnostics. */
async function scanSession(dir, pairs) {
  const t0 = now();
  const s = startServer();
  await s.request('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'bench' }],
    capabilities: { ...CAPS, window: { workDoneProgress: true } },
  });
  const scanned = s.waitFor((m) => m.method === '$/progress' && m.params.value?.kind === 'end');
  s.notify('initialized', {});
  await scanned;
  const tScan = now() - t0;
  const uri = pathToFileURL(path.join(dir, `sts-${pairs - 1}.yaml`)).href;
  const diagnostics = s.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri);
  const tOpen = now();
  s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(new URL(uri), 'utf8') } });
  const published = await diagnostics;
  const tDiag = now() - tOpen;
  if (published.params.diagnostics.some((d) => d.code === 'service-not-found')) throw new Error('the scan did not find the Service file');
  const hwm = s.vmHwm();
  await s.stop();
  return { tScan, tDiag, hwm };
}

/**
 * The same workspace committed to git and packed (git gc), one StatefulSet edited in the editor (serviceName):
 * spawn → the first diagnostics carrying the apply plan's immutable-field-changed error. Measures reading the
 * baseline (every blob of the tree, from the packfile) and the plan on top of the scan.
 */
async function planSession(dir, pairs) {
  const t0 = now();
  const s = startServer();
  await s.request('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'bench' }],
    capabilities: { ...CAPS, window: { workDoneProgress: true } },
  });
  s.notify('initialized', {});
  const uri = pathToFileURL(path.join(dir, `sts-${pairs - 1}.yaml`)).href;
  const planned = s.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.some((d) => d.code === 'immutable-field-changed'));
  const text = readFileSync(new URL(uri), 'utf8').replace(/serviceName: (\S+)/, 'serviceName: $1-headless');
  s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  await planned;
  const tPlan = now() - t0;
  const hwm = s.vmHwm();
  await s.stop();
  return { tPlan, hwm };
}

function commitFolder(dir) {
  const env = { PATH: process.env.PATH, HOME: dir, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.com' };
  for (const args of [['init', '-q'], ['add', '-A'], ['commit', '-q', '-m', 'bench'], ['gc', '-q']]) {
    const r = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  }
}

async function corpusTime() {
  const corpus = path.resolve(root, '../shared/corpus');
  if (!existsSync(corpus)) return undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'sts-lens-bench-'));
  try {
    const out = path.join(dir, 'analysis.cjs');
    await esbuild.build({ entryPoints: [path.join(root, 'server/src/analysis/index.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'error' });
    const { ManifestWorkspace, DEFAULT_ANALYSIS_SETTINGS } = await import(out);
    const files = readdirSync(corpus).filter((f) => /\.ya?ml$/.test(f)).map((f) => [`file://${path.join(corpus, f)}`, readFileSync(path.join(corpus, f), 'utf8')]);
    const times = [];
    let findings = 0;
    for (let run = 0; run < 5; run++) {
      const t = now();
      const ws = new ManifestWorkspace();
      for (const [uri, text] of files) ws.setFile(uri, text);
      findings = 0;
      for (const [uri] of files) findings += ws.analyzeFile(uri, DEFAULT_ANALYSIS_SETTINGS).findings.length;
      times.push(now() - t);
    }
    return { files: files.length, bytes: files.reduce((n, [, t]) => n + t.length, 0), times, findings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const small = readFileSync(path.join(root, 'examples/random-generator.yaml'), 'utf8');
const big = generate(50);
const smallRuns = [];
const bigRuns = [];
for (let i = 0; i < RUNS; i++) {
  smallRuns.push(await session(small));
  bigRuns.push(await session(big));
}
const SCAN_PAIRS = 500;
const folder = generateFolder(SCAN_PAIRS);
const scanRuns = [];
const planRuns = [];
try {
  for (let i = 0; i < Math.min(RUNS, 3); i++) scanRuns.push(await scanSession(folder, SCAN_PAIRS));
  commitFolder(folder);
  for (let i = 0; i < Math.min(RUNS, 3); i++) planRuns.push(await planSession(folder, SCAN_PAIRS));
} finally {
  rmSync(folder, { recursive: true, force: true });
}
const corpus = await corpusTime();
// Budgets: what a user on a modest 2-core machine must get. The median is checked; the run fails when one is over.
const over = [];
const row = (what, xs, budget, unit = 'ms') => {
  const m = median(xs);
  const ok = m <= budget;
  if (!ok) over.push(what);
  return `| ${what} | ${m.toFixed(unit === 'MB' ? 1 : 0)} ${unit} | ${range(xs)} | ≤ ${budget} ${unit} | ${ok ? 'ok' : 'OVER'} |`;
};
const lines = [
  `StatefulSet Lens benchmark — node ${process.version}, ${RUNS} runs each (median, min–max); load average ${(await import('node:os')).loadavg()[0].toFixed(2)}`,
  '',
  '| measurement | median | range | budget | |',
  '|---|---|---|---|---|',
  row('spawn → initialize result', smallRuns.map((r) => r.tInit), 500),
  row('didOpen → first diagnostics, example (3 documents)', smallRuns.map((r) => r.tDiag), 1500),
  row(`didOpen → first diagnostics, generated file (100 documents, ${(big.length / 1024).toFixed(0)} KB)`, bigRuns.map((r) => r.tDiag), 2500),
  row('didChange (one replicas edit) → diagnostics, 100-document file', bigRuns.map((r) => r.tEdit), 500),
  row('completion of serviceName, 100-document file', bigRuns.map((r) => r.completion), 100),
  row('hover on serviceName, 100-document file', bigRuns.map((r) => r.hover), 100),
  row('code lenses, 100-document file', bigRuns.map((r) => r.lens), 100),
  row('VmHWM after the example', smallRuns.map((r) => r.hwm), 150, 'MB'),
  row('VmHWM after the 100-document file', bigRuns.map((r) => r.hwm), 250, 'MB'),
  row(`spawn → workspace scan done, ${SCAN_PAIRS * 2 + SCAN_PAIRS / 5} files (${SCAN_PAIRS} StatefulSets, ${SCAN_PAIRS} Services in other files)`, scanRuns.map((r) => r.tScan), 10000),
  row('didOpen → first diagnostics in that workspace (Service found in another file)', scanRuns.map((r) => r.tDiag), 1500),
  row('VmHWM after that workspace', scanRuns.map((r) => r.hwm), 400, 'MB'),
  row('spawn → first diagnostics with the apply plan, that workspace committed to git and packed (baseline of every blob read with isomorphic-git)', planRuns.map((r) => r.tPlan), 10000),
  row('VmHWM after that workspace with its git baseline', planRuns.map((r) => r.hwm), 400, 'MB'),
  corpus
    ? row(`analysis of the whole corpus (${corpus.files} files, ${(corpus.bytes / 1024).toFixed(0)} KB, ${corpus.findings} findings; parse + identities + rules)`, corpus.times, 1000)
    : '| analysis of the whole corpus | ../shared/corpus is missing: not measured | | | |',
];
console.log(lines.join('\n'));
if (over.length) {
  console.error(`over budget: ${over.join('; ')}`);
  process.exitCode = 1;
}
