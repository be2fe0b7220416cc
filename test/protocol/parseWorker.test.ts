// Protocol tests of large documents, which the server parses in a worker thread and analyses a StatefulSet at a
// time between yields: a request on another document is answered while a large file's first diagnostics are
// computed (asserted by the order of the answers, not by time); a parse of a text that was replaced meanwhile
// is never published; a worker that fails leaves the server working, parsing in-thread, with one warning.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LspClient, PUSH_ONLY_CAPABILITIES, SERVER_JS, type Message } from '../support/lspClient';
import { RANDOM_GENERATOR, positionOf, rangeOf } from '../support/lspFixtures';

const CONTENT_MODIFIED = -32801;
const OTHER = 'file:///work/big/other.yaml';
const BIG = 'file:///work/big/many.yaml';
const COPIES = 1000;

/** `copies` pairs of a headless Service and a StatefulSet named `${name}-i` (COPIES: about 850 KB), the last with a typo. */
function bigText(name: string, copies = COPIES): string {
  const docs: string[] = [];
  for (let i = 0; i < copies; i++) docs.push(RANDOM_GENERATOR.replace(/random-generator/g, `${name}-svc-${i}`).replace('name: rg\n', `name: ${name}-${i}\n`));
  docs[copies - 1] = docs[copies - 1].replace('  replicas: 2\n', '  replicas: 2\n  podManagementPolicy: Paralel\n');
  return `${docs.join('---\n')}`;
}

/** What the big text's diagnostics must be: each StatefulSet's two notices, the typo in the last one, the schema notice. */
function assertBigDiagnostics(text: string, items: any[]): void {
  const count = (code: string) => items.filter((d) => d.code === code).length;
  const codes = new Map<string, number>();
  for (const d of items) codes.set(d.code, (codes.get(d.code) ?? 0) + 1);
  assert.equal(count('no-pod-disruption-budget'), COPIES, JSON.stringify([...codes]));
  assert.equal(count('no-pod-anti-affinity'), COPIES);
  const typos = items.filter((d) => d.code === 'invalid-pod-management-policy');
  assert.deepEqual(typos.map((d) => d.range), [rangeOf(text, 'Paralel')]);
  // yaml-language-server is not given a file this large (its budget on nodes), and one notice says so.
  assert.deepEqual(items.filter((d) => d.code === 'schema-skipped').map((d) => d.range), [{ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }]);
  assert.equal(items.length, 2 * COPIES + 2, JSON.stringify([...codes]));
}

const OTHER_HOVER = { textDocument: { uri: OTHER }, position: positionOf(RANDOM_GENERATOR, 'replicas: 2', 'replicas: '.length) };

test('a hover on another document is answered, correctly, before a large file\'s first diagnostics', async () => {
  const { client } = await LspClient.start({ workspaceFolders: null, timeoutMs: 120_000 });
  try {
    client.open(OTHER, RANDOM_GENERATOR);
    await client.pullDiagnostics(OTHER);
    const warm = await client.request('textDocument/hover', OTHER_HOVER);
    const text = bigText('db');
    const since = client.received.length;
    client.open(BIG, text);
    const order: string[] = [];
    const diagnostics = client.pullDiagnostics(BIG).then((report) => {
      order.push('diagnostics of the large file');
      return report;
    });
    // Sent once the server works on the large file: it has asked for its settings (answered at once).
    await client.waitFor((m) => m.method === 'workspace/configuration' && m.params.items.some((i: any) => i.scopeUri === BIG), 'the settings of the large document', since);
    const hover = client.request('textDocument/hover', OTHER_HOVER).then((answer) => {
      order.push('hover on the other document');
      return answer;
    });
    const [report, answer] = await Promise.all([diagnostics, hover]);
    assert.deepEqual(order, ['hover on the other document', 'diagnostics of the large file']);
    assert.match(answer.contents.value, /\*\*Pods\*\* \(2\): `rg-0`, `rg-1`/);
    assert.deepEqual(answer, warm);
    assertBigDiagnostics(text, report.items);
    // The big file is read as it is: a hover on its last StatefulSet names its pods.
    const last = await client.request('textDocument/hover', { textDocument: { uri: BIG }, position: positionOf(text, 'replicas: 2', 'replicas: '.length, COPIES) });
    assert.match(last.contents.value, new RegExp(`\\*\\*Pods\\*\\* \\(2\\): \`db-${COPIES - 1}-0\`, \`db-${COPIES - 1}-1\``));
    assert.deepEqual(client.received.filter((m) => m.method === 'window/logMessage' && m.params.type <= 2), []);
  } finally {
    await client.stop();
  }
});

