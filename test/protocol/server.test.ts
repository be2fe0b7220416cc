// Protocol tests of the built dist/server.js over stdio: the handshake, incremental sync, pull diagnostics
// across files, completion, hover, lenses, the preview request and command, live settings and cancellation.
// Every wait is for an event (a response, a server request, a notification), never a sleep.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../support/lspClient';
import { readExample, positionOf } from '../support/lspFixtures';

const EXAMPLE = readExample();
const RG = 'file:///work/protocol/random-generator.yaml';
let client: LspClient;
let capabilities: any;

before(async () => {
  const started = await LspClient.start({ workspaceFolders: null });
  client = started.client;
  capabilities = started.initialize.capabilities;
  client.open(RG, EXAMPLE);
});

after(async () => {
  assert.equal(await client.stop(), 0, 'the server exits cleanly after shutdown + exit');
  assert.equal(client.strayOutput, '', 'stdout carries only protocol messages');
});

function lensTitles(lenses: any[]): string[] {
  return lenses.map((l) => `${l.range.start.line}: ${l.command.title}`);
}

test('initialize advertises incremental sync, pull diagnostics with inter-file dependencies and the preview command', () => {
  assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
  assert.deepEqual(capabilities.diagnosticProvider, { identifier: 'statefulset-lens', interFileDependencies: true, workspaceDiagnostics: false });
  assert.deepEqual(capabilities.executeCommandProvider, { commands: ['statefulsetLens.showPreview'] });
  assert.deepEqual(capabilities.codeLensProvider, { resolveProvider: false });
  assert.equal(capabilities.hoverProvider, true);
  assert.ok(capabilities.completionProvider);
});

test('the clean example has no diagnostics, and an unchanged document is answered as unchanged', async () => {
  const report = await client.pullDiagnostics(RG);
  assert.equal(report.kind, 'full');
  assert.deepEqual(report.items, []);
  const again = await client.pullDiagnostics(RG, report.resultId);
  assert.deepEqual(again, { kind: 'unchanged', resultId: report.resultId });
});

test('the lenses name the pods, DNS names, PVCs and the rollout order, each running the preview command', async () => {
  const lenses = await client.request('textDocument/codeLens', { textDocument: { uri: RG } });
  const line = (needle: string) => positionOf(EXAMPLE, needle).line;
  assert.deepEqual(lensTitles(lenses), [
    `${line('name: rg')}: pods: rg-0, rg-1`,
    `${line('serviceName:')}: DNS: rg-0.random-generator.default.svc.cluster.local, …`,
    `${line('metadata:\n        name: logs') + 1}: PVCs: logs-rg-0, logs-rg-1`,
    `${positionOf(EXAMPLE, 'spec:', 0, 2).line}: rolling update: rg-1 → rg-0`,
  ]);
  // A tooltip lists the names only where the title leaves some out (the DNS lens shows the first).
  const dnsTooltip = 'DNS names of 2 pods:\nrg-0.random-generator.default.svc.cluster.local\nrg-1.random-generator.default.svc.cluster.local';
  for (const l of lenses) {
    const tooltip = l.command.title.startsWith('DNS: ') ? { tooltip: dnsTooltip } : {};
    assert.deepEqual(l.command, { title: l.command.title, command: 'statefulsetLens.showPreview', arguments: [RG, 'rg'], ...tooltip });
  }
  const name = positionOf(EXAMPLE, 'name: rg\n', 'name: '.length);
  assert.deepEqual(lenses[0].range, { start: name, end: { line: name.line, character: name.character + 2 } });
});

