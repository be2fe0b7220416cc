// Kustomize overlays in a real VS Code: opening the base of examples/kustomize shows one lens per overlay with
// the names the real `kubectl kustomize` renders, and the preview shows the StatefulSet as an overlay deploys it.
// Where kubectl is not installed the tests say so in one line and skip.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { StatefulSetLensApi } from '../../../client/src/extension';

const EXTENSION_ID = 'statefulset-lens.statefulset-lens';
const TIMEOUT_MS = 30_000;

function kubectlMissing(): string | undefined {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore', timeout: 20_000 });
    return undefined;
  } catch {
    return 'kubectl is not installed here, so the Kustomize editor tests cannot run';
  }
}

function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test needs a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** Resolves with the first truthy value of `probe`, checked on a short tick (lenses have no event). */
async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + TIMEOUT_MS;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      last = value;
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

suite('Kustomize overlays in VS Code', () => {
  const missing = kubectlMissing();
  let api: StatefulSetLensApi;

  suiteSetup(async function () {
    if (missing) {
      console.log(`# skipped: ${missing}`);
      this.skip();
    }
    const extension = vscode.extensions.getExtension<StatefulSetLensApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    api = await extension.activate();
    await api.ready;
  });

  test('the base StatefulSet gets one lens per overlay, and the preview shows it as prod deploys it', async () => {
    const base = workspaceUri('examples', 'kustomize', 'base', 'random-generator.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(base), vscode.ViewColumn.One);
    const lenses = await waitFor('one lens per overlay', async () => {
      const all = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', base, 10)) ?? [];
      const overlays = all.filter((l) => l.command?.arguments?.length === 3);
      return overlays.length === 2 ? overlays : undefined;
    });
    assert.deepEqual(lenses.map((l) => l.command!.title).sort(), ['prod: prod-rg-0 … prod-rg-3 in shop', 'staging: rg-0 … rg-2 in staging']);
    assert.deepEqual(lenses.map((l) => l.range.start.line), [19, 19]);

    // The preview of the base as written offers the overlays; picking prod shows its rendered identity.
    await vscode.commands.executeCommand('statefulsetLens.showPreview', base.toString(), 'rg');
    const written = await waitFor('the preview as written', () => (api.preview.currentModel?.name === 'rg' ? api.preview.currentModel : undefined));
    assert.deepEqual(written.overlays?.choices.map((c) => c.name), ['prod', 'staging']);
    const prod = written.overlays!.choices.find((c) => c.name === 'prod')!;
    await api.preview.setOverlay(prod.dir);
    const model = await waitFor('the preview as prod deploys it', () => (api.preview.currentModel?.overlays?.selected === prod.dir ? api.preview.currentModel : undefined));
    assert.deepEqual(model.pods.map((p) => p.dns), [0, 1, 2, 3].map((i) => `prod-rg-${i}.prod-random-generator.shop.svc.cluster.local`));
    assert.deepEqual([model.name, model.namespace, model.uri], ['prod-rg', 'shop', base.toString()]);
    assert.equal(model.service?.name, 'prod-random-generator');
    await api.preview.setOverlay(undefined);
    await waitFor('the preview as written again', () => (api.preview.currentModel?.name === 'rg' && !api.preview.currentModel.overlays?.selected ? true : undefined));
    api.preview.currentPanel?.dispose();
  });
});
