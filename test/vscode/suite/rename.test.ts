// Editor tests of rename in a real VS Code: F2's provider on a serviceName renames the Service in another file of
// the workspace (read from disk by the server) and the StatefulSet, and a refused rename shows the server's reason.
// Self-contained (the loader runs every *.test.js of the suite); it writes its own two files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StatefulSetLensApi } from '../../../client/src/extension';

const EXTENSION_ID = 'statefulset-lens.statefulset-lens';
// The Service file reaches the server through the editor's file watcher, which a busy machine can slow down.
const TIMEOUT_MS = 40_000;

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: orders-db\nspec:\n  clusterIP: None\n  selector:\n    app: orders\n';
const STATEFULSET = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: orders\nspec:\n  serviceName: orders-db\n  replicas: 1\n'
  + '  selector:\n    matchLabels:\n      app: orders\n  template:\n    metadata:\n      labels:\n        app: orders\n'
  + '    spec:\n      containers:\n        - name: db\n          image: postgres:16\n';

function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test needs a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

const show = (uri: vscode.Uri, r: vscode.Range, newText: string) => `${uri.path.split('/').pop()} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} → ${newText}`;

suite('Rename in VS Code', function () {
  this.timeout(60_000);
  const serviceUri = workspaceUri('rename', 'service.yaml');
  const statefulSetUri = workspaceUri('rename', 'statefulset.yaml');

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension<StatefulSetLensApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    await (await extension.activate()).ready;
    await vscode.workspace.fs.writeFile(serviceUri, Buffer.from(SERVICE));
    await vscode.workspace.fs.writeFile(statefulSetUri, Buffer.from(STATEFULSET));
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(workspaceUri('rename'), { recursive: true });
  });

  test('F2 on serviceName renames the Service in another file and the serviceName', async () => {
    const document = await vscode.workspace.openTextDocument(statefulSetUri);
    await vscode.window.showTextDocument(document);
    const position = new vscode.Position(5, 'serviceName: ord'.length);
    // What F2 asks first: the range and the name in the rename box.
    const prepared = await vscode.commands.executeCommand<{ range: vscode.Range; placeholder: string }>('vscode.prepareRename', document.uri, position);
    assert.equal(prepared.placeholder, 'orders-db');
    assert.deepEqual([prepared.range.start.line, prepared.range.start.character, prepared.range.end.character], [5, 15, 24]);
    // The server reads service.yaml from disk through the file watcher; until then the edit holds one file.
    let edit: vscode.WorkspaceEdit | undefined;
    const deadline = Date.now() + TIMEOUT_MS;
    // The file may have been written before the server's watcher registration took effect (that event is then
    // never sent): write it again every 5 s until the server has it, as a later save would.
    let rewriteAt = Date.now() + 5_000;
    for (;;) {
      edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', document.uri, position, 'payments-db');
      if (edit.has(serviceUri) || Date.now() > deadline) break;
      if (Date.now() > rewriteAt) {
        await vscode.workspace.fs.writeFile(serviceUri, Buffer.from(SERVICE));
        rewriteAt = Date.now() + 5_000;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const edits = edit.entries().flatMap(([uri, list]) => list.map((e) => show(uri, e.range, e.newText))).sort();
    assert.deepEqual(edits, ['service.yaml 3:8-3:17 → payments-db', 'statefulset.yaml 5:15-5:24 → payments-db']);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const service = await vscode.workspace.openTextDocument(serviceUri);
    assert.equal(service.lineAt(3).text, '  name: payments-db');
    assert.equal(document.lineAt(5).text, '  serviceName: payments-db');
    await vscode.workspace.saveAll(false);
  });

  test('a rename to a name that is not a DNS label is refused with the reason', async () => {
    const document = await vscode.workspace.openTextDocument(statefulSetUri);
    const position = new vscode.Position(5, 'serviceName: pay'.length);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', document.uri, position, 'Payments_DB')),
      /`Payments_DB` is not a valid Service name: a DNS-1035 label must consist of lower case alphanumeric characters/,
    );
  });
});
