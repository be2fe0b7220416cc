// Completion, hover, code lenses and document symbols: each handler runs the common prologue (yield, check
// cancellation, settings, sync) and turns analysis results into LSP values through features/. Thin by design.
import type { CompletionList, Hover } from 'vscode-languageserver/node';
import { ownCompletions } from '../features/completions';
import { cursorContext } from '../features/cursorContext';
import { needsSchemaValidation } from '../features/diagnostics';
import { producedHover } from '../features/hoverInfo';
import { computeLenses } from '../features/lenses';
import { overlayLenses } from '../features/overlayPreview';
import { analysisSettingsOf } from '../settings';
import { offsetAt } from '../features/ranges';
import { analyzeOpen, throwIfCancelled, throwIfStale, type ServerContext } from './context';
import { MAX_SCHEMA_VALIDATED_LENGTH } from './diagnostics';

function fileNameOf(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

export function registerFeatures(ctx: ServerContext): void {
  const { connection } = ctx;

  connection.onCompletion(async (params, token): Promise<CompletionList | null> => {
    const a = await analyzeOpen(ctx, params.textDocument.uri, token);
    if (!a) return null;
    const { line, character } = params.position;
    const offset = offsetAt(a.file.text, params.position);
    let own: ReturnType<typeof ownCompletions> = { items: [], exclusive: false };
    try {
      const context = cursorContext(a.file.text, line, character);
      own = ownCompletions({ file: a.file, workspace: ctx.files.workspace, offset, line, character, context, snippets: ctx.client.snippets });
    } catch (err) {
      // A defect in our completions must not cost the user the schema's.
      ctx.log(`completion failed at ${params.textDocument.uri}:${line}:${character}: ${(err as Error)?.stack ?? String(err)}`);
    }
    const items = [...own.items];
    if (!own.exclusive && !a.file.isTemplate && a.file.text.length <= MAX_SCHEMA_VALIDATED_LENGTH) {
      const engine = await ctx.yaml();
      throwIfCancelled(token);
      throwIfStale(ctx, a.doc, a.version);
      const schema = await engine.complete(a.doc, params.position);
      throwIfStale(ctx, a.doc, a.version);
      for (const i of schema.items) if (!own.items.some((o) => o.label === i.label && o.kind === i.kind)) items.push(i);
    }
    return { isIncomplete: false, items };
  });

  connection.onHover(async (params, token): Promise<Hover | null> => {
    const a = await analyzeOpen(ctx, params.textDocument.uri, token);
    if (!a) return null;
    const offset = offsetAt(a.file.text, params.position);
    const parts: string[] = [];
    let range: Hover['range'];
    if (needsSchemaValidation(a.file) && a.file.text.length <= MAX_SCHEMA_VALIDATED_LENGTH) {
      const engine = await ctx.yaml();
      throwIfCancelled(token);
      throwIfStale(ctx, a.doc, a.version);
      const schema = await engine.hover(a.doc, params.position);
      throwIfStale(ctx, a.doc, a.version);
      const value = schema && (typeof schema.contents === 'object' && 'value' in schema.contents ? schema.contents.value : '');
      if (value) {
        parts.push(value);
        range = schema?.range;
      }
    }
    const sts = ctx.files.workspace.statefulSetAt(a.doc.uri, offset);
    const id = sts && a.analysis.identities.find((i) => i.span.start === sts.node.span.start);
    const produced = sts && id ? producedHover(a.file, sts.node, id, offset, fileNameOf) : undefined;
    if (produced) {
      parts.push(produced.markdown);
      range ??= produced.range;
    }
    return parts.length ? { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, range } : null;
  });

  connection.onCodeLens(async (params, token) => {
    const a = await analyzeOpen(ctx, params.textDocument.uri, token);
    if (!a || !a.settings.codeLens.enable) return [];
    return [...computeLenses(a.file, a.analysis.identities), ...overlayLenses(a.file, a.analysis.identities, ctx.files.workspace, analysisSettingsOf(a.settings))];
  });

  connection.onDocumentSymbol(async (params, token) => {
    const a = await analyzeOpen(ctx, params.textDocument.uri, token);
    if (!a || a.file.isTemplate || a.file.text.length > MAX_SCHEMA_VALIDATED_LENGTH) return [];
    const engine = await ctx.yaml();
    throwIfCancelled(token);
    throwIfStale(ctx, a.doc, a.version);
    return engine.symbols(a.doc);
  });
}
