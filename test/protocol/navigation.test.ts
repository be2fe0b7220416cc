// Protocol tests of Go to Definition and Find References against the built dist/server.js over stdio: a
// serviceName resolved in another file (open, and on disk after the workspace scan), a Service's references
// from two StatefulSets, a volumeMount to its claim template, and location links for clients that take them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FULL_CAPABILITIES, LspClient } from '../support/lspClient';
import { RANDOM_GENERATOR, RG_SERVICE_ONLY, RG_STATEFULSET_ONLY, positionOf, rangeOf } from '../support/lspFixtures';

const SERVICE_NAME = rangeOf(RG_SERVICE_ONLY, 'random-generator');
/** The range of `random-generator` in `serviceName: random-generator`. */
function serviceNameValue(text: string) {
  const start = positionOf(text, 'serviceName: random-generator', 'serviceName: '.length);
  return { start, end: { line: start.line, character: start.character + 'random-generator'.length } };
}

test('the server advertises definition and references', async () => {
  const { client, initialize } = await LspClient.start({ workspaceFolders: null });
  try {
    assert.equal(initialize.capabilities.definitionProvider, true);
    assert.equal(initialize.capabilities.referencesProvider, true);
  } finally {
    await client.stop();
  }
});

test('definition on serviceName lands on the Service\'s metadata.name in another open file', async () => {
  const { client } = await LspClient.start({ workspaceFolders: null });
  try {
    const sts = 'file:///work/nav/sts.yaml';
    const svc = 'file:///work/nav/svc.yaml';
    client.open(svc, RG_SERVICE_ONLY);
    client.open(sts, RG_STATEFULSET_ONLY);
    const result = await client.request('textDocument/definition', {
      textDocument: { uri: sts },
      position: positionOf(RG_STATEFULSET_ONLY, 'serviceName: random-generator', 'serviceName: ran'.length),
    });
    assert.deepEqual(result, [{ uri: svc, range: SERVICE_NAME }]);
  } finally {
    await client.stop();
  }
});

