// Editor tests of the extension in a real VS Code: activation, diagnostics, lenses, hover, completion, the
// preview panel and a settings change, all against the real language server (dist/server.js). The workspace is
// a temp copy of examples/ made by the harness; tests that need other files write them there themselves.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StatefulSetLensApi } from '../../../client/src/extension';

const EXTENSION_ID = 'statefulset-lens.statefulset-lens';
const TIMEOUT_MS = 20_000;

function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test needs a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

const exampleUri = () => workspaceUri('examples', 'random-generator.yaml');

/**
 * Resolves with the first truthy value of `probe`, re-checking whenever `event` fires (and on a short tick for
 * state VS Code has no event for, like lenses). Rejects with `what` and the last value after the timeout.
 */
async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, event?: vscode.Event<unknown>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let last: unknown;
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      clearInterval(tick);
      clearTimeout(timer);
      subscription?.dispose();
      fn();
    };
    const check = async () => {
      try {
        const value = await probe();
        last = value;
        if (value) finish(() => resolve(value));
      } catch (error) {
        last = error;
      }
    };
    const subscription = event?.(() => void check());
    const tick = setInterval(() => void check(), 200);
    const timer = setTimeout(() => finish(() => reject(new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`))), TIMEOUT_MS);
    void check();
  });
}

async function api(): Promise<StatefulSetLensApi> {
  const extension = vscode.extensions.getExtension<StatefulSetLensApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const exports = await extension.activate();
  await exports.ready;
  return exports;
}

async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, vscode.ViewColumn.One);
}

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
  return lenses.map((l) => l.command?.title ?? '').filter(Boolean);
}

async function writeWorkspaceFile(name: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceUri(name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return uri;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

suite('StatefulSet Lens in VS Code', () => {
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('statefulsetLens').update('clusterDomain', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('opening a YAML file activates the extension and starts the language server', async () => {
    await open(exampleUri());
    const extension = vscode.extensions.getExtension<StatefulSetLensApi>(EXTENSION_ID);
    assert.ok(extension);
    const exports = await waitFor('activation', () => (extension.isActive ? extension.exports : undefined));
    await exports.ready;
    assert.equal(exports.client.isRunning(), true);
    assert.equal(exports.client.initializeResult?.capabilities.codeLensProvider !== undefined, true);
  });

  test('the StatefulSet gets lenses with its pods, DNS names, PVCs and update order', async () => {
    await api();
    await open(exampleUri());
    const titles = await waitFor('lenses', async () => {
      const t = await lensTitles(exampleUri());
      return t.includes('pods: rg-0, rg-1') ? t : undefined;
    });
    assert.deepEqual(titles, [
      'pods: rg-0, rg-1',
      'rolling update: rg-1 → rg-0',
      'DNS: rg-0.random-generator.default.svc.cluster.local, …',
      'PVCs: logs-rg-0, logs-rg-1',
    ]);
  });

  test('a negative replicas count is an error diagnostic that clears once fixed', async () => {
    await api();
    const source = new TextDecoder().decode(await vscode.workspace.fs.readFile(exampleUri()));
    const uri = await writeWorkspaceFile('broken.yaml', source.replace('replicas: 2', 'replicas: -1'));
    const editor = await open(uri);
    const errors = () => vscode.languages.getDiagnostics(uri).filter((d) => d.code === 'negative-value' || (d.code as { value?: unknown })?.value === 'negative-value');
    const [diagnostic] = await waitFor('the negative-value diagnostic', () => (errors().length ? errors() : undefined), vscode.languages.onDidChangeDiagnostics);
    assert.equal(
      diagnostic!.message,
      'spec.replicas is -1: the API server rejects the StatefulSet (must be greater than or equal to 0). Use 0 to stop every pod, or the number of pods you want.',
    );
    assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual([diagnostic!.range.start.line, diagnostic!.range.start.character, diagnostic!.range.end.character], [20, 12, 14]);

    const fixed = await editor.edit((edit) => edit.replace(diagnostic!.range, '3'));
    assert.equal(fixed, true);
    await waitFor('the diagnostic to clear', () => errors().length === 0, vscode.languages.onDidChangeDiagnostics);
    assert.deepEqual(vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error), []);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('hovering replicas lists the pods it produces', async () => {
    await api();
    await open(exampleUri());
    const position = new vscode.Position(20, 4); // on `replicas`
    const text = await waitFor('a hover with the pods', async () => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', exampleUri(), position)) ?? [];
      const t = hoverText(hovers);
      return t.includes('**Pods**') ? t : undefined;
    });
    assert.ok(text.includes('**Pods** (2): `rg-0`, `rg-1`'), text);
  });

  test('completing serviceName offers the headless Service of the workspace', async () => {
    await api();
    const uri = await writeWorkspaceFile(
      'completion.yaml',
      ['apiVersion: apps/v1', 'kind: StatefulSet', 'metadata:', '  name: web', 'spec:', '  serviceName: ', '  replicas: 1', ''].join('\n'),
    );
    await open(uri);
    const position = new vscode.Position(5, 15);
    const labels = await waitFor('serviceName completions', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
      const found = (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return found.includes('random-generator') ? found : undefined;
    });
    assert.deepEqual(labels, ['random-generator']);
  });

  test('Show Preview on the example opens the panel beside the editor with the StatefulSet under the cursor', async () => {
    const { preview } = await api();
    const editor = await open(exampleUri());
    editor.selection = new vscode.Selection(24, 4, 24, 4);
    const rendered = new Promise<unknown>((resolve) => {
      const subscription = preview.onDidRender((model) => {
        if (model) {
          subscription.dispose();
          resolve(model);
        }
      });
    });
    await vscode.commands.executeCommand('statefulsetLens.showPreview');
    await rendered;
    const panel = preview.currentPanel;
    assert.ok(panel, 'no preview panel');
    assert.equal(panel.viewType, 'statefulsetLens.preview');
    assert.equal(panel.title, 'Preview rg');
    // The tab model catches up with the panel asynchronously.
    const previewTab = await waitFor(
      'the preview tab',
      () =>
        vscode.window.tabGroups.all
          .flatMap((group) => group.tabs)
          .find((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('statefulsetLens.preview') && tab.label === 'Preview rg'),
      vscode.window.tabGroups.onDidChangeTabs,
    );
    assert.equal(previewTab.group.viewColumn, vscode.ViewColumn.Two, 'the preview is not beside the editor');
    assert.deepEqual(preview.currentModel?.pods.map((p) => p.dns), [
      'rg-0.random-generator.default.svc.cluster.local',
      'rg-1.random-generator.default.svc.cluster.local',
    ]);
  });

  test('the what-if replicas value makes the panel show which pods would be created', async () => {
    const { preview } = await api();
    await vscode.commands.executeCommand('statefulsetLens.showPreview', exampleUri().toString(), 'rg');
    await preview.setReplicas(4);
    assert.deepEqual(preview.currentModel?.whatIf, { from: 2, to: 4, created: ['rg-2', 'rg-3'], createdCount: 2, createdLast: 'rg-3', createdPvcCount: 2, removed: [], removedCount: 0, pvcs: [], removedPvcCount: 0 });
    await preview.setReplicas(undefined);
    assert.equal(preview.currentModel?.whatIf, undefined);
    assert.equal(preview.currentModel?.pods.length, 2);
  });

  test('the open preview re-renders when the document changes', async () => {
    const { preview } = await api();
    const editor = await open(exampleUri());
    await vscode.commands.executeCommand('statefulsetLens.showPreview', exampleUri().toString(), 'rg');
    const replicasLine = editor.document.lineAt(20);
    assert.equal(replicasLine.text, '  replicas: 2');
    const rendered = waitFor('a render with 3 pods', () => (preview.currentModel?.pods.length === 3 ? preview.currentModel : undefined), preview.onDidRender);
    await editor.edit((edit) => edit.replace(replicasLine.range, '  replicas: 3'));
    const model = await rendered;
    assert.deepEqual(model.pods.map((p) => p.name), ['rg-0', 'rg-1', 'rg-2']);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('renaming the previewed StatefulSet keeps the preview on it under its new name', async () => {
    const { preview } = await api();
    const editor = await open(exampleUri());
    await vscode.commands.executeCommand('statefulsetLens.showPreview', exampleUri().toString(), 'rg');
    const nameLine = editor.document.lineAt(17);
    assert.equal(nameLine.text, '  name: rg');
    const renamed = waitFor('a render of rg2', () => (preview.currentModel?.name === 'rg2' ? preview.currentModel : undefined), preview.onDidRender);
    await editor.edit((edit) => edit.insert(nameLine.range.end, '2'));
    const model = await renamed;
    assert.deepEqual(model.pods.map((p) => p.name), ['rg2-0', 'rg2-1']);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('the preview follows the active editor to another file\'s StatefulSet', async () => {
    const { preview } = await api();
    await vscode.commands.executeCommand('statefulsetLens.showPreview', exampleUri().toString(), 'rg');
    const uri = await writeWorkspaceFile(
      'follow.yaml',
      ['apiVersion: apps/v1', 'kind: StatefulSet', 'metadata:', '  name: cache', 'spec:', '  serviceName: random-generator', '  replicas: 1', ''].join('\n'),
    );
    const followed = waitFor('the preview of cache', () => (preview.currentModel?.name === 'cache' ? preview.currentModel : undefined), preview.onDidRender);
    await open(uri);
    const model = await followed;
    assert.deepEqual(model.pods.map((p) => p.dns), ['cache-0.random-generator.default.svc.cluster.local']);
  });

  test('the preview re-renders when the governing Service changes in another file', async () => {
    const { preview } = await api();
    const uri = await writeWorkspaceFile(
      'service-elsewhere.yaml',
      ['apiVersion: apps/v1', 'kind: StatefulSet', 'metadata:', '  name: watcher', 'spec:', '  serviceName: random-generator', '  replicas: 1', ''].join('\n'),
    );
    await open(uri);
    const headless = waitFor('watcher with a headless Service', () => (preview.currentModel?.name === 'watcher' && preview.currentModel.service?.headless ? true : undefined), preview.onDidRender);
    await vscode.commands.executeCommand('statefulsetLens.showPreview', uri.toString(), 'watcher');
    await headless;
    // Edit the example's Service without making it the active editor, so the preview stays on watcher.
    const example = await vscode.workspace.openTextDocument(exampleUri());
    const line = example.lineAt(7);
    assert.equal(line.text, '  clusterIP: None');
    const notHeadless = waitFor('watcher with a Service that is not headless', () => (preview.currentModel?.name === 'watcher' && preview.currentModel.service?.headless === false ? preview.currentModel : undefined), preview.onDidRender);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(example.uri, line.range, '  clusterIP: 10.0.0.9');
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      const model = await notHeadless;
      assert.equal(model.service?.name, 'random-generator');
    } finally {
      // Put the example back whatever happened, so the tests after this one see it unchanged.
      const undo = new vscode.WorkspaceEdit();
      undo.replace(example.uri, example.lineAt(7).range, '  clusterIP: None');
      await vscode.workspace.applyEdit(undo);
      await example.save();
    }
  });

  test('an untitled YAML document gets lenses too', async () => {
    await api();
    const document = await vscode.workspace.openTextDocument({
      language: 'yaml',
      content: ['apiVersion: apps/v1', 'kind: StatefulSet', 'metadata:', '  name: scratch', 'spec:', '  replicas: 3', ''].join('\n'),
    });
    await vscode.window.showTextDocument(document);
    const titles = await waitFor('lenses on the untitled document', async () => {
      const t = await lensTitles(document.uri);
      return t.length ? t : undefined;
    });
    assert.equal(titles[0], 'pods: scratch-0 … scratch-2 (3 pods)');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('StatefulSet: Restart Language Server starts a new server that serves lenses again', async () => {
    const { client } = await api();
    await open(exampleUri());
    const before = client.initializeResult;
    await vscode.commands.executeCommand('statefulsetLens.restartServer');
    assert.equal(client.isRunning(), true);
    assert.notEqual(client.initializeResult, before);
    const titles = await waitFor('lenses after the restart', async () => {
      const t = await lensTitles(exampleUri());
      return t.includes('pods: rg-0, rg-1') ? t : undefined;
    });
    assert.equal(titles.length, 4);
  });

  test('changing statefulsetLens.clusterDomain updates the DNS lens', async () => {
    await api();
    await open(exampleUri());
    await vscode.workspace.getConfiguration('statefulsetLens').update('clusterDomain', 'example.internal', vscode.ConfigurationTarget.Workspace);
    const titles = await waitFor('the lens with the new domain', async () => {
      const t = await lensTitles(exampleUri());
      return t.includes('DNS: rg-0.random-generator.default.svc.example.internal, …') ? t : undefined;
    });
    assert.equal(titles.some((t) => t.includes('cluster.local')), false);
  });
});
