// Completion, hover, code lenses and document symbols: each handler runs the common prologue (yield, check
// cancellation, settings, sync) and turns analysis results into LSP values through features/. Thin by design.
// Beside Red Hat's YAML extension (ctx.redHatYamlActive), schema completions, schema hovers and the outline are
// left to it (features/besideRedHatYaml.ts).
import type { CompletionList, Hover } from 'vscode-languageserver/node';
import { documentAround, ownCompletions } from '../features/completions';
import { cursorContext } from '../features/cursorContext';
import { hasEnumValues, ownCompletionsBesideRedHat } from '../features/besideRedHatYaml';
import { needsSchemaValidation } from '../features/diagnostics';
import { producedHover } from '../features/hoverInfo';
import { computeLenses } from '../features/lenses';
import { planLenses, planOf } from '../features/planView';
import { overlayLenses } from '../features/overlayPreview';
import { analysisSettingsOf } from '../settings';
import { offsetAt } from '../features/ranges';
import { analyzeOpen, throwIfCancelled, throwIfStale, type ServerContext } from './context';
import { ylsBudgetExceeded } from '../yaml/ylsBudget';

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
      const around = documentAround(a.file.text, line);
      const context = cursorContext(around.text, around.line, character);
      own = ownCompletions({ file: a.file, workspace: ctx.files.workspace, offset, line, character, context, snippets: ctx.client.snippets });
    } catch (err) {
      // A defect in our completions must not cost the user the schema's.
      ctx.log(`completion failed at ${params.textDocument.uri}:${line}:${character}: ${(err as Error)?.stack ?? String(err)}`);
    }
    if (ctx.redHatYamlActive) {
      // Red Hat's YAML extension gives the schema's keys and enum values: answer only with what it cannot.
      if (!hasEnumValues(own.items)) return { isIncomplete: own.incomplete === true, items: own.items };
      const engine = await ctx.yaml();
      throwIfCancelled(token);
      throwIfStale(ctx, a.doc, a.version);
      const schema = await engine.complete(a.doc, params.position);
      throwIfStale(ctx, a.doc, a.version);
      return { isIncomplete: own.incomplete === true, items: ownCompletionsBesideRedHat(own.items, schema.items) };
    }
    const items = [...own.items];
    if (!own.exclusive && !a.file.isTemplate && !ylsBudgetExceeded(a.file)) {
      const engine = await ctx.yaml();
      throwIfCancelled(token);
      throwIfStale(ctx, a.doc, a.version);
      const schema = await engine.complete(a.doc, params.position);
      throwIfStale(ctx, a.doc, a.version);
      for (const i of schema.items) if (!own.items.some((o) => o.label === i.label && o.kind === i.kind)) items.push(i);
    }
    return { isIncomplete: own.incomplete === true, items };
  });

  connection.onHover(async (params, token): Promise<Hover | null> => {
    const a = await analyzeOpen(ctx, params.textDocument.uri, token);
    if (!a) return null;
    const offset = offsetAt(a.file.text, params.position);
    const parts: string[] = [];
    let range: Hover['range'];
    // Beside Red Hat's YAML extension the schema's hover is its; ours carries only what the manifests produce.
    if (!ctx.redHatYamlActive && needsSchemaValidation(a.file) && !ylsBudgetExceeded(a.file)) {
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
    return [
      ...computeLenses(a.file, a.analysis.identities),
      ...planLenses(a.file, planOf(ctx.files.workspace, a.file.uri, analysisSettingsOf(a.settings))),
      ...overlayLenses(a.file, a.analysis.identities, ctx.files.workspace, analysisSettingsOf(a.settings)),
    ];
  });

  connection.onDocumentSymbol(async (params, token) => {
    // The outline is Red Hat's YAML extension's when it is active (the capability is not advertised then).
    if (ctx.redHatYamlActive) return null;
    const a = await analyzeOpen(ctx, params.textDocument.uri, token);
    if (!a || a.file.isTemplate || ylsBudgetExceeded(a.file)) return [];
    const engine = await ctx.yaml();
    throwIfCancelled(token);
    throwIfStale(ctx, a.doc, a.version);
    return engine.symbols(a.doc);
  });
}
