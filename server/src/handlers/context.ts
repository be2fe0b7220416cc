// What every handler gets: the connection, open documents, the workspace files, settings per resource, the
// lazily loaded YAML engine, what the client can do, and the cancellation helpers. Built once in server.ts.
import {
  LSPErrorCodes, ResponseError,
  type CancellationToken, type Connection, type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisSettings, FileAnalysis, ParsedFile } from '../analysis/index';
import { analysisSettingsOf, type Settings } from '../settings';
import type { ConfigurationStore } from '../workspace/configurationStore';
import type { WorkspaceFiles } from '../workspace/workspaceFiles';
import type { KustomizeScheduler } from '../kustomize/scheduler';
import type { YamlEngine } from '../yaml/yamlEngine';

export interface ClientAbilities {
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  codeLensRefresh: boolean;
  workDoneProgress: boolean;
  configurationPull: boolean;
  watchedFilesDynamic: boolean;
  /** The client accepts a dynamic registration of workspace/didChangeConfiguration. */
  configurationChangeDynamic: boolean;
  /** The client sends workspace/didChangeWorkspaceFolders. */
  workspaceFolderChanges: boolean;
  snippets: boolean;
  markdown: boolean;
}

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  files: WorkspaceFiles;
  config: ConfigurationStore;
  yaml: () => Promise<YamlEngine>;
  client: ClientAbilities;
  /** From initializationOptions: Red Hat's YAML extension validates these files already. */
  redHatYamlActive: boolean;
  /** file:// URI of docs/rules.md next to the server, when it exists. */
  rulesDocUri: string | undefined;
  /** Brings the workspace up to date with the open documents' latest text (edits are applied lazily). */
  flush(): void;
  /** Renders the Kustomize overlays in the background; its status says why they are not shown. */
  kustomize: KustomizeScheduler;
  /** Resolves when the watched-file events received so far are applied (requests see them in order). */
  diskChangesApplied(): Promise<void>;
  /**
   * False while a workspace scan runs: requests do not wait for it, but a finding that only the whole
   * workspace can confirm (no such Service anywhere) is held until it is true (see `heldUntilScanned`).
   */
  workspaceScanned(): boolean;
  log(message: string): void;
}

/** Lets queued messages (a `$/cancelRequest`, a newer edit) arrive before the work starts. */
export function yieldToQueue(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function throwIfCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

/**
 * A later edit makes the answer stale (ContentModified). `version` is the one read when the request arrived:
 * TextDocuments updates a document object in place, so comparing the object's own version would never differ.
 */
export function throwIfStale(ctx: ServerContext, doc: TextDocument, version: number): void {
  const now = ctx.documents.get(doc.uri);
  if (!now || now !== doc || now.version !== version) throw new ResponseError(LSPErrorCodes.ContentModified, 'the document changed');
}

export interface DocumentAnalysis {
  doc: TextDocument;
  /** The version the request was made against (and analysed); `doc.version` moves on with later edits. */
  version: number;
  file: ParsedFile;
  analysis: FileAnalysis;
  settings: Settings;
}

/**
 * The open document, its parse and analysis, after the common prologue of every request: yield once, check
 * cancellation, pull settings, sync the workspace. Undefined for documents the client has not opened.
 */
export async function analyzeOpen(ctx: ServerContext, uri: string, token?: CancellationToken): Promise<DocumentAnalysis | undefined> {
  // Read before the first await: this is the text the request's positions refer to.
  const doc = ctx.documents.get(uri);
  if (!doc) return undefined;
  const version = doc.version;
  await yieldToQueue();
  await ctx.diskChangesApplied();
  throwIfCancelled(token);
  const settings = await ctx.config.get(uri);
  throwIfCancelled(token);
  throwIfStale(ctx, doc, version);
  ctx.flush();
  // A large text is parsed by the pool: wait for the parse of this version (other requests go on meanwhile).
  await ctx.files.whenParsed(uri);
  throwIfCancelled(token);
  throwIfStale(ctx, doc, version);
  const file = ctx.files.workspace.getFile(uri);
  if (!file) return undefined;
  const analysis = await analyzeYielding(ctx, uri, analysisSettingsOf(settings), () => {
    throwIfCancelled(token);
    throwIfStale(ctx, doc, version);
  });
  return { doc, version, file, analysis, settings };
}

/** How long the analysis of one file may hold the main thread before it lets other messages in. */
const ANALYSIS_SLICE_MS = 50;

/**
 * `workspace.analyzeFile`, with the StatefulSets of a large file analysed a slice at a time
 * (`prepareAnalysis`), yielding to queued messages between slices; `check` throws when the answer is no longer
 * wanted. The result is exactly what `analyzeFile` alone gives.
 */
export async function analyzeYielding(ctx: ServerContext, uri: string, settings: AnalysisSettings, check: () => void): Promise<FileAnalysis> {
  const { workspace } = ctx.files;
  // Another file's change between slices stops a pass; the next takes up what is left (twice at most).
  for (let pass = 0; pass < 3; pass++) {
    const steps = workspace.prepareAnalysis(uri, settings);
    let sliceEnd = performance.now() + ANALYSIS_SLICE_MS;
    let stepped = false;
    while (!steps.next().done) {
      stepped = true;
      if (performance.now() < sliceEnd) continue;
      await yieldToQueue();
      check();
      // Edits of other documents arrived meanwhile: the workspace takes them before the next slice.
      ctx.flush();
      sliceEnd = performance.now() + ANALYSIS_SLICE_MS;
    }
    if (!stepped) break;
  }
  return workspace.analyzeFile(uri, settings);
}

/** Findings that say something is missing from the workspace (or only elsewhere): false until the scan has seen it. */
const NEED_THE_WHOLE_WORKSPACE = new Set(['service-not-found', 'service-in-other-namespace']);

/** Whether a finding is held back because the workspace scan has not finished. */
export function heldUntilScanned(ctx: ServerContext, ruleId: string): boolean {
  return NEED_THE_WHOLE_WORKSPACE.has(ruleId) && !ctx.workspaceScanned();
}
