// This server and yaml-language-server 2.0.0 (the baseline, same bundled schema, validation on) side by side in
// one run: fresh processes per session, interleaved, on generated files of N headless Service + StatefulSet
// pairs, and a small file opened next to 10 MB of other YAML. Also the parse floor: a cold `yaml` parse of the
// same text in a fresh process.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startSession } from './lspSession.mjs';

const CAPS = {
  workspace: { configuration: true, workspaceFolders: true },
  textDocument: { publishDiagnostics: { versionSupport: true }, completion: { completionItem: { snippetSupport: true } }, hover: { contentFormat: ['markdown'] } },
};

/** The servers compared; `settings` answer workspace/configuration by section. */
export function servers(root) {
  const schemaUri = pathToFileURL(path.join(root, 'server/schemas/k8s-statefulset-lens.schema.json')).href;
  const node = process.execPath;
  return {
    ours: { label: 'StatefulSet Lens', command: node, args: [path.join(root, 'dist/server.js'), '--stdio'], settings: { statefulsetLens: { schemaValidation: 'on' } } },
    oursNoSchema: { label: 'StatefulSet Lens, schemaValidation off', command: node, args: [path.join(root, 'dist/server.js'), '--stdio'], settings: { statefulsetLens: { schemaValidation: 'off' } } },
    yamlLs: {
      label: 'yaml-language-server 2.0.0',
      command: node,
      args: [path.join(root, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'],
      settings: {
        yaml: {
          validate: true, hover: true, completion: true, format: { enable: false },
          schemas: { [schemaUri]: ['*.yaml', '**/*.yaml'] },
          schemaStore: { enable: false }, kubernetesCRDStore: { enable: false },
        },
        http: {}, '[yaml]': {}, editor: {}, files: {},
      },
    },
  };
}

/** `pairs` headless Services and StatefulSets (the example's first two documents, renamed per pair). */
export function generate(root, pairs) {
  const example = readFileSync(path.join(root, 'examples/random-generator.yaml'), 'utf8');
  const one = example.replace(/^#.*\n/gm, '').split(/\n---\n/).slice(0, 2).join('\n---\n');
  const docs = [];
  for (let i = 0; i < pairs; i++) docs.push(one.replace(/random-generator/g, `random-generator-${i}`).replace(/name: rg\b/, `name: rg-${i}`));
  return `${docs.join('\n---\n')}\n`;
}

/** A folder of about 10 MB of YAML: Deployments and ConfigMaps (9 MB) and Services (1 MB), none opened. */
export function generateWorkspace() {
  const dir = mkdtempSync(path.join(tmpdir(), 'sts-lens-bench-ws-'));
  const deployment = (i) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${i}\n  labels: {app: web-${i}}\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web-${i}}\n  template:\n    metadata:\n      labels: {app: web-${i}}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          ports: [{containerPort: 80}]\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-${i}\ndata:\n  a.properties: "key=value-${i}"\n  b.json: '{"x": ${i}}'\n`;
  const service = (i) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\nspec:\n  clusterIP: None\n  selector: {app: web-${i}}\n  ports:\n    - name: http\n      port: 80\n`;
  const fill = (make, bytes) => {
    let text = '';
    for (let i = 0; text.length < bytes; i++) text += `${text ? '---\n' : ''}${make(i)}`;
    return text;
  };
  mkdirSync(path.join(dir, 'apps'));
  for (let f = 0; f < 36; f++) writeFileSync(path.join(dir, 'apps', `app-${f}.yaml`), fill(deployment, 250_000));
  mkdirSync(path.join(dir, 'services'));
  for (let f = 0; f < 20; f++) writeFileSync(path.join(dir, 'services', `svc-${f}.yaml`), fill(service, 50_000));
  return dir;
}

/**
 * A cold `yaml` parse of the file in a fresh process: the floor any YAML-based server pays on open. With
 * `options`, parsed with them; a parser that throws (a stack overflow on deep nesting) still took that long.
 */
export function parseFloor(root, file, options) {
  const script = `const { parseAllDocuments } = require(${JSON.stringify(path.join(root, 'node_modules/yaml'))}); const text = require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'); const t = performance.now(); try { parseAllDocuments(text${options ? `, ${JSON.stringify(options)}` : ''}); } catch {} process.stdout.write(String(performance.now() - t));`;
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

/** yaml-language-server gets its schema settings before the document, so it validates against the schema. */
async function configured(s, server) {
  if (!server.settings.yaml) return;
  s.notify('workspace/didChangeConfiguration', { settings: server.settings });
  await s.waitFor((m) => m.method === 'workspace/configuration');
  await new Promise((resolve) => setTimeout(resolve, 100));
}

const isDiagnostics = (uri, after, version) => (m) =>
  m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.at >= after && (version === undefined || m.params.version === undefined || m.params.version === version);

/** One session on one file: start-up, didOpen → diagnostics, completion, hover, lenses, an edit → diagnostics, peak RSS. */
export async function fileSession(server, text, { requests = 5 } = {}) {
  const s = startSession(server.command, server.args, server.settings);
  await s.request('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: CAPS });
  const startup = performance.now() - s.t0;
  s.notify('initialized', {});
  await configured(s, server);
  const uri = 'file:///bench/generated.yaml';
  const tOpen = performance.now();
  s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  await s.waitFor(isDiagnostics(uri, tOpen, 1));
  const open = performance.now() - tOpen;
  const lines = text.split('\n');
  const svcLine = lines.findLastIndex((l) => l.startsWith('  serviceName: '));
  const completion = [];
  const hover = [];
  for (let i = 0; i < requests; i++) {
    let t = performance.now();
    await s.request('textDocument/completion', { textDocument: { uri }, position: { line: svcLine, character: '  serviceName: '.length } });
    completion.push(performance.now() - t);
    t = performance.now();
    await s.request('textDocument/hover', { textDocument: { uri }, position: { line: svcLine, character: 4 } });
    hover.push(performance.now() - t);
  }
  let lens;
  if (!server.settings.yaml) {
    const t = performance.now();
    await s.request('textDocument/codeLens', { textDocument: { uri } });
    lens = performance.now() - t;
  }
  // One StatefulSet's replicas changes; the time until the diagnostics of that version arrive.
  const replicasLine = lines.findLastIndex((l) => l.startsWith('  replicas: '));
  const tEdit = performance.now();
  s.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: replicasLine, character: 12 }, end: { line: replicasLine, character: lines[replicasLine].length } }, text: '5' }],
  });
  await s.waitFor(isDiagnostics(uri, tEdit, 2));
  const edit = performance.now() - tEdit;
  const rss = s.peakRssMb();
  await s.stop();
  return { startup, open, edit, completion: median(completion), hover: median(hover), lens, rss };
}

