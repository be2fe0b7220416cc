// Extension entry point: activate/deactivate only. It wires the language client, the two commands and the
// preview panel together and returns a small API that the editor tests use; behaviour lives in the modules it
// imports, not here.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { OverlaysChangedNotificationMethod, ShowPreviewCommand, type StatefulSetSummary } from '../../server/src/protocol';
import { CLIENT_NAME, createLanguageClient, isRedHatYamlActive, previewSourceOf } from './languageClient';
import { statefulSetAtLine } from './preview/pickStatefulSet';
import { PreviewPanelManager, isYamlDocument, registerPreviewSerializer, type PreviewSource } from './preview/previewPanel';

export const RESTART_SERVER_COMMAND = 'statefulsetLens.restartServer';

/** What `activate` returns: enough for tests to wait for the server and look at the preview. */
export interface StatefulSetLensApi {
  readonly client: LanguageClient;
  readonly preview: PreviewPanelManager;
  /** Resolves once the language server is running (rejects if it failed to start). */
  readonly ready: Promise<void>;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): StatefulSetLensApi {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);
  const languageClient = createLanguageClient(context, output);
  client = languageClient;
  const ready = languageClient.start().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    output.error(`The language server failed to start: ${message}`);
    void vscode.window.showErrorMessage(`StatefulSet Lens: the language server failed to start (${message}).`);
    throw error;
  });
  // Callers that do not wait for `ready` must not see an unhandled rejection.
  ready.catch(() => undefined);

  // Preview requests wait for the server, so a panel restored at start-up does not race its start.
  const started = previewSourceOf(languageClient);
  const source: PreviewSource = {
    preview: async (params) => (await ready, started.preview(params)),
    listStatefulSets: async (uri) => (await ready, started.listStatefulSets(uri)),
  };
  const preview = new PreviewPanelManager(context.extensionUri, source, (message) => output.warn(message));
  context.subscriptions.push(preview, registerPreviewSerializer(preview));
  // A Kustomize render that finishes after the preview opened (or after a save) updates it.
  context.subscriptions.push(languageClient.onNotification(OverlaysChangedNotificationMethod, () => preview.overlaysChanged()));

  context.subscriptions.push(
    vscode.commands.registerCommand(ShowPreviewCommand, async (uri?: unknown, name?: unknown, overlay?: unknown) => {
      // Lenses pass [uri, name] (an overlay's lens [uri, name, overlay]); the editor title button passes the
      // file's Uri; the palette passes nothing.
      if (typeof uri === 'string' && typeof name === 'string') return preview.show({ uri, name, ...(typeof overlay === 'string' ? { overlay } : {}) });
      const editor = vscode.window.activeTextEditor;
      const requested = uri instanceof vscode.Uri ? uri.toString() : undefined;
      if (editor && isYamlDocument(editor.document) && (!requested || editor.document.uri.toString() === requested)) {
        return showPreviewForEditor(editor, preview, source.listStatefulSets);
      }
      if (requested) return preview.show({ uri: requested });
      void vscode.window.showInformationMessage('StatefulSet Lens: open a YAML file with a StatefulSet to preview it.');
    }),
    vscode.commands.registerCommand(RESTART_SERVER_COMMAND, async () => {
      output.info('Restarting the language server.');
      await languageClient.restart();
    }),
  );

  // Installing or disabling Red Hat's YAML extension changes who validates schemas: restart to tell the server.
  let redHatYaml = isRedHatYamlActive();
  context.subscriptions.push(
    vscode.extensions.onDidChange(() => {
      const now = isRedHatYamlActive();
      if (now === redHatYaml) return;
      redHatYaml = now;
      if (languageClient.isRunning()) void languageClient.restart();
    }),
  );

  // Kustomize overlays are rendered only in trusted workspaces: granting trust restarts the server to say so.
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (languageClient.isRunning()) void languageClient.restart();
    }),
  );

  return { client: languageClient, preview, ready };
}

/** The StatefulSet under the cursor, the only one in the file, or the user's pick among several. */
async function showPreviewForEditor(
  editor: vscode.TextEditor,
  preview: PreviewPanelManager,
  listStatefulSets: (uri: string) => Promise<StatefulSetSummary[]>,
): Promise<void> {
  const uri = editor.document.uri.toString();
  const summaries = await listStatefulSets(uri);
  if (summaries.length === 0) {
    void vscode.window.showInformationMessage('StatefulSet Lens: this file has no StatefulSet.');
    return;
  }
  const lines = editor.document.getText().split(/\r?\n/);
  let chosen = statefulSetAtLine(lines, summaries, editor.selection.active.line);
  if (!chosen) {
    const picked = await vscode.window.showQuickPick(
      summaries.map((s) => ({ label: s.name, description: s.namespace, detail: `line ${s.range.start.line + 1}`, summary: s })),
      { placeHolder: 'Which StatefulSet should the preview show?' },
    );
    chosen = picked?.summary;
  }
  if (chosen) await preview.show({ uri, name: chosen.name });
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop().catch(() => undefined);
}