test('definition on serviceName finds a Service in a file nobody opened, read by the workspace scan', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sts-lens-nav-'));
  try {
    writeFileSync(path.join(dir, 'service.yaml'), RG_SERVICE_ONLY);
    const folder = pathToFileURL(dir).href;
    const { client } = await LspClient.start({ workspaceFolders: [{ uri: folder, name: 'nav' }] });
    try {
      await client.waitFor((m) => m.method === '$/progress' && m.params.value?.kind === 'end', 'the scan progress to end');
      const sts = `${folder}/sts.yaml`;
      client.open(sts, RG_STATEFULSET_ONLY);
      const result = await client.request('textDocument/definition', {
        textDocument: { uri: sts },
        position: positionOf(RG_STATEFULSET_ONLY, 'serviceName: random-generator', 'serviceName: '.length),
      });
      assert.deepEqual(result, [{ uri: `${folder}/service.yaml`, range: SERVICE_NAME }]);
    } finally {
      await client.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('references of a Service name list the serviceName of both StatefulSets naming it, with the declaration when asked', async () => {
  const { client } = await LspClient.start({ workspaceFolders: null });
  try {
    const svc = 'file:///work/refs/svc.yaml';
    const a = 'file:///work/refs/a.yaml';
    const b = 'file:///work/refs/b.yaml';
    const other = 'file:///work/refs/other.yaml';
    const bText = RG_STATEFULSET_ONLY.replace('name: rg', 'name: rg-b');
    client.open(svc, RG_SERVICE_ONLY);
    client.open(a, RG_STATEFULSET_ONLY);
    client.open(b, bText);
    client.open(other, RG_STATEFULSET_ONLY.replace('serviceName: random-generator', 'serviceName: something-else'));
    const at = { textDocument: { uri: svc }, position: positionOf(RG_SERVICE_ONLY, 'random-generator', 3) };
    const withDeclaration = await client.request('textDocument/references', { ...at, context: { includeDeclaration: true } });
    assert.deepEqual(withDeclaration, [
      { uri: svc, range: SERVICE_NAME },
      { uri: a, range: serviceNameValue(RG_STATEFULSET_ONLY) },
      { uri: b, range: serviceNameValue(bText) },
    ]);
    const usesOnly = await client.request('textDocument/references', { ...at, context: { includeDeclaration: false } });
    assert.deepEqual(usesOnly, withDeclaration.slice(1));
  } finally {
    await client.stop();
  }
});

test('definition on a volumeMount name lands on the claim template\'s metadata.name', async () => {
  const { client } = await LspClient.start({ workspaceFolders: null });
  try {
    const uri = 'file:///work/nav/rg.yaml';
    client.open(uri, RANDOM_GENERATOR);
    const result = await client.request('textDocument/definition', {
      textDocument: { uri },
      position: positionOf(RANDOM_GENERATOR, '- name: logs', '- name: lo'.length),
    });
    const claimName = positionOf(RANDOM_GENERATOR, 'name: logs', 'name: '.length, 2);
    assert.deepEqual(result, [{ uri, range: { start: claimName, end: { line: claimName.line, character: claimName.character + 4 } } }]);
  } finally {
    await client.stop();
  }
});

test('a client with link support gets a location link whose origin is the whole serviceName value', async () => {
  const capabilities = { ...FULL_CAPABILITIES, textDocument: { ...FULL_CAPABILITIES.textDocument, definition: { linkSupport: true } } };
  const { client } = await LspClient.start({ workspaceFolders: null, capabilities });
  try {
    const uri = 'file:///work/nav/links.yaml';
    client.open(uri, RANDOM_GENERATOR);
    const [link, ...more] = await client.request('textDocument/definition', {
      textDocument: { uri },
      position: positionOf(RANDOM_GENERATOR, 'serviceName: random-generator', 'serviceName: random-gen'.length),
    });
    assert.deepEqual(more, []);
    assert.deepEqual(link.originSelectionRange, serviceNameValue(RANDOM_GENERATOR));
    assert.equal(link.targetUri, uri);
    assert.deepEqual(link.targetSelectionRange, rangeOf(RANDOM_GENERATOR, 'random-generator', 1));
    assert.deepEqual(link.targetRange.start, { line: 0, character: 0 });
  } finally {
    await client.stop();
  }
});

test('definition on a key, and in a document the client never opened, answers null', async () => {
  const { client } = await LspClient.start({ workspaceFolders: null });
  try {
    const uri = 'file:///work/nav/keys.yaml';
    client.open(uri, RANDOM_GENERATOR);
    assert.equal(await client.request('textDocument/definition', { textDocument: { uri }, position: positionOf(RANDOM_GENERATOR, 'serviceName', 3) }), null);
    assert.equal(await client.request('textDocument/definition', { textDocument: { uri: 'file:///work/nav/unopened.yaml' }, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await client.request('textDocument/references', {
      textDocument: { uri }, position: positionOf(RANDOM_GENERATOR, 'replicas: 2', 11), context: { includeDeclaration: true },
    }), []);
  } finally {
    await client.stop();
  }
});

test('a definition request cancelled before it starts answers RequestCancelled, and the next one is answered', async () => {
  const { client } = await LspClient.start({ workspaceFolders: null });
  try {
    const uri = 'file:///work/nav/cancel.yaml';
    client.open(uri, RANDOM_GENERATOR);
    const params = { textDocument: { uri }, position: positionOf(RANDOM_GENERATOR, 'serviceName: random-generator', 'serviceName: r'.length) };
    const cancelled = await client.requestAndCancel('textDocument/definition', params);
    assert.equal(cancelled.error?.code, -32800);
    assert.deepEqual(await client.request('textDocument/definition', params), [{ uri, range: rangeOf(RANDOM_GENERATOR, 'random-generator') }]);
  } finally {
    await client.stop();
  }
});
