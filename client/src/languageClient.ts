// How the language server is started and which documents it sees: `dist/server.js` over IPC, YAML files on
// disk and untitled YAML, settings under `statefulsetLens`. Nothing about previews or commands lives here.
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type DynamicFeature,
  type LanguageClientOptions,
  type ServerOptions,
  type StaticFeature,
} from 'vscode-languageclient/node';
import {
  ListStatefulSetsRequestMethod,
  PreviewRequestMethod,
  ShowPreviewCommand,
  type InitializationOptions,
  type ListStatefulSetsParams,
  type PreviewModel,
  type PreviewParams,
  type StatefulSetSummary,
} from '../../server/src/protocol';
import type { PreviewSource } from './preview/previewPanel';

export const CLIENT_ID = 'statefulsetLens';
export const CLIENT_NAME = 'StatefulSet Lens';
export const RED_HAT_YAML_ID = 'redhat.vscode-yaml';

/** Commands the extension implements itself in VS Code, even when the server also offers them to other editors. */
const CLIENT_SIDE_COMMANDS = new Set<string>([ShowPreviewCommand]);

/**
 * The server also executes `statefulsetLens.showPreview` for editors without a preview panel. If it advertises
 * that command, the stock client would register it in VS Code too and collide with ours (registerCommand
 * throws on duplicates), so the command list is filtered before the execute-command feature sees it.
 */
class StatefulSetLensLanguageClient extends LanguageClient {
  override registerFeature(feature: StaticFeature | DynamicFeature<unknown>): void {
    const dynamic = feature as Partial<DynamicFeature<{ commands?: string[] }>>;
    if (dynamic.registrationType?.method === 'workspace/executeCommand' && typeof dynamic.register === 'function') {
      const register = dynamic.register.bind(feature);
      dynamic.register = (data) =>
        register({
          ...data,
          registerOptions: {
            ...data.registerOptions,
            commands: (data.registerOptions.commands ?? []).filter((c) => !CLIENT_SIDE_COMMANDS.has(c)),
          },
        });
    }
    super.registerFeature(feature);
  }
}

/**
 * Red Hat's extension activates on the same YAML files as we do, so "installed and enabled" is what tells us
 * it will validate them; `isActive` may simply not be true yet when we start.
 */
export function isRedHatYamlActive(): boolean {
  const extension = vscode.extensions.getExtension(RED_HAT_YAML_ID);
  return extension !== undefined;
}

export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // A function, so a restart re-reads whether Red Hat's extension is there.
  const initializationOptions = (): InitializationOptions => ({ redHatYamlActive: isRedHatYamlActive(), workspaceTrusted: vscode.workspace.isTrusted });
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}');
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    initializationOptions,
    outputChannel,
    // Settings are pulled by the server per resource (workspace/configuration); it registers for
    // didChangeConfiguration itself to learn when to pull again. File events let it see YAML files change on
    // disk (a Service in another file decides a StatefulSet's DNS names).
    synchronize: { fileEvents: watcher },
  };
  // The id makes the client read `statefulsetLens.trace.server` for protocol tracing.
  return new StatefulSetLensLanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}

/** The custom requests the preview panel needs, over a started client. */
export function previewSourceOf(client: LanguageClient): PreviewSource {
  return {
    preview: (params: PreviewParams) => client.sendRequest<PreviewModel | null>(PreviewRequestMethod, params),
    listStatefulSets: async (uri: string) =>
      (await client.sendRequest<StatefulSetSummary[] | null>(ListStatefulSetsRequestMethod, { uri } satisfies ListStatefulSetsParams)) ?? [],
  };
}
