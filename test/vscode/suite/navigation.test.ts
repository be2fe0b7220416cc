// Editor tests of navigation in a real VS Code: Go to Definition from the example's serviceName to its Service's
// name, and Find References of the Service name, through VS Code's own provider commands and the real server.
// Self-contained (the loader runs every *.test.js of the suite); it opens only the workspace's example.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StatefulSetLensApi } from '../../../client/src/extension';

const EXTENSION_ID = 'statefulset-lens.statefulset-lens';
const TIMEOUT_MS = 20_000;

function exampleUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test needs a workspace folder');
  return vscode.Uri.joinPath(folder.uri, 'examples', 'random-generator.yaml');
}

async function openExample(): Promise<vscode.TextDocument> {
  const extension = vscode.extensions.getExtension<StatefulSetLensApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  await (await extension.activate()).ready;
  const document = await vscode.workspace.openTextDocument(exampleUri());
  await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
  return document;
}

/**
 * Runs a provider command until it answers something: right after opening, the server may not have the
 * document yet. VS Code has no event for that, so it re-asks on a short tick, up to the timeout.
 */
async function untilAnswered<T>(what: string, ask: () => Thenable<T[] | undefined>): Promise<T[]> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const answer = (await ask()) ?? [];
    if (answer.length) return answer;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The position `delta` characters into the first line containing `needle` (after its start). */
function positionIn(document: vscode.TextDocument, needle: string, delta: number): vscode.Position {
  const at = document.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is not in ${document.uri.toString()}`);
  return document.positionAt(at + delta);
}

const show = (uri: vscode.Uri, r: vscode.Range) => `${uri.path.split('/').pop()} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

suite('Navigation in VS Code', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Go to Definition on serviceName lands on the Service\'s metadata.name', async () => {
    const document = await openExample();
    const position = positionIn(document, 'serviceName: random-generator', 'serviceName: random'.length);
    const targets = await untilAnswered('a definition', () =>
      vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, position));
    const landed = targets.map((t) => ('targetUri' in t ? show(t.targetUri, t.targetSelectionRange ?? t.targetRange) : show(t.uri, t.range)));
    // Line 5 of the example is `  name: random-generator` in the Service. Other tests write copies of the
    // example into the workspace; the Service in the StatefulSet's own file is the only definition all the same.
    assert.deepEqual(landed, ['random-generator.yaml 5:8-5:24']);
    assert.equal(document.lineAt(5).text, '  name: random-generator');
  });

  test('Find References on the Service\'s name lists it and the StatefulSet\'s serviceName', async () => {
    const document = await openExample();
    const position = positionIn(document, 'name: random-generator', 'name: ran'.length);
    const references = await untilAnswered('references', () =>
      vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, position));
    // Other tests of the suite write copies of the example naming the same Service, and VS Code sorts the
    // answer by file: only this file's references are pinned.
    const here = references.filter((l) => l.uri.toString() === document.uri.toString());
    assert.deepEqual(here.map((l) => show(l.uri, l.range)), ['random-generator.yaml 5:8-5:24', 'random-generator.yaml 19:15-19:31']);
  });
});
