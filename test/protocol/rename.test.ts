// Protocol tests of rename against the built dist/server.js over stdio: prepareRename's range and placeholder,
// a serviceName renamed with the Service in another file (open, and on disk after the workspace scan), a claim
// template renamed with its mounts, and refusals answered as request errors carrying the analysis' message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FULL_CAPABILITIES, LspClient } from '../support/lspClient';
import { RANDOM_GENERATOR, RG_SERVICE_ONLY, RG_STATEFULSET_ONLY, positionOf, rangeOf } from '../support/lspFixtures';

const WITH_PREPARE = { ...FULL_CAPABILITIES, textDocument: { ...FULL_CAPABILITIES.textDocument, rename: { prepareSupport: true } } };
const ON_SERVICE_NAME = positionOf(RG_STATEFULSET_ONLY, 'serviceName: random-generator', 'serviceName: ran'.length);
const SERVICE_NAME_VALUE = (() => {
  const start = positionOf(RG_STATEFULSET_ONLY, 'serviceName: random-generator', 'serviceName: '.length);
  return { start, end: { line: start.line, character: start.character + 'random-generator'.length } };
})();

test('the server advertises rename with prepareRename to clients that support it, and plain rename to others', async () => {
  for (const [capabilities, expected] of [[WITH_PREPARE, { prepareProvider: true }], [FULL_CAPABILITIES, true]] as const) {
    const { client, initialize } = await LspClient.start({ workspaceFolders: null, capabilities });
    try {
      assert.deepEqual(initialize.capabilities.renameProvider, expected);
    } finally {
      await client.stop();
    }
  }
});

test('prepareRename on serviceName gives the value\'s range and the name; on a key it gives null', async () => {
  const { client } = await LspClient.start({ workspaceFolders: null, capabilities: WITH_PREPARE });
  try {
    const sts = 'file:///work/rename/sts.yaml';
    client.open(sts, RG_STATEFULSET_ONLY);
    assert.deepEqual(await client.request('textDocument/prepareRename', { textDocument: { uri: sts }, position: ON_SERVICE_NAME }),
      { range: SERVICE_NAME_VALUE, placeholder: 'random-generator' });
    assert.equal(await client.request('textDocument/prepareRename', { textDocument: { uri: sts }, position: positionOf(RG_STATEFULSET_ONLY, 'replicas') }), null);
  } finally {
    await client.stop();
  }
});

test('rename on serviceName edits the Service in another open file and the StatefulSet', async () => {
  const { client } = await LspClient.start({ workspaceFolders: null, capabilities: WITH_PREPARE });
  try {
    const sts = 'file:///work/rename/sts.yaml';
    const svc = 'file:///work/rename/svc.yaml';
    client.open(svc, RG_SERVICE_ONLY);
    client.open(sts, RG_STATEFULSET_ONLY);
    const edit = await client.request('textDocument/rename', { textDocument: { uri: sts }, position: ON_SERVICE_NAME, newName: 'rng' });
    assert.deepEqual(edit, {
      changes: {
        [svc]: [{ range: rangeOf(RG_SERVICE_ONLY, 'random-generator'), newText: 'rng' }],
        [sts]: [{ range: SERVICE_NAME_VALUE, newText: 'rng' }],
      },
    });
  } finally {
    await client.stop();
  }
});

test('rename on a Service finds the StatefulSet in a file nobody opened, read by the workspace scan', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sts-lens-rename-'));
  try {
    writeFileSync(path.join(dir, 'sts.yaml'), RG_STATEFULSET_ONLY);
    const folder = pathToFileURL(dir).href;
    const { client } = await LspClient.start({ workspaceFolders: [{ uri: folder, name: 'rename' }], capabilities: WITH_PREPARE });
    try {
      await client.waitFor((m) => m.method === '$/progress' && m.params.value?.kind === 'end', 'the scan progress to end');
      const svc = `${folder}/svc.yaml`;
      client.open(svc, RG_SERVICE_ONLY);
      const edit = await client.request('textDocument/rename', { textDocument: { uri: svc }, position: positionOf(RG_SERVICE_ONLY, 'random-generator', 3), newName: 'rng' });
      assert.deepEqual(edit, {
        changes: {
          [svc]: [{ range: rangeOf(RG_SERVICE_ONLY, 'random-generator'), newText: 'rng' }],
          [`${folder}/sts.yaml`]: [{ range: SERVICE_NAME_VALUE, newText: 'rng' }],
        },
      });
    } finally {
      await client.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('rename on a claim template edits the template and the container\'s volumeMount', async () => {
  const { client } = await LspClient.start({ workspaceFolders: null, capabilities: WITH_PREPARE });
  try {
    const uri = 'file:///work/rename/rg.yaml';
    client.open(uri, RANDOM_GENERATOR);
    const edit = await client.request('textDocument/rename', { textDocument: { uri }, position: positionOf(RANDOM_GENERATOR, 'name: logs', 7, 2), newName: 'audit' });
    const logs = (occurrence: number) => {
      const start = positionOf(RANDOM_GENERATOR, 'name: logs', 'name: '.length, occurrence);
      return { start, end: { line: start.line, character: start.character + 4 } };
    };
    assert.deepEqual(edit, { changes: { [uri]: [{ range: logs(2), newText: 'audit' }, { range: logs(1), newText: 'audit' }] } });
  } finally {
    await client.stop();
  }
});

test('a refused rename answers a request error with the reason: an invalid name, a name taken, a Helm template', async () => {
  const { client } = await LspClient.start({ workspaceFolders: null, capabilities: WITH_PREPARE });
  try {
    const uri = 'file:///work/rename/rg.yaml';
    client.open(uri, `${RANDOM_GENERATOR}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: taken\n`);
    const errorOf = async (method: string, params: Record<string, unknown>) => {
      const msg = await client.requestRaw(method, { textDocument: { uri }, ...params }).response;
      return msg.error as { code: number; message: string } | undefined;
    };
    assert.deepEqual(await errorOf('textDocument/rename', { position: positionOf(RANDOM_GENERATOR, 'serviceName: random', 14), newName: 'Bad_Name' }), {
      code: -32803,
      message: "`Bad_Name` is not a valid Service name: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character.",
    });
    assert.deepEqual(await errorOf('textDocument/rename', { position: positionOf(RANDOM_GENERATOR, 'serviceName: random', 14), newName: 'taken' }), {
      code: -32803,
      message: 'A Service named `taken` already exists in namespace `default` (rg.yaml).',
    });
    const chart = 'file:///work/rename/chart/templates/sts.yaml';
    const chartText = RG_STATEFULSET_ONLY.replace('serviceName: random-generator', 'serviceName: {{ .Values.service }}');
    client.open(chart, chartText);
    const msg = await client.requestRaw('textDocument/prepareRename', { textDocument: { uri: chart }, position: positionOf(chartText, '.Values.service') }).response;
    assert.deepEqual(msg.error, {
      code: -32803,
      message: '`{{ .Values.service }}` is a Helm template expression: its value is known only when the chart is rendered. Rename it where the value is set (values.yaml).',
    });
  } finally {
    await client.stop();
  }
});