test('the parse of a text replaced while the worker parsed it is never published (push diagnostics)', async () => {
  const { client } = await LspClient.start({ workspaceFolders: null, capabilities: PUSH_ONLY_CAPABILITIES, timeoutMs: 120_000 });
  try {
    client.open(OTHER, RANDOM_GENERATOR);
    await client.waitForDiagnostics(OTHER, 1);
    // Four times as large (3.4 MB, under the 4 MB limit): its parse outlasts the few messages below by seconds
    // even on a loaded machine, so the change always lands while it runs.
    const first = bigText('alpha', 4 * COPIES);
    const second = bigText('beta');
    const since = client.received.length;
    const v1 = client.open(BIG, first);
    // A hover on the large document makes the server take its text and start the worker's parse …
    const staleHover = client.requestRaw('textDocument/hover', { textDocument: { uri: BIG }, position: positionOf(first, 'replicas: 2', 'replicas: '.length) });
    await client.waitFor((m) => m.method === 'workspace/configuration' && m.params.items.some((i: any) => i.scopeUri === BIG), 'the settings of the large document', since);
    // … which has begun once a request sent after the settings were answered comes back.
    await client.request('textDocument/hover', OTHER_HOVER);
    const lines = first.split('\n');
    const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
    const v2 = client.change(BIG, [{ range: { start: { line: 0, character: 0 }, end }, text: second }]);
    assert.equal(v2, v1 + 1);
    assert.equal((await staleHover.response).error?.code, CONTENT_MODIFIED);
    const published = await client.waitForDiagnostics(BIG, v2, since);
    assertBigDiagnostics(second, published);
    const pushes = client.received.slice(since).filter((m: Message) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === BIG);
    assert.deepEqual(pushes.map((m) => m.params.version), [v2]);
    const hover = await client.request('textDocument/hover', { textDocument: { uri: BIG }, position: positionOf(second, 'replicas: 2', 'replicas: '.length) });
    assert.match(hover.contents.value, /\*\*Pods\*\* \(2\): `beta-0-0`, `beta-0-1`/);
  } finally {
    await client.stop();
  }
});

const broken = mkdtempSync(path.join(tmpdir(), 'sts-lens-broken-worker-'));
after(() => rmSync(broken, { recursive: true, force: true }));

test('a parse worker that fails leaves the server answering, parsing in-thread, with one warning', async () => {
  copyFileSync(SERVER_JS, path.join(broken, 'server.js'));
  // What the server loads from beside itself, but the worker.
  for (const file of ['k8s-statefulset-lens.schema.json', 'validateK8s.js', 'isomorphicGit.js']) copyFileSync(path.join(path.dirname(SERVER_JS), file), path.join(broken, file));
  writeFileSync(path.join(broken, 'parseWorker.js'), 'throw new Error("the worker is broken");\n');
  const { client } = await LspClient.start({ workspaceFolders: null, serverJs: path.join(broken, 'server.js'), timeoutMs: 120_000 });
  try {
    // A directive keeps the text whole (it is not cut into parts the main thread parses): the worker's job.
    const text = `%YAML 1.2\n---\n${bigText('db')}`;
    client.open(BIG, text);
    assertBigDiagnostics(text, (await client.pullDiagnostics(BIG)).items);
    // Cut into parts, parsed here whether or not a worker works.
    const again = bigText('dc');
    client.open(`${BIG}.2.yaml`, again);
    assertBigDiagnostics(again, (await client.pullDiagnostics(`${BIG}.2.yaml`)).items);
    const logs = client.received.filter((m) => m.method === 'window/logMessage' && m.params.type <= 2);
    assert.equal(logs.length, 1, JSON.stringify(logs));
    assert.equal(logs[0].params.type, 2);
    assert.match(logs[0].params.message, /^The parse worker failed \(.*the worker is broken.*\); large files are parsed on the main thread from now on\.$/s);
  } finally {
    await client.stop();
  }
});
