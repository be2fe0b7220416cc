// Protocol tests of requests whose document changes while the server works on them, and of positions the
// client sends that lie past the end of a line. Each test drives dist/server.js over stdio; the stale case
// holds the client's answer to workspace/configuration so the edit arrives mid-request, without sleeping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../support/lspClient';
import { RANDOM_GENERATOR, positionOf } from '../support/lspFixtures';

const CONTENT_MODIFIED = -32801;

test('a hover and a completion whose document is edited while the server waits for settings answer ContentModified', async () => {
  const { client } = await LspClient.start({ workspaceFolders: null });
  try {
    const uri = 'file:///work/stale/sts.yaml';
    client.open(uri, RANDOM_GENERATOR);
    const release = client.holdConfiguration();
    const since = client.received.length;
    const replicas = positionOf(RANDOM_GENERATOR, 'replicas: 2', 'replicas: '.length);
    const hover = client.requestRaw('textDocument/hover', { textDocument: { uri }, position: replicas });
    const completion = client.requestRaw('textDocument/completion', { textDocument: { uri }, position: replicas });
    await client.waitFor((m) => m.method === 'workspace/configuration', 'the settings request', since);
    // Two lines inserted above: the positions of both requests now point elsewhere.
    client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# one\n# two\n' }]);
    release();
    assert.equal((await hover.response).error?.code, CONTENT_MODIFIED, JSON.stringify(await hover.response));
    assert.equal((await completion.response).error?.code, CONTENT_MODIFIED, JSON.stringify(await completion.response));
    // The next request, for the new version, is answered.
    const moved = { line: replicas.line + 2, character: replicas.character };
    const again = await client.request('textDocument/hover', { textDocument: { uri }, position: moved });
    assert.match(again.contents.value, /\*\*Pods\*\* \(2\): `rg-0`, `rg-1`/);
  } finally {
    await client.stop();
  }
});

test('a position past the end of a line is read as the end of that line, not as a place on a later line', async () => {
  const { client } = await LspClient.start({ workspaceFolders: null });
  try {
    const uri = 'file:///work/stale/eol.yaml';
    client.open(uri, RANDOM_GENERATOR);
    const line = positionOf(RANDOM_GENERATOR, 'replicas: 2').line;
    const atEnd = await client.request('textDocument/hover', { textDocument: { uri }, position: { line, character: '  replicas: 2'.length } });
    const pastEnd = await client.request('textDocument/hover', { textDocument: { uri }, position: { line, character: 60 } });
    assert.match(atEnd.contents.value, /\*\*Pods\*\* \(2\): `rg-0`, `rg-1`/);
    assert.deepEqual(pastEnd, atEnd);
  } finally {
    await client.stop();
  }
});