test('incremental edits are applied: a string replicas is an error and partition 1 changes the lens', async () => {
  const at = positionOf(EXAMPLE, 'replicas: 2', 'replicas: '.length);
  const version = client.change(RG, [{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '"two"' }]);
  try {
    const report = await client.pullDiagnostics(RG);
    // The rule's error only: the schema's "Incorrect type. Expected "integer"." on the same range is dropped.
    assert.deepEqual(report.items.map((d: any) => [d.code, d.severity, d.range.start, d.codeDescription?.href.replace(/^.*\//, '')]), [
      ['negative-value', 1, at, 'rules.md#negative-value'],
    ]);
    assert.match(report.resultId, new RegExp(`^${version}:`));
  } finally {
    assert.equal(client.change(RG, [{ range: { start: at, end: { line: at.line, character: at.character + 5 } }, text: '2' }]), version + 1);
  }
  const spec = positionOf(EXAMPLE, 'serviceName:');
  client.change(RG, [{ range: { start: spec, end: spec }, text: 'updateStrategy:\n    rollingUpdate:\n      partition: 1\n  ' }]);
  try {
    const lenses = lensTitles(await client.request('textDocument/codeLens', { textDocument: { uri: RG } }));
    assert.ok(lenses.includes(`${spec.line}: partition 1: updates rg-1, keeps rg-0`), lenses.join('\n'));
  } finally {
    client.change(RG, [{ range: { start: spec, end: { line: spec.line + 3, character: 2 } }, text: '' }]);
  }
  assert.deepEqual((await client.pullDiagnostics(RG)).items, []);
});

test('completion of serviceName offers the workspace Services, headless ones first with their file', async () => {
  const other = 'file:///work/protocol/other.yaml';
  client.open(other, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: clustered\nspec:\n  selector:\n    app: x\n  ports:\n    - port: 80\n');
  const at = positionOf(EXAMPLE, 'serviceName: ', 'serviceName: '.length);
  const list = await client.request('textDocument/completion', { textDocument: { uri: RG }, position: at });
  const items = [...list.items].sort((a: any, b: any) => a.sortText.localeCompare(b.sortText));
  assert.deepEqual(items.map((i: any) => [i.label, i.detail]), [
    ['random-generator', 'headless Service · random-generator.yaml'],
    ['clustered', 'Service, not headless (pods get no DNS names) · other.yaml'],
  ]);
  assert.deepEqual(items[0].textEdit, { range: { start: at, end: { line: at.line, character: at.character + 'random-generator'.length } }, newText: 'random-generator' });
  client.close(other);
});

test('completion of serviceName in a workspace of 150 Services offers 100 at most, those the typed text matches, and asks to be asked again', async () => {
  const many = 'file:///work/protocol/many-services.yaml';
  const names = Array.from({ length: 150 }, (_, i) => `svc-${i}`);
  client.open(many, names.map((n) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${n}\nspec:\n  clusterIP: None\n`).join('---\n'));
  const at = positionOf(EXAMPLE, 'serviceName: ', 'serviceName: '.length);
  const complete = async (typed: string) => {
    client.change(RG, [{ range: { start: at, end: { line: at.line, character: at.character + 'random-generator'.length } }, text: typed }]);
    const list = await client.request('textDocument/completion', { textDocument: { uri: RG }, position: { line: at.line, character: at.character + typed.length } });
    client.change(RG, [{ range: { start: at, end: { line: at.line, character: at.character + typed.length } }, text: 'random-generator' }]);
    return list;
  };
  const all = await complete('');
  assert.equal(all.isIncomplete, true);
  assert.equal(all.items.length, 100);
  // Headless first, then by name: random-generator and svc-0 … svc-98 in the order of their names.
  const expected = ['random-generator', ...names].sort().slice(0, 100);
  assert.deepEqual(all.items.map((i: any) => i.label).sort(), expected);
  // The typed characters, in order: svc-149 alone holds 1, 4 and 9 in that order after `svc-`.
  const narrowed = await complete('svc-149');
  assert.equal(narrowed.isIncomplete, true);
  assert.deepEqual(narrowed.items.map((i: any) => i.label), ['svc-149']);
  assert.deepEqual(narrowed.items[0].textEdit.range, { start: at, end: { line: at.line, character: at.character + 'svc-149'.length } });
  const s14 = await complete('S14');
  assert.deepEqual(s14.items.map((i: any) => i.label).sort(), names.filter((n) => /^svc-\d*1\d*4/.test(n)).sort());
  client.close(many);
  // Two Services again: the whole list, complete.
  const few = await complete('');
  assert.equal(few.isIncomplete, false);
  assert.deepEqual(few.items.map((i: any) => i.label), ['random-generator']);
});

test('completion of podManagementPolicy offers the two policies with what they do', async () => {
  const at = positionOf(EXAMPLE, '  replicas: 2\n', '  replicas: 2\n'.length);
  client.change(RG, [{ range: { start: at, end: at }, text: '  podManagementPolicy: \n' }]);
  const position = { line: at.line, character: '  podManagementPolicy: '.length };
  const list = await client.request('textDocument/completion', { textDocument: { uri: RG }, position });
  assert.deepEqual(list.items.map((i: any) => [i.label, i.textEdit.newText]), [['OrderedReady', 'OrderedReady'], ['Parallel', 'Parallel']]);
  assert.match(list.items[1].documentation, /All pods start and stop at once/);
  client.change(RG, [{ range: { start: at, end: { line: at.line + 1, character: 0 } }, text: '' }]);
});

test('every completion item inserts text that starts with its label', async () => {
  const at = positionOf(EXAMPLE, '  replicas: 2\n', '  replicas: 2\n'.length);
  client.change(RG, [{ range: { start: at, end: at }, text: '  \n' }]);
  const list = await client.request('textDocument/completion', { textDocument: { uri: RG }, position: { line: at.line, character: 2 } });
  const labels = list.items.map((i: any) => i.label);
  for (const want of ['updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'podManagementPolicy']) assert.ok(labels.includes(want), `${want} in ${labels}`);
  for (const i of list.items) {
    const text = i.textEdit?.newText ?? i.insertText ?? i.label;
    assert.ok(text.startsWith(i.label), `${i.label} inserts ${JSON.stringify(text)}`);
  }
  const snippet = list.items.find((i: any) => i.label === 'updateStrategy' && i.kind === 15);
  assert.equal(snippet.textEdit.newText, 'updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      partition: ${1:0}');
  client.change(RG, [{ range: { start: at, end: { line: at.line + 1, character: 0 } }, text: '' }]);
});

test('hover on serviceName shows the schema documentation and the resolved Service with its DNS names', async () => {
  const hover = await client.request('textDocument/hover', { textDocument: { uri: RG }, position: positionOf(EXAMPLE, 'serviceName', 3) });
  assert.equal(hover.contents.kind, 'markdown');
  const [schemaPart, produced] = hover.contents.value.split('\n\n---\n\n');
  assert.match(schemaPart, /^serviceName is the name of the service that governs this StatefulSet/);
  assert.equal(produced, [
    '**Service** `random-generator` in random-generator.yaml: headless, ports http 8080/TCP.',
    '',
    '**DNS names**: `rg-0.random-generator.default.svc.cluster.local`, `rg-1.random-generator.default.svc.cluster.local`',
    '',
    'Service: `random-generator.default.svc.cluster.local`',
    '',
    'SRV: `_http._tcp.random-generator.default.svc.cluster.local`',
  ].join('\n'));
});

test('the preview request returns the model, and a replicas override shows what a scale-up adds', async () => {
  const model = await client.request('statefulsetLens/preview', { uri: RG });
  assert.equal(model.name, 'rg');
  assert.deepEqual(model.pods.map((p: any) => [p.name, p.dns, p.pvcs, p.startStep, p.update]), [
    ['rg-0', 'rg-0.random-generator.default.svc.cluster.local', ['logs-rg-0'], 1, 'updated'],
    ['rg-1', 'rg-1.random-generator.default.svc.cluster.local', ['logs-rg-1'], 2, 'updated'],
  ]);
  assert.equal(model.service.headless, true);
  assert.equal(model.whatIf, undefined);
  const whatIf = await client.request('statefulsetLens/preview', { uri: RG, name: 'rg', replicas: 4 });
  assert.deepEqual([whatIf.replicas, whatIf.declaredReplicas], [4, 2]);
  assert.deepEqual(whatIf.whatIf, { from: 2, to: 4, created: ['rg-2', 'rg-3'], createdCount: 2, createdLast: 'rg-3', createdPvcCount: 2, removed: [], removedCount: 0, pvcs: [], removedPvcCount: 0 });
  assert.deepEqual(whatIf.pods.map((p: any) => [p.name, p.change ?? '']), [['rg-0', ''], ['rg-1', ''], ['rg-2', 'added'], ['rg-3', 'added']]);
  const down = await client.request('statefulsetLens/preview', { uri: RG, replicas: 1 });
  assert.deepEqual(down.whatIf, { from: 2, to: 1, created: [], createdCount: 0, createdPvcCount: 0, removed: ['rg-1'], removedCount: 1, removedLast: 'rg-1', pvcs: [{ pvc: 'logs-rg-1', action: 'Retain' }], removedPvcCount: 1 });
});

test('executing the lens command returns the same preview model; listStatefulSets names the StatefulSets', async () => {
  const viaCommand = await client.request('workspace/executeCommand', { command: 'statefulsetLens.showPreview', arguments: [RG, 'rg'] });
  assert.deepEqual(viaCommand, await client.request('statefulsetLens/preview', { uri: RG, name: 'rg' }));
  const list = await client.request('statefulsetLens/listStatefulSets', { uri: RG });
  assert.deepEqual(list.map((s: any) => [s.name, s.namespace]), [['rg', 'default']]);
});

test('changing clusterDomain changes the DNS names in the lenses', async () => {
  const since = client.received.length;
  client.settings = { clusterDomain: 'example.internal' };
  client.notify('workspace/didChangeConfiguration', { settings: null });
  await client.waitFor((m) => m.method === 'workspace/codeLens/refresh', 'a code lens refresh', since);
  const lenses = lensTitles(await client.request('textDocument/codeLens', { textDocument: { uri: RG } }));
  assert.ok(lenses.includes(`${positionOf(EXAMPLE, 'serviceName:').line}: DNS: rg-0.random-generator.default.svc.example.internal, …`), lenses.join('\n'));
  const restored = client.received.length;
  client.settings = {};
  client.notify('workspace/didChangeConfiguration', { settings: null });
  await client.waitFor((m) => m.method === 'workspace/codeLens/refresh', 'a second code lens refresh', restored);
});

test('a request cancelled before it starts is answered with RequestCancelled', async () => {
  const response = await client.requestAndCancel('textDocument/hover', { textDocument: { uri: RG }, position: positionOf(EXAMPLE, 'serviceName', 3) });
  assert.equal(response.error?.code, -32800);
  // And the server still answers the next request.
  assert.ok(await client.request('textDocument/hover', { textDocument: { uri: RG }, position: positionOf(EXAMPLE, 'serviceName', 3) }));
});
