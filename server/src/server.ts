// The composition root of the language server: what it advertises, which client abilities it uses, and how
// documents, the workspace scan, watched files and settings changes reach the handlers. No analysis here.
// Open documents never wait for the workspace scan: it runs beside them, and findings that only the whole
// workspace can confirm (a Service that is not there) are held until it has finished (see ServerContext).
import {
  CodeLensRefreshRequest, DidChangeWatchedFilesNotification, FileChangeType, TextDocumentSyncKind, TextDocuments,
  type ClientCapabilities, type Connection, type DidChangeWatchedFilesParams, type InitializeParams, type InitializeResult,
  type PublishDiagnosticsParams,
  type ServerCapabilities, type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { OverlaysChangedNotificationMethod, ShowPreviewCommand, type InitializationOptions } from './protocol';
import { registerDiagnostics, type DiagnosticsScheduler } from './handlers/diagnostics';
import { registerFeatures } from './handlers/features';
import { registerNavigation } from './handlers/navigation';
import { registerCodeActions } from './handlers/codeActions';
import { registerPreview } from './handlers/preview';
import { registerRename } from './handlers/rename';
import type { ClientAbilities, ServerContext } from './handlers/context';
import { ConfigurationStore } from './workspace/configurationStore';
import { WorkspaceFiles, isManifestPath } from './workspace/workspaceFiles';
import { BaselineSync } from './workspace/baselineSync';
import { KustomizeScheduler } from './kustomize/scheduler';
import { lazyYamlEngine, type YamlEngine } from './yaml/yamlEngine';

export interface ServerOptions {
  /** Absolute path of k8s-statefulset-lens.schema.json. */
  schemaPath: string;
  /** file:// URI of the rules documentation (diagnostic code links). */
  rulesDocUri?: string;
  version: string;
}

/** How long documents must be quiet before yaml-language-server is loaded, if nothing has needed it before. */
const YAML_ENGINE_QUIET_MS = 300;
/** How long the background load of yaml-language-server waits at most for documents' first diagnostics. */
const YAML_ENGINE_MAX_WAIT_MS = 5000;
/** The longest the scan waits for an open document's diagnostics to go out (a client may never pull them). */
const SCAN_WAITS_FOR_DOCUMENTS_MS = 1000;

/** The server's long-lived state, shared by the wiring functions below. */
interface Server {
  connection: Connection;
  options: ServerOptions;
  documents: TextDocuments<TextDocument>;
  files: WorkspaceFiles;
  yaml: () => Promise<YamlEngine>;
  log(message: string): void;
  /** Open documents edited since the workspace last took their text. */
  dirty: Set<string>;
  flushTimer: NodeJS.Timeout | undefined;
  folders: WorkspaceFolder[];
  /** Folder scans under way (counted from `initialize`, so a didOpen before the first scan starts waits too). */
  scansRunning: number;
  /** Watched-file events and folder changes, chained so a request sent after one is answered with it applied. */
  diskChanges: Promise<void>;
  lensRefreshQueued: boolean;
  /** Open documents changed (or opened) whose diagnostics have not gone out since: the scan parses no file meanwhile. */
  unanswered: Set<string>;
  /** The scan, waiting for `unanswered` to empty. */
  scanWaiters: (() => void)[];
  /** `waiting` once the first scan is done and the quiet timer runs; `started` once the load began. */
  engineLoad: 'not yet' | 'waiting' | 'started';
  engineTimer: NodeJS.Timeout | undefined;
  /** When the background load began to wait (for YAML_ENGINE_MAX_WAIT_MS). */
  engineWaitingSince: number;
  ctx: ServerContext;
  diagnostics: DiagnosticsScheduler;
  /** The apply plan's git baselines, read in the background. */
  baselines: BaselineSync;
}

export function startServer(connection: Connection, options: ServerOptions): void {
  const server: Server = {
    connection,
    options,
    documents: new TextDocuments(TextDocument),
    files: new WorkspaceFiles({
      log: (message) => connection.console.warn(message),
      // The document itself has its diagnostics on the way (they waited for this parse): the others are refreshed.
      parsedInBackground: (uri, crossFile) => crossFile && crossFileChanged(server, uri),
    }),
    yaml: lazyYamlEngine({ schemaPath: options.schemaPath, logError: (m) => connection.console.error(m) }),
    log: (message) => connection.console.log(message),
    dirty: new Set(),
    flushTimer: undefined,
    folders: [],
    scansRunning: 0,
    diskChanges: Promise.resolve(),
    lensRefreshQueued: false,
    unanswered: new Set(),
    scanWaiters: [],
    engineLoad: 'not yet',
    engineTimer: undefined,
    engineWaitingSince: 0,
    ctx: undefined as unknown as ServerContext,
    diagnostics: undefined as unknown as DiagnosticsScheduler,
    baselines: undefined as unknown as BaselineSync,
  };
  connection.onInitialize((params) => initialize(server, params));
  connection.onInitialized(() => initialized(server));
  connection.onDidChangeWatchedFiles((params) => {
    chainDiskChange(server, 'watched files', () => applyDiskChanges(server, params));
    // A commit, checkout or fetch moves the apply plan's baseline; a folder in no repository yet may have become one.
    if (server.baselines.anyOutsideRepository || params.changes.some((c) => c.uri.includes('/.git/'))) refreshBaselines(server);
  });
  connection.onDidChangeConfiguration((params) => settingsChanged(server, params.settings));
  registerDocumentSync(server);
  connection.onShutdown(() => {
    clearTimeout(server.flushTimer);
    clearTimeout(server.engineTimer);
    server.ctx?.kustomize.dispose();
    server.files.dispose();
  });
  server.documents.listen(connection);
}

function abilitiesOf(caps: ClientCapabilities): ClientAbilities {
  return {
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
}

function capabilitiesFor(client: ClientAbilities, caps: ClientCapabilities, redHatYamlActive: boolean): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    completionProvider: { triggerCharacters: [':', ' ', '-'], resolveProvider: false },
    hoverProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: caps.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true,
    codeLensProvider: { resolveProvider: false },
    // Beside Red Hat's YAML extension the outline is its own.
    documentSymbolProvider: !redHatYamlActive,
    codeActionProvider: { codeActionKinds: ['quickfix'] },
    executeCommandProvider: { commands: [ShowPreviewCommand] },
    diagnosticProvider: { identifier: 'statefulset-lens', interFileDependencies: true, workspaceDiagnostics: false },
    workspace: { workspaceFolders: { supported: true, changeNotifications: client.workspaceFolderChanges } },
  };
}