/** A small file opened right after start-up in a folder that also holds `dir`'s 10 MB: didOpen → first diagnostics. */
export async function workspaceSession(server, dir, text) {
  const folder = pathToFileURL(dir).href;
  const s = startSession(server.command, server.args, server.settings);
  await s.request('initialize', { processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'bench' }], capabilities: CAPS });
  s.notify('initialized', {});
  await configured(s, server);
  const uri = `${folder}/opened.yaml`;
  const tOpen = performance.now();
  s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  await s.waitFor(isDiagnostics(uri, tOpen, 1));
  const open = performance.now() - tOpen;
  const rss = s.peakRssMb();
  await s.stop();
  return { open, rss };
}

export const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && !Number.isNaN(x)).sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : undefined;
};

/**
 * Runs every session `runs` times, interleaving the servers, and returns the medians per server, N and metric,
 * plus the workspace case and the parse floor. `only` picks the cases ('files': the N-pair sessions and the
 * parse floor; 'workspace': the file opened next to 10 MB), `serverKeys` the servers (for an A/B of one cell).
 */
export async function runSideBySide(root, { sizes, runs, log, only = ['files', 'workspace'], serverKeys = ['ours', 'yamlLs', 'oursNoSchema'] }) {
  const all = servers(root);
  const order = serverKeys;
  const results = {};
  const dir = mkdtempSync(path.join(tmpdir(), 'sts-lens-bench-files-'));
  const workspace = generateWorkspace();
  try {
    const texts = Object.fromEntries(sizes.map((n) => [n, generate(root, n)]));
    for (const n of sizes) writeFileSync(path.join(dir, `n${n}.yaml`), texts[n]);
    for (let run = 0; run < runs; run++) {
      for (const n of only.includes('files') ? sizes : []) {
        // Rotate who goes first, so that neither server always meets a warm disk cache or a busy machine first.
        const rotated = order.map((_, i) => order[(i + run + n) % order.length]);
        for (const key of rotated) {
          const r = await fileSession(all[key], texts[n], { requests: n >= 1000 ? 3 : 5 });
          log(`run ${run + 1}/${runs} N=${n} ${all[key].label}: open ${r.open.toFixed(0)} ms, edit ${r.edit.toFixed(0)} ms, RSS ${r.rss.toFixed(0)} MB`);
          ((results[key] ??= {})[n] ??= []).push(r);
        }
        ((results.floor ??= {})[n] ??= []).push({ parse: parseFloor(root, path.join(dir, `n${n}.yaml`)) });
      }
      for (const key of only.includes('workspace') ? order.map((_, i) => order[(i + run) % order.length]) : []) {
        const r = await workspaceSession(all[key], workspace, texts[1]);
        log(`run ${run + 1}/${runs} workspace ${all[key].label}: open ${r.open.toFixed(0)} ms, RSS ${r.rss.toFixed(0)} MB`);
        ((results[key] ??= {}).workspace ??= []).push(r);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(workspace, { recursive: true, force: true });
  }
  const medians = {};
  for (const [key, byCase] of Object.entries(results)) {
    medians[key] = {};
    for (const [c, list] of Object.entries(byCase)) {
      medians[key][c] = {};
      for (const metric of Object.keys(list[0])) medians[key][c][metric] = median(list.map((r) => r[metric]));
    }
  }
  return medians;
}
