// textDocument/prepareRename and textDocument/rename: the common prologue (yield, cancellation, sync), then
// features/rename over the workspace. A refusal is answered as a request error carrying the analysis' message,
// which editors show to the user. Thin by design.
import { LSPErrorCodes, ResponseError, type PrepareRenameResult, type WorkspaceEdit } from 'vscode-languageserver/node';
import { prepareRenameAt, renameAt } from '../features/rename';
import { offsetAt } from '../features/ranges';
import { analyzeOpen, throwIfCancelled, type ServerContext } from './context';

export function registerRename(ctx: ServerContext): void {
  const { connection } = ctx;

  connection.onPrepareRename(async (params, token): Promise<PrepareRenameResult | null> => {
    const a = await analyzeOpen(ctx, params.textDocument.uri, token);
    if (!a) return null;
    throwIfCancelled(token);
    const answer = prepareRenameAt(ctx.files.workspace, a.doc.uri, offsetAt(a.file.text, params.position));
    if (!answer) return null;
    if ('refused' in answer) throw new ResponseError(LSPErrorCodes.RequestFailed, answer.refused);
    return answer;
  });

  connection.onRenameRequest(async (params, token): Promise<WorkspaceEdit | null> => {
    const a = await analyzeOpen(ctx, params.textDocument.uri, token);
    if (!a) return null;
    throwIfCancelled(token);
    const answer = renameAt(ctx.files.workspace, a.doc.uri, offsetAt(a.file.text, params.position), params.newName.trim());
    if ('refused' in answer) throw new ResponseError(LSPErrorCodes.RequestFailed, answer.refused);
    return answer.edit;
  });
}
