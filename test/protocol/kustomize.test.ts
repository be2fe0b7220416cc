// The language server with Kustomize overlays, rendered by the real kubectl kustomize in the background: one
// lens per overlay on the base's StatefulSet, the preview as each overlay deploys it, rendered-only findings and
// Kustomize's errors as diagnostics of the kustomization, and nothing rendered in an untrusted workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../support/lspClient';
import { expectedFromRender, fixturesDir, kustomizeMissing, kustomizeObjects } from '../kustomize/support';

const skip = kustomizeMissing;
if (skip) console.log(`# ${skip}`);

function workspace(): { dir: string; uri: (p: string) => string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sl-kustomize-'));
  cpSync(fixturesDir, dir, { recursive: true });
  return { dir, uri: (p) => pathToFileURL(path.join(dir, p)).href };
}

const OVERLAYS = ['broken', 'broken-selector', 'long-prefix', 'prod', 'remote', 'service-patched', 'staging'];

/** Waits until the server has asked for a lens refresh after the renders, then returns the lenses. */
async function lensesAfterRender(client: LspClient, uri: string, want: number): Promise<any[]> {
  for (let since = 0; ; ) {
    const lenses = await client.request('textDocument/codeLens', { textDocument: { uri } });
    if (lenses.filter((l: any) => l.command.arguments.length === 3).length >= want) return lenses;
    since = client.received.length;
    await client.waitFor((m) => m.method === 'workspace/codeLens/refresh', 'a lens refresh after a render', since);
  }
}

test('a base StatefulSet gets one lens per overlay, titled with the rendered pods and namespace', { skip }, async () => {
  const ws = workspace();
  const { client } = await LspClient.start({ workspaceFolders: [{ uri: pathToFileURL(ws.dir).href, name: 'ws' }], timeoutMs: 60_000 });
  try {
    const base = ws.uri('base/random-generator.yaml');
    client.open(base, readFileSync(path.join(ws.dir, 'base/random-generator.yaml'), 'utf8'));
    const lenses = await lensesAfterRender(client, base, 5);
    const overlayLenses = lenses.filter((l: any) => l.command.arguments.length === 3);
    // An open preview learns of new renders from this notification.
    assert.ok(client.received.some((m) => m.method === 'statefulsetLens/overlaysChanged'));
    const expected = OVERLAYS.map((o) => {
      if (o === 'broken' || o === 'remote') return `${o}: kustomize could not render it (see its kustomization)`;
      const objects = kustomizeObjects(path.join(ws.dir, 'overlays', o));
      const want = expectedFromRender(objects, objects.find((x) => x.kind === 'StatefulSet')!.metadata.name);
      const pods = want.pods.length === 2 ? want.pods.join(', ') : `${want.pods[0]} … ${want.pods.at(-1)}`;
      return `${o}: ${pods} in ${want.namespace}`;
    });
    assert.deepEqual(overlayLenses.map((l: any) => l.command.title).sort(), expected.sort());
    assert.ok(overlayLenses.some((l: any) => l.command.title === 'prod: prod-rg-0 … prod-rg-3 in shop'));
    // Every overlay lens sits on the StatefulSet's name and opens the preview of that overlay.
    const prod = overlayLenses.find((l: any) => l.command.title.startsWith('prod:'));
    assert.deepEqual(prod.range, { start: { line: 16, character: 8 }, end: { line: 16, character: 10 } });
    assert.deepEqual(prod.command.arguments, [base, 'rg', pathToFileURL(path.join(ws.dir, 'overlays/prod')).href]);

    // The preview: as written, with the overlay selector; then as prod deploys it.
    const written = await client.request('statefulsetLens/preview', { uri: base, name: 'rg' });
    assert.deepEqual(written.pods.map((p: any) => p.name), ['rg-0', 'rg-1']);
    assert.deepEqual(written.overlays.choices.map((c: any) => c.name), OVERLAYS);
    assert.equal(written.overlays.selected, undefined);
    const asProd = await client.request('workspace/executeCommand', { command: 'statefulsetLens.showPreview', arguments: prod.command.arguments });
    const objects = kustomizeObjects(path.join(ws.dir, 'overlays/prod'));
    const want = expectedFromRender(objects, 'prod-rg');
    assert.deepEqual(asProd.pods.map((p: any) => p.dns), want.dns);
    assert.equal(asProd.pods[0].dns, 'prod-rg-0.prod-random-generator.shop.svc.cluster.local');
    assert.deepEqual([asProd.uri, asProd.nameRange.start, asProd.namespace, asProd.overlays.selected], [base, { line: 16, character: 8 }, 'shop', prod.command.arguments[2]]);
    assert.equal(asProd.service.uri, base);

    // Rendered-only findings are diagnostics of the kustomization that caused them.
    const longPrefix = ws.uri('overlays/long-prefix/kustomization.yaml');
    client.open(longPrefix, readFileSync(path.join(ws.dir, 'overlays/long-prefix/kustomization.yaml'), 'utf8'));
    const diagnostics = (await client.pullDiagnostics(longPrefix)).items;
    assert.deepEqual(diagnostics.map((d: any) => [d.code, d.range.start.line, d.message.split(':')[0]]), [
      ['name-too-long', 3, 'Overlay long-prefix (rendered by kustomize)'],
      ['invalid-service-name', 3, 'Overlay long-prefix (rendered by kustomize)'],
    ]);
    const broken = ws.uri('overlays/broken/kustomization.yaml');
    client.open(broken, readFileSync(path.join(ws.dir, 'overlays/broken/kustomization.yaml'), 'utf8'));
    const errors = (await client.pullDiagnostics(broken)).items;
    assert.deepEqual(errors.map((d: any) => [d.code, d.severity, d.range.start.line]), [['kustomize-build', 1, 1]]);
    assert.match(errors[0].message, /^Overlay broken: kustomize could not render it: accumulating resources: .*missing-service\.yaml: no such file or directory/);
  } finally {
    await client.stop();
    rmSync(ws.dir, { recursive: true, force: true });
  }
});