function initialize(server: Server, params: InitializeParams): InitializeResult {
  const { connection } = server;
  const caps = params.capabilities;
  const init = (params.initializationOptions ?? {}) as InitializationOptions;
  const client = abilitiesOf(caps);
  server.folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
  server.scansRunning = server.folders.length > 0 ? 1 : 0;
  server.ctx = {
    connection: answeringConnection(connection, (uri) => answered(server, uri)),
    documents: server.documents,
    files: server.files,
    yaml: server.yaml,
    client,
    log: server.log,
    // Every request flushes first: a request is not a quiet moment to load yaml-language-server in.
    flush: () => {
      if (server.engineLoad === 'waiting') loadEngineWhenQuiet(server);
      flush(server);
    },
    diskChangesApplied: () => server.diskChanges,
    workspaceScanned: () => server.scansRunning === 0,
    config: new ConfigurationStore(connection, client.configurationPull),
    redHatYamlActive: init.redHatYamlActive === true,
    rulesDocUri: server.options.rulesDocUri,
    // Renders enter the workspace as inputs; a new render refreshes lenses and diagnostics like a Service edit.
    kustomize: new KustomizeScheduler(server.files.workspace, {
      trusted: init.workspaceTrusted !== false,
      command: async () => (await server.ctx.config.get(server.folders[0]?.uri)).kustomize.command,
      log: server.log,
      changed: () => {
        crossFileChanged(server);
        void connection.sendNotification(OverlaysChangedNotificationMethod).catch(() => undefined);
      },
    }),
  };
  server.baselines = new BaselineSync(server.files, (uri) => server.ctx.config.get(uri), server.log, (change) => changeWorkspace(server, change));
  server.diagnostics = registerDiagnostics(server.ctx);
  registerFeatures(server.ctx);
  registerNavigation(server.ctx, { definitionLinks: !!caps.textDocument?.definition?.linkSupport });
  registerPreview(server.ctx);
  registerCodeActions(server.ctx);
  registerRename(server.ctx);
  return { capabilities: capabilitiesFor(client, caps, server.ctx.redHatYamlActive), serverInfo: { name: 'statefulset-lens', version: server.options.version } };
}

