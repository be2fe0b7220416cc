// Protocol tests of the server beside Red Hat's YAML extension (initializationOptions.redHatYamlActive, which the
// VS Code client sets when that extension is installed): completion offers only our own items, hovers only
// what the manifests produce, and the outline is left to it; without it, the same requests give the schema's too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../support/lspClient';
import { readExample, positionOf } from '../support/lspFixtures';

const EXAMPLE = readExample();
const RG = 'file:///work/redhat/random-generator.yaml';
/** A blank line at key level under `spec:`, and a podManagementPolicy with no value yet. */
const AT_SPEC_KEY = positionOf(EXAMPLE, '  replicas: 2\n', '  replicas: 2\n'.length);
const EDITED = EXAMPLE.replace('  replicas: 2\n', '  replicas: 2\n  \n  podManagementPolicy: \n');
const AT_SPEC_KEY_POSITION = { line: AT_SPEC_KEY.line, character: 2 };
const AT_POLICY_VALUE = { line: AT_SPEC_KEY.line + 1, character: '  podManagementPolicy: '.length };

async function withServer(redHatYamlActive: boolean, run: (client: LspClient, capabilities: any) => Promise<void>): Promise<void> {
  const { client, initialize } = await LspClient.start({ workspaceFolders: null, initializationOptions: { redHatYamlActive } });
  try {
    client.open(RG, EDITED);
    await run(client, initialize.capabilities);
  } finally {
    await client.stop();
  }
}

const complete = async (client: LspClient, position: { line: number; character: number }) =>
  (await client.request('textDocument/completion', { textDocument: { uri: RG }, position })).items as { label: string; kind: number }[];

test('beside Red Hat YAML, key completion offers only our snippets; alone, the schema keys too', async () => {
  await withServer(true, async (client) => {
    assert.deepEqual((await complete(client, AT_SPEC_KEY_POSITION)).map((i) => [i.label, i.kind]), [
      ['volumeClaimTemplates', 15],
      ['updateStrategy', 15],
      ['persistentVolumeClaimRetentionPolicy', 15],
    ]);
  });
  await withServer(false, async (client) => {
    const items = await complete(client, AT_SPEC_KEY_POSITION);
    assert.deepEqual(items.filter((i) => i.kind === 15).map((i) => i.label), ['volumeClaimTemplates', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy']);
    for (const key of ['minReadySeconds', 'ordinals', 'revisionHistoryLimit']) assert.ok(items.some((i) => i.label === key && i.kind === 10), `schema key ${key}`);
  });
});

test('beside Red Hat YAML, enum values the schema offers are not offered again; alone, ours are', async () => {
  await withServer(true, async (client) => {
    assert.deepEqual(await complete(client, AT_POLICY_VALUE), []);
  });
  await withServer(false, async (client) => {
    assert.deepEqual((await complete(client, AT_POLICY_VALUE)).map((i) => [i.label, i.kind]), [['OrderedReady', 20], ['Parallel', 20]]);
  });
});

test('beside Red Hat YAML, serviceName still offers the workspace Services', async () => {
  await withServer(true, async (client) => {
    const at = positionOf(EDITED, 'serviceName: ', 'serviceName: '.length);
    assert.deepEqual((await complete(client, at)).map((i) => [i.label, i.kind]), [['random-generator', 18]]);
  });
});

test('beside Red Hat YAML, a hover carries only what the manifests produce, and a plain key has none', async () => {
  await withServer(true, async (client) => {
    const hover = await client.request('textDocument/hover', { textDocument: { uri: RG }, position: positionOf(EDITED, 'serviceName', 3) });
    assert.equal(hover.contents.value, [
      '**Service** `random-generator` in random-generator.yaml: headless, ports http 8080/TCP.',
      '',
      '**DNS names**: `rg-0.random-generator.default.svc.cluster.local`, `rg-1.random-generator.default.svc.cluster.local`',
      '',
      'Service: `random-generator.default.svc.cluster.local`',
      '',
      'SRV: `_http._tcp.random-generator.default.svc.cluster.local`',
    ].join('\n'));
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: RG }, position: positionOf(EDITED, 'apiVersion', 2) }), null);
  });
  await withServer(false, async (client) => {
    const hover = await client.request('textDocument/hover', { textDocument: { uri: RG }, position: positionOf(EDITED, 'apiVersion', 2) });
    assert.match(hover.contents.value, /^The versioned API group of the object\./);
  });
});

test('beside Red Hat YAML, the outline is its own: no document symbols are advertised or given', async () => {
  await withServer(true, async (client, capabilities) => {
    assert.equal(capabilities.documentSymbolProvider, false);
    assert.equal(await client.request('textDocument/documentSymbol', { textDocument: { uri: RG } }), null);
  });
  await withServer(false, async (client, capabilities) => {
    assert.equal(capabilities.documentSymbolProvider, true);
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: RG } });
    assert.ok(symbols.length > 0);
  });
});
