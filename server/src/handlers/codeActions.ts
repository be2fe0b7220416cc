// textDocument/codeAction: the quick fixes of the findings under the requested range, from the analysis of
// the document's current version (a newer edit makes the request answer ContentModified). Thin by design:
// features/codeActions.ts builds the actions, the analysis decides the fixes.
import type { CodeAction } from 'vscode-languageserver/node';
import { codeActionsFor } from '../features/codeActions';
import { planOf } from '../features/planView';
import { analysisSettingsOf } from '../settings';
import { analyzeOpen, throwIfCancelled, type ServerContext } from './context';

export function registerCodeActions(ctx: ServerContext): void {
  ctx.connection.onCodeAction(async (params, token): Promise<CodeAction[]> => {
    const a = await analyzeOpen(ctx, params.textDocument.uri, token);
    if (!a) return [];
    throwIfCancelled(token);
    return codeActionsFor({
      file: a.file,
      findings: [...a.analysis.findings, ...planOf(ctx.files.workspace, a.file.uri, analysisSettingsOf(a.settings)).findings],
      range: params.range,
      only: params.context.only,
      // Open documents are in the workspace with their editor text (analyzeOpen flushed them).
      textOf: (uri) => ctx.files.workspace.getFile(uri)?.text,
      rulesDocUri: ctx.rulesDocUri,
    });
  });
}
