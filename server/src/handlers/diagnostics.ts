// Diagnostics over LSP: pull (`textDocument/diagnostic`, with result ids so unchanged documents cost nothing)
// when the client can, push (`publishDiagnostics` with the document version) when it cannot. Both combine the
// analysis' findings with the schema diagnostics of the YAML engine; stale versions are never published.
import {
  LSPErrorCodes, ResponseError,
  type CancellationToken, type Diagnostic, type DiagnosticServerCancellationData, type DocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { DIAGNOSTIC_SOURCE, SCHEMA_CODE, findingToDiagnostic, needsSchemaValidation, ylsSkippedDiagnostic } from '../features/diagnostics';
import { spanToRange } from '../features/ranges';
import { bundledSchemaValidator, withoutFindingDuplicates } from '../schema/schemaValidation';
import { ylsBudgetExceeded } from '../yaml/ylsBudget';
import { planDiagnostics, planOf } from '../features/planView';
import { analysisSettingsOf, schemaValidationEnabled } from '../settings';
import { analyzeOpen, heldUntilScanned, type ServerContext } from './context';

/** Files above this size get no schema diagnostics, completion or hover from the schema (the analysis still looks at them). */
export const MAX_SCHEMA_VALIDATED_LENGTH = 1024 * 1024;

async function computeDiagnostics(ctx: ServerContext, uri: string, token?: CancellationToken): Promise<{ version: number; items: Diagnostic[] } | undefined> {
  const a = await analyzeOpen(ctx, uri, token);
  if (!a) return undefined;
  const findings = a.analysis.findings.filter((f) => f.uri === uri && !heldUntilScanned(ctx, f.ruleId));
  const items = findings.map((f) => findingToDiagnostic(a.file, f, ctx.rulesDocUri));
  // The apply plan against the git baseline (none when the baseline is off).
  items.push(...planDiagnostics(a.file, planOf(ctx.files.workspace, uri, analysisSettingsOf(a.settings)), ctx.rulesDocUri));
  // What the Kustomize renders place in this file: a failed render, findings that exist only once rendered.
  for (const f of ctx.files.workspace.kustomize.findingsIn(uri, analysisSettingsOf(a.settings))) items.push(findingToDiagnostic(a.file, f, ctx.rulesDocUri));
  const schemaFile = needsSchemaValidation(a.file);
  const tooLarge = a.file.text.length > MAX_SCHEMA_VALIDATED_LENGTH;
  // What yaml-language-server is not given (completion, hover, outline) is said once, with why.
  const skipped = schemaFile ? ylsBudgetExceeded(a.file) : undefined;
  if (skipped) items.push(ylsSkippedDiagnostic(skipped, tooLarge));
  // Only StatefulSet, Service and PVC files that are not Helm templates; a `$schema` modeline does not matter
  // here: the bundled schema is the one that applies to those kinds, and nothing is ever fetched.
  if (schemaValidationEnabled(a.settings, ctx.redHatYamlActive) && schemaFile && !tooLarge && bundledSchemaValidator.unavailable === undefined) {
    let schema: ReturnType<typeof bundledSchemaValidator.validateFile> = [];
    try {
      schema = bundledSchemaValidator.validateFile(a.file);
    } catch (err) {
      // The rest of the diagnostics still come. dist/validateK8s.js could not be loaded (an incomplete install):
      // the validator is not tried again (its `unavailable` says why), which is said once.
      const why = bundledSchemaValidator.unavailable;
      if (why !== undefined) ctx.connection.console.warn(`Schema validation is off: its validator could not be loaded (${why}). Reinstall the extension to get it back.`);
      else ctx.connection.console.warn(`Schema validation of ${uri} failed: ${String((err as Error)?.message ?? err).split('\n')[0]}`);
    }
    for (const d of withoutFindingDuplicates(schema, findings)) {
      items.push({ range: spanToRange(a.file.text, d.span), severity: 2, source: DIAGNOSTIC_SOURCE, code: SCHEMA_CODE, message: d.message });
    }
  }
  return { version: a.version, items };
}

export interface DiagnosticsScheduler {
  /** An open document changed (or opened): push clients get new diagnostics for it. */
  documentChanged(uri: string): void;
  documentClosed(uri: string): void;
  /** Something other documents' diagnostics depend on changed (a Service, the settings, the scan). */
  refreshAll(exceptUri?: string): void;
}

export function registerDiagnostics(ctx: ServerContext): DiagnosticsScheduler {
  const { connection } = ctx;
  if (ctx.client.pullDiagnostics) {
    connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
      const uri = params.textDocument.uri;
      if (!ctx.documents.get(uri)) return { kind: 'full', items: [] };
      // Watched-file events received before this request decide the cross-file revision it is answered with.
      await ctx.diskChangesApplied();
      await ctx.config.get(uri);
      const doc = ctx.documents.get(uri);
      if (!doc) return { kind: 'full', items: [] };
      ctx.flush();
      const resultId = `${doc.version}:${ctx.files.workspace.crossFileRevision}:${ctx.config.generation}:${ctx.files.workspace.kustomize.revision}:${ctx.workspaceScanned() ? 's' : 'p'}`;
      if (params.previousResultId === resultId) return { kind: 'unchanged', resultId };
      try {
        const result = await computeDiagnostics(ctx, uri, token);
        return { kind: 'full', resultId, items: result?.items ?? [] };
      } catch (err) {
        // Edited while the schema was validated: ask the client to pull again rather than show a mixed report
        // (VS Code's client would turn ContentModified into an empty report, so diagnostics would blink).
        if (err instanceof ResponseError && err.code === LSPErrorCodes.ContentModified) {
          throw new ResponseError(LSPErrorCodes.ServerCancelled, 'the document changed', { retriggerRequest: true } satisfies DiagnosticServerCancellationData);
        }
        throw err;
      }
    });
  }

  const timers = new Map<string, NodeJS.Timeout>();
  /** The latest computation started per document: an older one finishing later must not overwrite it. */
  const latest = new Map<string, number>();
  let computations = 0;
  const push = (uri: string, delay: number) => {
    clearTimeout(timers.get(uri));
    timers.set(uri, setTimeout(() => {
      timers.delete(uri);
      const run = ++computations;
      latest.set(uri, run);
      computeDiagnostics(ctx, uri).then(
        (result) => {
          const doc = ctx.documents.get(uri);
          // Only for the version that was analysed (a newer one has its own push scheduled), and only from the
          // newest computation (another file's change may have started one while this one validated).
          if (latest.get(uri) !== run) return;
          if (result && doc && doc.version === result.version) void connection.sendDiagnostics({ uri, version: result.version, diagnostics: result.items });
        },
        (err) => {
          if (!(err instanceof ResponseError && err.code === LSPErrorCodes.ContentModified)) ctx.log(`diagnostics of ${uri} failed: ${String(err?.stack ?? err)}`);
        },
      );
    }, delay));
  };

  let refreshQueued = false;
  return {
    documentChanged(uri) {
      // At once: changes already received are applied first (they come before a timer), a stale computation is
      // dropped at its next slice, and an edit re-parses one YAML document. Push clients debounce their own
      // didChange notifications (Neovim 150 ms); a delay here would only add to every edit's latency.
      if (!ctx.client.pullDiagnostics) push(uri, 0);
    },
    documentClosed(uri) {
      clearTimeout(timers.get(uri));
      timers.delete(uri);
      latest.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics: [] });
    },
    refreshAll(exceptUri) {
      if (ctx.client.pullDiagnostics) {
        if (!ctx.client.diagnosticRefresh || refreshQueued) return;
        refreshQueued = true;
        setImmediate(() => {
          refreshQueued = false;
          connection.languages.diagnostics.refresh().catch(() => undefined);
        });
      } else {
        // A push already scheduled computes with the new state: putting it off would only delay it.
        for (const doc of ctx.documents.all()) if (doc.uri !== exceptUri && !timers.has(doc.uri)) push(doc.uri, 80);
      }
    },
  };
}