test('where kubectl is not installed the feature is off and the preview says so in one line', async () => {
  const ws = workspace();
  const saved = process.env.PATH;
  process.env.PATH = '/nonexistent';
  let client: LspClient;
  try {
    ({ client } = await LspClient.start({ workspaceFolders: [{ uri: pathToFileURL(ws.dir).href, name: 'ws' }] }));
  } finally {
    process.env.PATH = saved;
  }
  try {
    await client.waitFor((m) => m.method === 'window/logMessage' && /not installed/.test(m.params.message), 'the missing kubectl line');
    const base = ws.uri('base/random-generator.yaml');
    client.open(base, readFileSync(path.join(ws.dir, 'base/random-generator.yaml'), 'utf8'));
    const model = await client.request('statefulsetLens/preview', { uri: base, name: 'rg' });
    assert.equal(model.overlays.note, 'kubectl is not installed (not found on PATH), so Kustomize overlays are not rendered.');
    assert.deepEqual(model.pods.map((p: any) => p.name), ['rg-0', 'rg-1']);
    const lenses = await client.request('textDocument/codeLens', { textDocument: { uri: base } });
    assert.deepEqual(lenses.map((l: any) => l.command.title), ['pods: rg-0, rg-1', 'DNS: rg-0.random-generator.default.svc.cluster.local, …', 'PVCs: logs-rg-0, logs-rg-1', 'rolling update: rg-1 → rg-0']);
  } finally {
    await client.stop();
    rmSync(ws.dir, { recursive: true, force: true });
  }
});

test('in an untrusted workspace nothing is rendered and the preview says so in one line', async () => {
  const ws = workspace();
  const { client } = await LspClient.start({ workspaceFolders: [{ uri: pathToFileURL(ws.dir).href, name: 'ws' }], initializationOptions: { workspaceTrusted: false } });
  try {
    const base = ws.uri('base/random-generator.yaml');
    await client.waitFor((m) => m.method === 'window/logMessage' && /^scanned \d+ manifest files/.test(m.params.message), 'the workspace scan');
    client.open(base, readFileSync(path.join(ws.dir, 'base/random-generator.yaml'), 'utf8'));
    const lenses = await client.request('textDocument/codeLens', { textDocument: { uri: base } });
    assert.deepEqual(lenses.filter((l: any) => l.command.arguments.length === 3), []);
    const model = await client.request('statefulsetLens/preview', { uri: base, name: 'rg' });
    assert.equal(model.overlays.note, 'Kustomize overlays are not rendered in an untrusted workspace: trust it to see what each overlay deploys.');
    assert.deepEqual(model.pods.map((p: any) => p.name), ['rg-0', 'rg-1']);
  } finally {
    await client.stop();
    rmSync(ws.dir, { recursive: true, force: true });
  }
});
