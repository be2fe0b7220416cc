// Editor tests with Red Hat's YAML extension beside ours: the stand-in registered under its id
// (test/vscode/redHatYamlStandIn, yaml-language-server with the bundled Kubernetes schema) gives schema hovers,
// completions and the outline; every hover, completion list and outline VS Code assembles from both holds each
// item once. Runs in its own window (runCodeServer.mjs loads both extensions for it).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StatefulSetLensApi } from '../../../client/src/extension';

const EXTENSION_ID = 'statefulset-lens.statefulset-lens';
const RED_HAT_YAML_ID = 'redhat.vscode-yaml';
const TIMEOUT_MS = 30_000;

/** The first truthy answer of `probe`, asked on a short tick (the servers start with no event to wait for). */
async function until<T>(what: string, probe: () => Thenable<T | undefined> | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + TIMEOUT_MS;
  let last: unknown;
  for (;;) {
    last = await probe();
    if (last) return last as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function texts(hovers: vscode.Hover[]): string[] {
  return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value));
}

/** How many times `needle` occurs in all the hovers' texts together. */
function occurrences(hovers: vscode.Hover[], needle: string): number {
  return texts(hovers).join('\n').split(needle).length - 1;
}

function duplicates(keys: string[]): string[] {
  return [...new Set(keys.filter((k, i) => keys.indexOf(k) !== i))];
}

/** Completion items as `label (kind)`: a snippet and a key of the same name are two different items. */
function itemKeys(list: vscode.CompletionList): string[] {
  return list.items.map((i) => `${typeof i.label === 'string' ? i.label : i.label.label} (${vscode.CompletionItemKind[i.kind ?? 0]})`);
}

suite('Beside Red Hat YAML in VS Code', () => {
  let document: vscode.TextDocument;
  const position = (needle: string, delta: number) => {
    const at = document.getText().indexOf(needle);
    assert.ok(at >= 0, `"${needle}" is not in the example`);
    return document.positionAt(at + delta);
  };
  const hovers = (p: vscode.Position) => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, p);
  const complete = (p: vscode.Position) => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, p);

  suiteSetup(async () => {
    assert.ok(vscode.extensions.getExtension(RED_HAT_YAML_ID), 'the Red Hat YAML stand-in is loaded');
    const extension = vscode.extensions.getExtension<StatefulSetLensApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    await (await extension.activate()).ready;
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    // The example with a blank key line and an empty podManagementPolicy under `spec:`, to complete there.
    const example = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'examples', 'random-generator.yaml')));
    const uri = vscode.Uri.joinPath(folder.uri, 'beside-red-hat.yaml');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(example.replace('  replicas: 2\n', '  replicas: 2\n  \n  podManagementPolicy: \n')));
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    // Both servers answer: the stand-in's schema hover and our DNS names on serviceName.
    await until('hovers from both extensions', async () => {
      const h = await hovers(position('serviceName', 3));
      return occurrences(h, 'serviceName is the name of the service') > 0 && occurrences(h, '**DNS names**') > 0 ? h : undefined;
    });
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('hovers hold the schema documentation once and what the manifests produce once', async () => {
    const onServiceName = await hovers(position('serviceName', 3));
    assert.equal(occurrences(onServiceName, 'serviceName is the name of the service that governs this StatefulSet'), 1);
    assert.equal(occurrences(onServiceName, '**DNS names**: `rg-0.random-generator.default.svc.cluster.local`'), 1);
    const onReplicas = await hovers(position('replicas: 2', 3));
    assert.equal(occurrences(onReplicas, 'replicas is the desired number of replicas'), 1);
    assert.deepEqual(duplicates(texts(onReplicas)), []);
    for (const [needle, delta] of [['apiVersion: apps/v1', 2], ['kind: StatefulSet', 2], ['image:', 2], ['storage: 10Mi', 2]] as const) {
      const h = await hovers(position(needle, delta));
      assert.deepEqual(duplicates(texts(h)), [], `hovers on ${needle}`);
    }
  });

  test('completion lists hold each item once: keys, enum values, Services and snippets', async () => {
    const keyLine = position('  \n  podManagementPolicy', 2);
    const keys = await until('key completions from both extensions', async () => {
      const list = await complete(keyLine);
      const k = itemKeys(list);
      return k.includes('minReadySeconds (Property)') && k.includes('updateStrategy (Snippet)') ? k : undefined;
    });
    assert.deepEqual(duplicates(keys), []);
    for (const key of ['ordinals (Property)', 'minReadySeconds (Property)', 'updateStrategy (Property)', 'updateStrategy (Snippet)', 'volumeClaimTemplates (Snippet)', 'persistentVolumeClaimRetentionPolicy (Snippet)']) {
      assert.equal(keys.filter((k) => k === key).length, 1, key);
    }
    const policies = itemKeys(await complete(position('podManagementPolicy: ', 'podManagementPolicy: '.length)));
    assert.deepEqual(duplicates(policies.map((k) => k.replace(/ \(.*$/, ''))), []);
    assert.deepEqual(policies.map((k) => k.replace(/ \(.*$/, '')).filter((l) => l === 'OrderedReady' || l === 'Parallel').sort(), ['OrderedReady', 'Parallel']);
    const services = itemKeys(await complete(position('serviceName: random-generator', 'serviceName: '.length)));
    assert.deepEqual(services.filter((k) => k.startsWith('random-generator')), ['random-generator (Reference)']);
  });

  test('the outline is the stand-in\'s alone: each symbol once', async () => {
    const symbols = await until('document symbols', () => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri));
    const top = symbols.map((s) => `${s.name} ${s.range.start.line}`);
    assert.deepEqual(duplicates(top), []);
    // The example's three documents (Service, StatefulSet, PodDisruptionBudget), each key once per document.
    for (const key of ['apiVersion', 'kind', 'metadata', 'spec']) assert.equal(top.filter((s) => s.startsWith(`${key} `)).length, 3, key);
  });
});
