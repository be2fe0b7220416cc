// Protocol tests of diagnostics that depend on other files: a StatefulSet in one file and its Service in
// another, with pull diagnostics (refresh requests) and with push diagnostics (Neovim-like clients), and
// the workspace scan that finds Services in files nobody opened, kept current by watched-file events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, PUSH_ONLY_CAPABILITIES } from '../support/lspClient';
import { readExample, positionOf } from '../support/lspFixtures';

const EXAMPLE = readExample();
// The StatefulSet and everything after it (the example's PodDisruptionBudget), without the Service.
const STS_TEXT = EXAMPLE.slice(EXAMPLE.indexOf('apiVersion: apps/v1'));
const SVC_TEXT = EXAMPLE.slice(0, EXAMPLE.indexOf('---\n')).replace(/^#.*\n/gm, '');
const CLUSTER_IP = positionOf(SVC_TEXT, 'clusterIP: None', 'clusterIP: '.length);
const toClusterIp = { range: { start: CLUSTER_IP, end: { line: CLUSTER_IP.line, character: CLUSTER_IP.character + 4 } }, text: '10.0.0.7' };
const toHeadless = { range: { start: CLUSTER_IP, end: { line: CLUSTER_IP.line, character: CLUSTER_IP.character + 8 } }, text: 'None' };

const codes = (diagnostics: any[]) => diagnostics.map((d) => d.code);

test('making the Service in another file headless clears the StatefulSet\'s service-not-headless diagnostic (pull)', async () => {
  const { client } = await LspClient.start({ workspaceFolders: null });
  try {
    const sts = 'file:///work/cross/sts.yaml';
    const svc = 'file:///work/cross/svc.yaml';
    client.open(sts, STS_TEXT);
    client.open(svc, SVC_TEXT.replace('clusterIP: None', 'clusterIP: 10.0.0.7'));
    const before = await client.pullDiagnostics(sts);
    assert.ok(codes(before.items).includes('service-not-headless'), JSON.stringify(before.items));
    const d = before.items.find((x: any) => x.code === 'service-not-headless');
    assert.equal(d.severity, 2);
    const since = client.received.length;
    client.change(svc, [{ ...toHeadless, range: { start: CLUSTER_IP, end: { line: CLUSTER_IP.line, character: CLUSTER_IP.character + 8 } } }]);
    // The client learns that other documents' diagnostics changed, and pulls again.
    await client.pullDiagnostics(svc);
    await client.waitFor((m) => m.method === 'workspace/diagnostic/refresh', 'workspace/diagnostic/refresh', since);
    const after = await client.pullDiagnostics(sts, before.resultId);
    assert.equal(after.kind, 'full');
    assert.deepEqual(codes(after.items).filter((c) => c === 'service-not-headless'), []);
  } finally {
    await client.stop();
  }
});

test('with push diagnostics, editing the Service republishes the StatefulSet file, versioned, and close clears it', async () => {
  const { client } = await LspClient.start({ workspaceFolders: null, capabilities: PUSH_ONLY_CAPABILITIES });
  try {
    const sts = 'file:///work/push/sts.yaml';
    const svc = 'file:///work/push/svc.yaml';
    client.open(svc, SVC_TEXT);
    assert.deepEqual(await client.waitForDiagnostics(svc, 1), []);
    client.open(sts, STS_TEXT);
    assert.deepEqual(codes(await client.waitForDiagnostics(sts, 1)), []);
    const since = client.received.length;
    client.change(svc, [toClusterIp]);
    const republished = await client.waitFor(
      (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === sts && m.params.diagnostics.some((d: any) => d.code === 'service-not-headless'),
      'service-not-headless on the StatefulSet', since);
    assert.equal(republished.params.version, 1);
    const closedAt = client.received.length;
    client.close(sts);
    assert.deepEqual(await client.waitForDiagnostics(sts, undefined, closedAt), []);
  } finally {
    await client.stop();
  }
});

test('the workspace scan finds a Service in a file nobody opened, and watched-file events keep it current', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sts-lens-scan-'));
  try {
    writeFileSync(path.join(dir, 'service.yaml'), SVC_TEXT.replace('name: random-generator', 'name: from-disk'));
    mkdirSync(path.join(dir, 'node_modules'));
    writeFileSync(path.join(dir, 'node_modules', 'ignored.yaml'), SVC_TEXT.replace('name: random-generator', 'name: in-node-modules'));
    mkdirSync(path.join(dir, 'vendor'));
    writeFileSync(path.join(dir, 'vendor', 'excluded.yaml'), SVC_TEXT.replace('name: random-generator', 'name: excluded'));
    const folder = pathToFileURL(dir).href;
    const { client } = await LspClient.start({ workspaceFolders: [{ uri: folder, name: 'scan' }], settings: { exclude: ['vendor/**'] } });
    try {
      const progressEnd = await client.waitFor((m) => m.method === '$/progress' && m.params.value?.kind === 'end', 'the scan progress to end');
      assert.ok(client.received.some((m) => m.method === '$/progress' && m.params.token === progressEnd.params.token && m.params.value.kind === 'begin'));
      const sts = `${folder}/sts.yaml`;
      const text = STS_TEXT.replace('serviceName: random-generator', 'serviceName: ');
      client.open(sts, text);
      const at = positionOf(text, 'serviceName: ', 'serviceName: '.length);
      const labels = async () => (await client.request('textDocument/completion', { textDocument: { uri: sts }, position: at })).items.map((i: any) => i.label).sort();
      assert.deepEqual(await labels(), ['from-disk']);
      writeFileSync(path.join(dir, 'second.yaml'), SVC_TEXT.replace('name: random-generator', 'name: added-later'));
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: `${folder}/second.yaml`, type: 1 }, { uri: `${folder}/service.yaml`, type: 3 }] });
      // Answered in order after the notification: the completion sees the new file and not the deleted one.
      assert.deepEqual(await labels(), ['added-later']);
    } finally {
      await client.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('adding a workspace folder scans it for Services, and removing it forgets them', async () => {
  const dirA = mkdtempSync(path.join(tmpdir(), 'sts-lens-folder-a-'));
  const dirB = mkdtempSync(path.join(tmpdir(), 'sts-lens-folder-b-'));
  try {
    writeFileSync(path.join(dirB, 'service.yaml'), SVC_TEXT);
    const folderA = pathToFileURL(dirA).href;
    const folderB = pathToFileURL(dirB).href;
    const { client } = await LspClient.start({ workspaceFolders: [{ uri: folderA, name: 'a' }] });
    try {
      const sts = `${folderA}/sts.yaml`;
      // A missing Service is reported once the scan has seen the workspace, not before.
      await client.waitFor((m) => m.method === 'window/logMessage' && /^scanned 0 manifest files/.test(m.params.message), 'the scan to finish');
      client.open(sts, STS_TEXT);
      assert.ok(codes((await client.pullDiagnostics(sts)).items).includes('service-not-found'));
      client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: folderB, name: 'b' }], removed: [] } });
      // Requests after the notification are answered once the new folder is scanned.
      assert.deepEqual(codes((await client.pullDiagnostics(sts)).items), []);
      client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: folderB, name: 'b' }] } });
      assert.ok(codes((await client.pullDiagnostics(sts)).items).includes('service-not-found'));
    } finally {
      await client.stop();
    }
  } finally {
    rmSync(dirA, { recursive: true, force: true });
    rmSync(dirB, { recursive: true, force: true });
  }
});

