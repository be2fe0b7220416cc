// Protocol tests of the workspace scan against open documents: an opened file's first diagnostics come at
// once, while hundreds of other files are still being scanned; a Service the scan has not reached yet never
// shows as missing in between; and when the scan ends, cross-file results are refreshed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, PUSH_ONLY_CAPABILITIES, type Message } from '../support/lspClient';
import { readExample } from '../support/lspFixtures';

const EXAMPLE = readExample();
const SVC_TEXT = EXAMPLE.slice(0, EXAMPLE.indexOf('---\n')).replace(/^#.*\n/gm, '');
const STS_TEXT = EXAMPLE.slice(EXAMPLE.indexOf('apiVersion: apps/v1'), EXAMPLE.indexOf('---', EXAMPLE.indexOf('apiVersion: apps/v1')));
const FILES = 600;

/** A folder of FILES Service files (the last one is the Service `svc-599`) and some YAML that cannot matter. */
function workspaceFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sts-lens-scan-order-'));
  for (let i = 0; i < FILES; i++) writeFileSync(path.join(dir, `svc-${String(i).padStart(3, '0')}.yaml`), SVC_TEXT.replace('name: random-generator', `name: svc-${i}`));
  writeFileSync(path.join(dir, 'workflow.yml'), 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n');
  return dir;
}

/** Two StatefulSets: one governed by the Service in the last scanned file, one by a Service that exists nowhere. */
const OPENED = [
  STS_TEXT.replace('name: rg', 'name: found').replace('serviceName: random-generator', `serviceName: svc-${FILES - 1}`),
  STS_TEXT.replace('name: rg', 'name: missing').replace('serviceName: random-generator', 'serviceName: nowhere'),
].join('---\n');

const notFound = (diagnostics: any[]) => diagnostics.filter((d) => d.code === 'service-not-found').map((d) => d.message.match(/No Service named "([^"]+)"/)?.[1]);
const isScanEnd = (m: Message) => m.method === 'window/logMessage' && /^scanned \d+ manifest files/.test(m.params.message);

test('an opened file gets its diagnostics while the scan runs, with no service-not-found until the scan has seen the workspace; then they are pushed again', async () => {
  const dir = workspaceFolder();
  try {
    const folder = pathToFileURL(dir).href;
    const { client } = await LspClient.start({ workspaceFolders: [{ uri: folder, name: 'ws' }], capabilities: PUSH_ONLY_CAPABILITIES, timeoutMs: 90000 });
    try {
      const uri = `${folder}/sts.yaml`;
      client.open(uri, OPENED);
      const first = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri, 'the first diagnostics');
      const scanEnd = await client.waitFor(isScanEnd, 'the scan to finish');
      assert.equal(scanEnd.params.message, `scanned ${FILES + 1} manifest files in 1 folder(s)`);
      // The first diagnostics did not wait for the 601 files.
      assert.ok(client.received.indexOf(first) < client.received.indexOf(scanEnd), 'the first diagnostics came after the scan');
      assert.deepEqual(notFound(first.params.diagnostics), []);
      const after = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri, 'diagnostics after the scan', client.received.indexOf(scanEnd));
      assert.deepEqual(notFound(after.params.diagnostics), ['nowhere']);
      assert.match(after.params.diagnostics.find((d: any) => d.code === 'service-not-found').message, new RegExp(`found in the ${FILES + 2} files of the workspace`));
      // At no point was the Service of the last scanned file reported missing.
      const published = client.received.filter((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri);
      assert.ok(published.every((m) => !notFound(m.params.diagnostics).includes(`svc-${FILES - 1}`)));
    } finally {
      await client.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a file opened as the scan starts gets its first diagnostics before the scan parses any other file', async () => {
  // Every file holds the Service the opened StatefulSet names, with a cluster IP (not headless): once any of
  // them is parsed, the StatefulSet has a service-not-headless warning.
  const dir = mkdtempSync(path.join(tmpdir(), 'sts-lens-scan-first-'));
  const service = SVC_TEXT.replace('name: random-generator', 'name: shared').replace('  clusterIP: None\n', '');
  for (let i = 0; i < 200; i++) writeFileSync(path.join(dir, `svc-${i}.yaml`), service.replace('app: random-generator', `app: random-generator-${i}`));
  try {
    const folder = pathToFileURL(dir).href;
    const { client } = await LspClient.start({ workspaceFolders: [{ uri: folder, name: 'ws' }], capabilities: PUSH_ONLY_CAPABILITIES, timeoutMs: 90000 });
    try {
      const uri = `${folder}/sts.yaml`;
      client.open(uri, STS_TEXT.replace('serviceName: random-generator', 'serviceName: shared'));
      const first = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri, 'the first diagnostics');
      const scanEnd = await client.waitFor(isScanEnd, 'the scan to finish');
      assert.equal(first.params.version, 1);
      const codes = (m: Message) => m.params.diagnostics.map((d: any) => d.code);
      assert.ok(!codes(first).includes('service-not-headless'), `the scan parsed a file before the opened one was answered: ${codes(first)}`);
      assert.deepEqual(notFound(first.params.diagnostics), []);
      const after = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri, 'diagnostics after the scan', client.received.indexOf(scanEnd));
      assert.deepEqual(after.params.diagnostics.filter((d: any) => d.code === 'service-not-headless').map((d: any) => d.range.start.line), [5]);
    } finally {
      await client.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a pulling client is answered during the scan without service-not-found, asked to refresh when it ends, and then told', async () => {
  const dir = workspaceFolder();
  try {
    const folder = pathToFileURL(dir).href;
    const { client } = await LspClient.start({ workspaceFolders: [{ uri: folder, name: 'ws' }], timeoutMs: 90000 });
    try {
      const uri = `${folder}/sts.yaml`;
      client.open(uri, OPENED);
      const during = await client.pullDiagnostics(uri);
      const answeredAt = client.received.length;
      const scanEnd = await client.waitFor(isScanEnd, 'the scan to finish');
      assert.ok(client.received.indexOf(scanEnd) >= answeredAt, 'the pull was answered only after the scan');
      assert.deepEqual(notFound(during.items), []);
      await client.waitFor((m) => m.method === 'workspace/diagnostic/refresh', 'a diagnostic refresh after the scan', client.received.indexOf(scanEnd));
      const now = await client.pullDiagnostics(uri, during.resultId);
      assert.equal(now.kind, 'full');
      assert.deepEqual(notFound(now.items), ['nowhere']);
    } finally {
      await client.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a manifest written before the client confirms the file watcher is still read: the scan walks the folder after that', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sts-lens-scan-race-'));
  writeFileSync(path.join(dir, 'other.yaml'), SVC_TEXT.replace('name: random-generator', 'name: other'));
  try {
    const folder = pathToFileURL(dir).href;
    const { client } = await LspClient.start({ workspaceFolders: [{ uri: folder, name: 'ws' }], holdAnswers: ['client/registerCapability'], timeoutMs: 30000 });
    try {
      await client.waitFor((m) => m.method === 'client/registerCapability' && m.params.registrations.some((r: any) => r.method === 'workspace/didChangeWatchedFiles'), 'the watcher registration');
      // Written now, no event ever sent for it: only a walk that starts after the registration can see it.
      await new Promise((resolve) => setTimeout(resolve, 300));
      writeFileSync(path.join(dir, 'svc.yaml'), SVC_TEXT.replace('name: random-generator', 'name: late'));
      client.release('client/registerCapability');
      const scanEnd = await client.waitFor(isScanEnd, 'the scan to finish');
      assert.equal(scanEnd.params.message, 'scanned 2 manifest files in 1 folder(s)');
      const uri = `${folder}/sts.yaml`;
      client.open(uri, STS_TEXT.replace('serviceName: random-generator', 'serviceName: late'));
      const report = await client.pullDiagnostics(uri);
      assert.deepEqual(notFound(report.items), []);
      assert.ok(report.items.length > 0, "the StatefulSet has other findings");
    } finally {
      await client.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
