// Editor test of quick fixes in a real VS Code: a podManagementPolicy typo shows the "Change to 'Parallel'"
// light-bulb action through VS Code's own code action command, and applying it clears the diagnostic.
// Self-contained (the loader runs every *.test.js of the suite): it writes its own file, without a Service so
// other suites' Service lists stay as they expect, and deletes it afterwards.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StatefulSetLensApi } from '../../../client/src/extension';

const EXTENSION_ID = 'statefulset-lens.statefulset-lens';
const TIMEOUT_MS = 20_000;

const TYPO = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: qf
spec:
  serviceName: qf-peers
  replicas: 1
  podManagementPolicy: Paralel
  selector:
    matchLabels:
      app: qf
  template:
    metadata:
      labels:
        app: qf
    spec:
      containers:
        - name: app
          image: nginx
`;

function fileUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test needs a workspace folder');
  return vscode.Uri.joinPath(folder.uri, 'quick-fix-typo.yaml');
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

/** Resolves once `probe` holds, re-checked on every diagnostics change; rejects after the timeout. */
function whenDiagnostics<T>(what: string, probe: () => T | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const check = () => {
      const value = probe();
      if (value === undefined) return false;
      subscription.dispose();
      clearTimeout(timer);
      resolve(value);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics(() => void check());
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, TIMEOUT_MS);
    check();
  });
}

suite('Quick fixes in VS Code', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(fileUri()).then(undefined, () => undefined);
  });

  test("a podManagementPolicy typo offers the preferred quick fix \"Change to 'Parallel'\", and applying it clears the error", async () => {
    const extension = vscode.extensions.getExtension<StatefulSetLensApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    await (await extension.activate()).ready;
    const uri = fileUri();
    await vscode.workspace.fs.writeFile(uri, Buffer.from(TYPO, 'utf8'));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);

    const typoDiagnostics = () => vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === 'invalid-pod-management-policy');
    const [diagnostic] = await whenDiagnostics('the invalid-pod-management-policy diagnostic', () => (typoDiagnostics().length ? typoDiagnostics() : undefined));
    const at = TYPO.indexOf('Paralel');
    assert.deepEqual([diagnostic.range.start, diagnostic.range.end].map((p) => document.offsetAt(p)), [at, at + 'Paralel'.length]);

    const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, diagnostic.range)) ?? [];
    const titles = actions.map((a) => a.title);
    assert.deepEqual(titles, ["Change to 'Parallel'", 'Disable invalid-pod-management-policy for this line']);
    const fix = actions[0] as vscode.CodeAction;
    assert.equal(fix.kind?.value, 'quickfix');
    assert.equal(fix.isPreferred, true);
    // VS Code's command drops the actions' diagnostics when converting them (the protocol test checks those).
    assert.ok(fix.edit, 'the quick fix carries a WorkspaceEdit');

    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.equal(document.getText(), TYPO.replace('Paralel', 'Parallel'));
    await whenDiagnostics('the diagnostic to clear', () => (typoDiagnostics().length === 0 ? true : undefined));
    assert.deepEqual(vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => d.message), []);
  });
});