test('closing a document takes the file\'s text on disk now, not the copy the scan read, when no watched-file event told of a save', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sts-lens-close-'));
  try {
    writeFileSync(path.join(dir, 'service.yaml'), SVC_TEXT);
    const folder = pathToFileURL(dir).href;
    // A client without watched-file events (Helix, say): the server learns of the save only by reading the file.
    const { client } = await LspClient.start({ workspaceFolders: [{ uri: folder, name: 'close' }], capabilities: PUSH_ONLY_CAPABILITIES });
    try {
      await client.waitFor((m) => m.method === 'window/logMessage' && /^scanned 1 manifest files/.test(m.params.message), 'the scan to finish');
      const sts = `${folder}/sts.yaml`;
      const svc = `${folder}/service.yaml`;
      client.open(sts, STS_TEXT);
      assert.deepEqual(codes(await client.waitForDiagnostics(sts, 1)), []);
      client.open(svc, SVC_TEXT);
      client.change(svc, [toClusterIp]);
      writeFileSync(path.join(dir, 'service.yaml'), SVC_TEXT.replace('clusterIP: None', 'clusterIP: 10.0.0.7'));
      const closedAt = client.received.length;
      client.close(svc);
      const republished = await client.waitFor(
        (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === sts && m.params.diagnostics.some((d: any) => d.code === 'service-not-headless'),
        'service-not-headless on the StatefulSet after the Service was saved and closed', closedAt);
      assert.equal(republished.params.version, 1);
      // And nothing published after the close says the Service is headless again.
      const last = client.received.filter((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === sts).at(-1);
      assert.ok(last?.params.diagnostics.some((d: any) => d.code === 'service-not-headless'), JSON.stringify(last?.params.diagnostics));
    } finally {
      await client.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