function initialized(server: Server): void {
  const { connection, ctx } = server;
  let watching: Promise<unknown> = Promise.resolve();
  if (ctx.client.watchedFilesDynamic) {
    // A commit, checkout or fetch moves the apply plan's baseline: watch the refs too.
    const watchers = [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/.git/{HEAD,packed-refs,refs/**}' }];
    watching = connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
  }
  // Only clients that declare dynamic registration for it get the registration (Eglot warns otherwise).
  if (ctx.client.configurationPull && ctx.client.configurationChangeDynamic) {
    // Settings are pulled; registering makes clients that only send the notification on demand send it.
    void connection.client.register({ method: 'workspace/didChangeConfiguration' } as never, { section: 'statefulsetLens' } as never).catch(() => undefined);
  }
  if (ctx.client.workspaceFolderChanges) {
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      chainDiskChange(server, 'workspace folders', async () => {
        const removed = new Set(event.removed.map((f) => f.uri));
        const added = event.added.filter((a) => !server.folders.some((f) => f.uri === a.uri));
        server.folders = [...server.folders.filter((f) => !removed.has(f.uri)), ...added];
        await changeWorkspace(server, () => {
          for (const f of event.removed) server.files.forgetFolder(f.uri);
        });
        await scan(server, added);
        refreshBaselines(server);
      });
    });
  }
  // The first scan is not chained with disk events: open documents are answered while it runs.
  refreshBaselines(server);
  const first = server.folders;
  // The walk starts once the client watches files: a file written before that would otherwise be seen by
  // neither (the walk having passed its folder, no event for it). A client that never answers delays it 2 s.
  const registered = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, WATCHER_REGISTRATION_WAIT_MS);
    void watching.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
  void registered
    .then(() => {
      // Counted as running since initialize (scan counts itself from here): nothing is reported missing before it.
      if (first.length > 0) server.scansRunning--;
      return scan(server, first);
    })
    .then(() => loadEngineWhenQuiet(server));
}

/** How long the first scan waits for the client to confirm the file watcher's registration. */
const WATCHER_REGISTRATION_WAIT_MS = 2000;

/**
 * Loads yaml-language-server once documents have been quiet for a moment after the first scan (loading it
 * blocks for a while): a file opened right away gets its first diagnostics without waiting for the load,
 * unless they need it (then `yaml()` loads it at once). initialize stays fast. Called again by document events
 * and requests until it is loaded, each call putting the load off; a timer that fires late (the event loop was
 * busy, with a large file's first analysis, say), or that finds a large file being parsed or an open document
 * still without its diagnostics (at most YAML_ENGINE_MAX_WAIT_MS), waits for a quiet moment after that work, so
 * the load does not land on it nor on the requests that follow it.
 */
function loadEngineWhenQuiet(server: Server): void {
  if (server.engineLoad === 'started') return;
  if (server.engineLoad === 'not yet') server.engineWaitingSince = performance.now();
  server.engineLoad = 'waiting';
  clearTimeout(server.engineTimer);
  const due = performance.now() + YAML_ENGINE_QUIET_MS;
  server.engineTimer = setTimeout(() => {
    // A large file parsed or analysed in slices leaves the event loop free, but it is not a quiet moment either:
    // not while a document's first diagnostics are on their way (for a few seconds at most).
    const busy = server.files.parsing || server.unanswered.size > 0;
    if (performance.now() - due > YAML_ENGINE_QUIET_MS / 2 || (busy && performance.now() - server.engineWaitingSince < YAML_ENGINE_MAX_WAIT_MS)) {
      return loadEngineWhenQuiet(server);
    }
    server.engineLoad = 'started';
    void server.yaml().catch((err) => server.log(`yaml-language-server failed to load: ${String(err)}`));
  }, YAML_ENGINE_QUIET_MS);
}

/** Reads the git baselines of the apply plan again, in the background (clients are refreshed when read). */
function refreshBaselines(server: Server): void {
  void server.baselines.refresh(server.folders.map((f) => f.uri));
}

/** Another file's change can alter lenses and diagnostics everywhere: ask the client to pull again. */
function crossFileChanged(server: Server, exceptUri?: string): void {
  server.diagnostics.refreshAll(exceptUri);
  if (server.ctx.client.codeLensRefresh && !server.lensRefreshQueued) {
    server.lensRefreshQueued = true;
    setImmediate(() => {
      server.lensRefreshQueued = false;
      server.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    });
  }
}

/** Applies pending edits of open documents to the workspace (edits are applied lazily, once per burst). */
function flush(server: Server): void {
  clearTimeout(server.flushTimer);
  server.flushTimer = undefined;
  if (server.dirty.size === 0) return;
  const before = server.files.workspace.crossFileRevision;
  for (const uri of server.dirty) {
    const doc = server.documents.get(uri);
    if (doc) server.files.setOpen(uri, doc.getText());
  }
  server.dirty.clear();
  if (server.files.workspace.crossFileRevision !== before) crossFileChanged(server);
}

/** Runs a workspace change (close, disk event, scan) and refreshes other documents when it matters. */
async function changeWorkspace(server: Server, change: () => unknown): Promise<void> {
  flush(server);
  const before = server.files.workspace.crossFileRevision;
  await change();
  if (server.files.workspace.crossFileRevision !== before) crossFileChanged(server);
  server.ctx.kustomize.schedule();
}

function chainDiskChange(server: Server, what: string, change: () => Promise<void>): void {
  server.diskChanges = server.diskChanges.then(change).catch((err) => server.log(`${what}: ${String(err)}`));
}

/**
 * Scans folders for manifests, a file at a time, yielding to requests between files. Cross-file results are
 * refreshed once when it ends (and held until then: see `workspaceScanned`), not after every file found.
 */
async function scan(server: Server, toScan: WorkspaceFolder[]): Promise<void> {
  if (toScan.length === 0) return;
  const { connection, ctx, files } = server;
  server.scansRunning++;
  const progress = ctx.client.workDoneProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
  progress?.begin('StatefulSet Lens: scanning manifests', 0, undefined, true);
  let total = 0;
  try {
    for (const folder of toScan) {
      const { exclude } = await ctx.config.get(folder.uri);
      await files.scanFolder(folder.uri, exclude, (done, all) => {
        total = Math.max(total, done);
        if (done % 20 === 0 || done === all) progress?.report(Math.round((done / Math.max(all, 1)) * 100), `${done}/${all} files in ${folder.name}`);
      }, () => !!progress?.token.isCancellationRequested, () => documentsAnswered(server));
    }
  } catch (err) {
    server.log(`workspace scan failed: ${String(err)}`);
  } finally {
    server.scansRunning--;
    progress?.done();
  }
  flush(server);
  crossFileChanged(server);
  // Overlays found by the scan are rendered in the background.
  ctx.kustomize.schedule();
  server.log(`scanned ${total} manifest files in ${toScan.length} folder(s)`);
}

/**
 * The connection the handlers get: the same one, except that it calls `answered` when a document's diagnostics
 * go out (pushed, or a pull answered), so the scan knows the open documents have been served.
 */
function answeringConnection(connection: Connection, answered: (uri: string) => void): Connection {
  const diagnostics = connection.languages.diagnostics;
  const on: typeof diagnostics.on = (handler) => diagnostics.on(async (params, ...rest) => {
    try {
      return await handler(params, ...rest);
    } finally {
      // In the turn that writes the answer (the connection writes it from an immediate too), so no timer runs
      // between the two (see sendDiagnostics).
      setImmediate(() => answered(params.textDocument.uri));
    }
  });
  return Object.create(connection, {
    // Answered once written: the write waits for the next turn of the event loop, and a quiet-moment timer
    // that ran in between would load yaml-language-server before the diagnostics went out.
    sendDiagnostics: {
      value: (params: PublishDiagnosticsParams) => {
        const sent = connection.sendDiagnostics(params);
        const done = () => answered(params.uri);
        sent.then(done, done);
        return sent;
      },
    },
    languages: { value: Object.create(connection.languages, { diagnostics: { value: { ...diagnostics, on } } }) },
  }) as Connection;
}

/** An open document's diagnostics went out (or it closed): once none waits, the scan goes on (after the answer is written). */
function answered(server: Server, uri: string): void {
  if (!server.unanswered.delete(uri) || server.unanswered.size > 0) return;
  setImmediate(() => {
    for (const resume of server.scanWaiters.splice(0)) resume();
  });
}

/**
 * Resolves once no open document waits for its diagnostics: the scan awaits it before parsing each file, so a
 * file opened (or edited) during the scan is answered before the next file of the workspace is parsed — a
 * parse can take a while and would hold up the event loop. A client that never asks frees the scan after
 * SCAN_WAITS_FOR_DOCUMENTS_MS.
 */
async function documentsAnswered(server: Server): Promise<void> {
  while (server.unanswered.size > 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        server.unanswered.clear();
        resolve();
      }, SCAN_WAITS_FOR_DOCUMENTS_MS);
      server.scanWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

async function applyDiskChanges(server: Server, params: DidChangeWatchedFilesParams): Promise<void> {
  const { files, folders } = server;
  const excludes = new Map<string, string[]>();
  for (const f of folders) excludes.set(f.uri, (await server.ctx.config.get(f.uri)).exclude);
  await changeWorkspace(server, async () => {
    for (const change of params.changes) {
      if (!isManifestPath(change.uri)) continue;
      const folder = folders.find((f) => change.uri.startsWith(f.uri.endsWith('/') ? f.uri : `${f.uri}/`));
      if (folder && WorkspaceFiles.excluded(folder.uri, change.uri, excludes.get(folder.uri) ?? [])) continue;
      if (change.type === FileChangeType.Deleted) files.deleteDisk(change.uri);
      else await files.readDisk(change.uri);
    }
  });
}

async function settingsChanged(server: Server, settings: unknown): Promise<void> {
  const { ctx, folders, files } = server;
  const oldExcludes = await Promise.all(folders.map((f) => ctx.config.get(f.uri).then((s) => JSON.stringify(s.exclude))));
  ctx.config.changed(ctx.client.configurationPull ? undefined : settings);
  // Lenses and diagnostics depend on settings; the scan only on the excludes.
  crossFileChanged(server);
  refreshBaselines(server);
  ctx.kustomize.schedule();
  const rescan: WorkspaceFolder[] = [];
  for (const [i, f] of folders.entries()) {
    if (JSON.stringify((await ctx.config.get(f.uri)).exclude) !== oldExcludes[i]) rescan.push(f);
  }
  for (const f of rescan) files.forgetFolder(f.uri);
  if (rescan.length) await scan(server, rescan);
}

function registerDocumentSync(server: Server): void {
  const { documents, files } = server;
  documents.onDidChangeContent((e) => {
    if (server.engineLoad === 'waiting') loadEngineWhenQuiet(server);
    server.dirty.add(e.document.uri);
    server.unanswered.add(e.document.uri);
    server.flushTimer ??= setTimeout(() => flush(server), 30);
    server.diagnostics.documentChanged(e.document.uri);
  });

  documents.onDidClose((e) => {
    const uri = e.document.uri;
    server.dirty.delete(uri);
    answered(server, uri);
    void changeWorkspace(server, () => files.close(uri));
    // The copy the scan read may predate a save the client never reported (no watched-file events): read the
    // file again, chained with disk events so requests sent after the close see it.
    if (files.hasDisk(uri)) chainDiskChange(server, `reading ${uri} after close`, () => changeWorkspace(server, () => files.readDisk(uri)));
    server.ctx.config.forget(uri);
    server.diagnostics.documentClosed(uri);
    void server.yaml().then((engine) => engine.forget(uri), () => undefined);
  });
}
