// Editor test of the apply plan in a real VS Code: a StatefulSet committed with git (the test makes the
// workspace a repository with the git binary; the extension itself never runs git), serviceName edited in the
// editor gives the immutable-field-changed error, the preview shows "Apply plan (against HEAD)" with the
// refused change first, and the quick fix restores the HEAD value and clears the error. Self-contained: it
// removes the repository, its file and the setting afterwards, so other suites see the workspace as before.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { StatefulSetLensApi } from '../../../client/src/extension';

const EXTENSION_ID = 'statefulset-lens.statefulset-lens';
const TIMEOUT_MS = 20_000;

const COMMITTED = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: plan-web
spec:
  serviceName: plan-web
  replicas: 2
  selector:
    matchLabels:
      app: plan-web
  template:
    metadata:
      labels:
        app: plan-web
    spec:
      containers:
        - name: app
          image: nginx
`;

function folder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the test needs a workspace folder');
  return f;
}

const fileUri = () => vscode.Uri.joinPath(folder().uri, 'plan-web.yaml');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

/** git with a throwaway home (no user configuration) and a fixed identity. */
function git(...args: string[]): void {
  execFileSync('git', args, {
    cwd: folder().uri.fsPath,
    env: {
      PATH: process.env.PATH,
      HOME: mkdtempSync(path.join(tmpdir(), 'plan-git-home-')),
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
    },
  });
}

/** Resolves once `probe` holds, re-checked on every diagnostics change; rejects after the timeout. */
function whenDiagnostics<T>(what: string, probe: () => T | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const check = () => {
      const value = probe();
      if (value === undefined) return;
      subscription.dispose();
      clearTimeout(timer);
      resolve(value);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics(() => check());
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out waiting for ${what}; diagnostics: ${JSON.stringify(vscode.languages.getDiagnostics(fileUri()).map((d) => d.message))}`));
    }, TIMEOUT_MS);
    check();
  });
}

suite('Apply plan in VS Code', () => {
  suiteSetup(async () => {
    await vscode.workspace.fs.writeFile(fileUri(), Buffer.from(COMMITTED, 'utf8'));
    git('init', '-q');
    git('add', 'plan-web.yaml');
    git('commit', '-q', '-m', 'plan-web');
    // The server reads the baseline again on setting changes (and when .git/HEAD changes).
    await vscode.workspace.getConfiguration('statefulsetLens', folder().uri).update('baseline', 'HEAD', vscode.ConfigurationTarget.Workspace);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(fileUri()).then(undefined, () => undefined);
    rmSync(path.join(folder().uri.fsPath, '.git'), { recursive: true, force: true });
    await vscode.workspace.getConfiguration('statefulsetLens', folder().uri).update('baseline', undefined, vscode.ConfigurationTarget.Workspace);
  });

  test('editing a committed serviceName shows the refused change, the preview shows the plan, and the quick fix restores HEAD', async () => {
    const extension = vscode.extensions.getExtension<StatefulSetLensApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    const { preview } = await extension.activate();
    await extension.exports.ready;
    const uri = fileUri();
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);

    const at = COMMITTED.indexOf('serviceName: plan-web') + 'serviceName: '.length;
    await editor.edit((b) => b.replace(new vscode.Range(document.positionAt(at), document.positionAt(at + 'plan-web'.length)), 'plan-web-headless'));
    const refused = () => vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === 'immutable-field-changed');
    const [diagnostic] = await whenDiagnostics('the immutable-field-changed error', () => (refused().length ? refused() : undefined));
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual([diagnostic.range.start, diagnostic.range.end].map((p) => document.offsetAt(p)), [at, at + 'plan-web-headless'.length]);
    assert.match(diagnostic.message, /^spec\.serviceName changed from "plan-web" \(at HEAD\) to "plan-web-headless": the API server refuses this update with "spec: Forbidden: updates to statefulset spec for fields other than /);
    assert.match(diagnostic.message, /kubectl delete statefulset plan-web --cascade=orphan, then apply/);

    const rendered = new Promise<void>((resolve) => {
      const subscription = preview.onDidRender((model) => {
        if (model?.plan) {
          subscription.dispose();
          resolve();
        }
      });
    });
    await vscode.commands.executeCommand('statefulsetLens.showPreview', uri.toString(), 'plan-web');
    await rendered;
    const plan = preview.currentModel?.plan;
    assert.equal(plan?.title, 'Apply plan (against HEAD)');
    assert.deepEqual(plan?.steps.map((s) => [s.kind, s.summary]), [['refused', 'serviceName "plan-web" → "plan-web-headless": refused by the API server']]);

    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, diagnostic.range)) ?? [];
    const fix = actions.find((a) => a.title === "Change back to 'plan-web' (HEAD)") as vscode.CodeAction | undefined;
    assert.ok(fix?.edit, `no restore fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(fix.isPreferred, true);
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.equal(document.getText(), COMMITTED);
    await whenDiagnostics('the error to clear', () => (refused().length === 0 ? true : undefined));
    assert.deepEqual(vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => d.message), []);
  });
});
