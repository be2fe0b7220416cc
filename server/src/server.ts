// The composition root of the language server: what it advertises, which client abilities it uses, and how
// documents, the workspace scan, watched files and settings changes reach the handlers. No analysis here.
import {
  CodeLensRefreshRequest, DidChangeWatchedFilesNotification, FileChangeType, TextDocumentSyncKind, TextDocuments,
  type Connection, type DidChangeWatchedFilesParams, type InitializeParams, type InitializeResult, type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { OverlaysChangedNotificationMethod, ShowPreviewCommand, type InitializationOptions } from './protocol';
import { registerDiagnostics, type DiagnosticsScheduler } from './handlers/diagnostics';
import { registerFeatures } from './handlers/features';
import { registerNavigation } from './handlers/navigation';
import { registerCodeActions } from './handlers/codeActions';
import { registerPreview } from './handlers/preview';
import type { ClientAbilities, ServerContext } from './handlers/context';
import { ConfigurationStore } from './workspace/configurationStore';
import { WorkspaceFiles, isManifestPath } from './workspace/workspaceFiles';
import { lazyYamlEngine } from './yaml/yamlEngine';
import { KustomizeScheduler } from './kustomize/scheduler';

export interface ServerOptions {
  /** Absolute path of k8s-statefulset-lens.schema.json. */
  schemaPath: string;
  /** file:// URI of the rules documentation (diagnostic code links). */
  rulesDocUri?: string;
  version: string;
}

export function startServer(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  const files = new WorkspaceFiles();
  const log = (message: string) => connection.console.log(message);
  const yaml = lazyYamlEngine({ schemaPath: options.schemaPath, logError: (m) => connection.console.error(m) });
  const dirty = new Set<string>();
  let folders: WorkspaceFolder[] = [];
  let ctx!: ServerContext;
  let diagnostics!: DiagnosticsScheduler;
  let flushTimer: NodeJS.Timeout | undefined;
  let lensRefreshQueued = false;
  let diskChanges: Promise<void> = Promise.resolve();

  /** Another file's change can alter lenses and diagnostics everywhere: ask the client to pull again. */
  const crossFileChanged = () => {
    diagnostics.refreshAll();
    if (ctx.client.codeLensRefresh && !lensRefreshQueued) {
      lensRefreshQueued = true;
      setImmediate(() => {
        lensRefreshQueued = false;
        connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
      });
    }
  };

  /** Applies pending edits of open documents to the workspace (edits are applied lazily, once per burst). */
  const flush = () => {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    if (dirty.size === 0) return;
    const before = files.workspace.crossFileRevision;
    for (const uri of dirty) {
      const doc = documents.get(uri);
      if (doc) files.setOpen(uri, doc.getText());
    }
    dirty.clear();
    if (files.workspace.crossFileRevision !== before) crossFileChanged();
  };

  /** Runs a workspace change (close, disk event, scan) and refreshes other documents when it matters. */
  const changeWorkspace = async (change: () => unknown) => {
    flush();
    const before = files.workspace.crossFileRevision;
    await change();
    if (files.workspace.crossFileRevision !== before) crossFileChanged();
    ctx.kustomize.schedule();
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    const client: ClientAbilities = {
      pullDiagnostics: !!caps.textDocument?.diagnostic,
      diagnosticRefresh: !!caps.workspace?.diagnostics?.refreshSupport,
      codeLensRefresh: !!caps.workspace?.codeLens?.refreshSupport,
      workDoneProgress: !!caps.window?.workDoneProgress,
      configurationPull: !!caps.workspace?.configuration,
      watchedFilesDynamic: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      configurationChangeDynamic: !!caps.workspace?.didChangeConfiguration?.dynamicRegistration,
      workspaceFolderChanges: !!caps.workspace?.workspaceFolders,
      snippets: !!caps.textDocument?.completion?.completionItem?.snippetSupport,
      markdown: !!caps.textDocument?.hover?.contentFormat?.includes('markdown'),
    };
    folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    ctx = {
      connection, documents, files, yaml, client, log, flush,
      diskChangesApplied: () => diskChanges,
      config: new ConfigurationStore(connection, client.configurationPull),
      redHatYamlActive: init.redHatYamlActive === true,
      rulesDocUri: options.rulesDocUri,
      // Renders enter the workspace as inputs; a new render refreshes lenses and diagnostics like a Service edit.
      kustomize: new KustomizeScheduler(files.workspace, {
        trusted: init.workspaceTrusted !== false,
        command: async () => (await ctx.config.get(folders[0]?.uri)).kustomize.command,
        log,
        changed: () => {
          crossFileChanged();
          void connection.sendNotification(OverlaysChangedNotificationMethod).catch(() => undefined);
        },
      }),
    };
    diagnostics = registerDiagnostics(ctx);
    registerFeatures(ctx);
    registerNavigation(ctx, { definitionLinks: !!caps.textDocument?.definition?.linkSupport });
    registerPreview(ctx);
    registerCodeActions(ctx);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [':', ' ', '-'], resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        executeCommandProvider: { commands: [ShowPreviewCommand] },
        diagnosticProvider: { identifier: 'statefulset-lens', interFileDependencies: true, workspaceDiagnostics: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: client.workspaceFolderChanges } },
      },
      serverInfo: { name: 'statefulset-lens', version: options.version },
    };
  });

  const scan = async (toScan: WorkspaceFolder[]) => {
    if (toScan.length === 0) return;
    const progress = ctx.client.workDoneProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('StatefulSet Lens: scanning manifests', 0, undefined, true);
    let total = 0;
    try {
      for (const folder of toScan) {
        const { exclude } = await ctx.config.get(folder.uri);
        await changeWorkspace(() => files.scanFolder(folder.uri, exclude, (done, all) => {
          total = Math.max(total, done);
          if (done % 20 === 0 || done === all) progress?.report(Math.round((done / Math.max(all, 1)) * 100), `${done}/${all} files in ${folder.name}`);
        }, () => !!progress?.token.isCancellationRequested));
      }
    } catch (err) {
      log(`workspace scan failed: ${String(err)}`);
    } finally {
      progress?.done();
    }
    log(`scanned ${total} manifest files in ${toScan.length} folder(s)`);
  };

  connection.onInitialized(() => {
    // Load yaml-language-server now so the first didOpen finds it ready; initialize stays fast.
    void yaml().catch((err) => log(`yaml-language-server failed to load: ${String(err)}`));
    if (ctx.client.watchedFilesDynamic) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] }).catch(() => undefined);
    }
    // Only clients that declare dynamic registration for it get the registration (Eglot warns otherwise).
    if (ctx.client.configurationPull && ctx.client.configurationChangeDynamic) {
      // Settings are pulled; registering makes clients that only send the notification on demand send it.
      void connection.client.register({ method: 'workspace/didChangeConfiguration' } as never, { section: 'statefulsetLens' } as never).catch(() => undefined);
    }
    if (ctx.client.workspaceFolderChanges) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        // Chained with disk events, so that requests sent after the change see the folders applied.
        diskChanges = diskChanges
          .then(async () => {
            const removed = new Set(event.removed.map((f) => f.uri));
            const added = event.added.filter((a) => !folders.some((f) => f.uri === a.uri));
            folders = [...folders.filter((f) => !removed.has(f.uri)), ...added];
            await changeWorkspace(() => {
              for (const f of event.removed) files.forgetFolder(f.uri);
            });
            await scan(added);
          })
          .catch((err) => log(`workspace folders: ${String(err)}`));
      });
    }
    void scan(folders);
  });

  const applyDiskChanges = async (params: DidChangeWatchedFilesParams) => {
    const excludes = new Map<string, string[]>();
    for (const f of folders) excludes.set(f.uri, (await ctx.config.get(f.uri)).exclude);
    await changeWorkspace(async () => {
      for (const change of params.changes) {
        if (!isManifestPath(change.uri)) continue;
        const folder = folders.find((f) => change.uri.startsWith(f.uri.endsWith('/') ? f.uri : `${f.uri}/`));
        if (folder && WorkspaceFiles.excluded(folder.uri, change.uri, excludes.get(folder.uri) ?? [])) continue;
        if (change.type === FileChangeType.Deleted) files.deleteDisk(change.uri);
        else await files.readDisk(change.uri);
      }
    });
  };
  connection.onDidChangeWatchedFiles((params) => {
    // Chained, so that requests sent after the event see it applied.
    diskChanges = diskChanges.then(() => applyDiskChanges(params)).catch((err) => log(`watched files: ${String(err)}`));
  });

  connection.onDidChangeConfiguration(async (params) => {
    const oldExcludes = await Promise.all(folders.map((f) => ctx.config.get(f.uri).then((s) => JSON.stringify(s.exclude))));
    ctx.config.changed(ctx.client.configurationPull ? undefined : params.settings);
    // Lenses and diagnostics depend on settings; the scan only on the excludes.
    crossFileChanged();
    ctx.kustomize.schedule();
    const rescan: WorkspaceFolder[] = [];
    for (const [i, f] of folders.entries()) {
      if (JSON.stringify((await ctx.config.get(f.uri)).exclude) !== oldExcludes[i]) rescan.push(f);
    }
    for (const f of rescan) files.forgetFolder(f.uri);
    if (rescan.length) await scan(rescan);
  });

  documents.onDidChangeContent((e) => {
    dirty.add(e.document.uri);
    flushTimer ??= setTimeout(flush, 30);
    diagnostics.documentChanged(e.document.uri);
  });

  documents.onDidClose((e) => {
    const uri = e.document.uri;
    dirty.delete(uri);
    void changeWorkspace(() => files.close(uri));
    // The copy the scan read may predate a save the client never reported (no watched-file events): read the
    // file again, chained with disk events so requests sent after the close see it.
    if (files.hasDisk(uri)) {
      diskChanges = diskChanges
        .then(() => changeWorkspace(() => files.readDisk(uri)))
        .catch((err) => log(`reading ${uri} after close: ${String(err)}`));
    }
    ctx.config.forget(uri);
    diagnostics.documentClosed(uri);
    void yaml().then((engine) => engine.forget(uri), () => undefined);
  });

  connection.onShutdown(() => {
    clearTimeout(flushTimer);
    ctx.kustomize.dispose();
  });

  documents.listen(connection);
}
