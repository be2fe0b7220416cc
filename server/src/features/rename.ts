// The analysis' rename decision (analysis/rename.ts) → LSP values: the range and placeholder of prepareRename,
// and a workspace edit with one entry per file. Which names change, and when a rename is refused, is decided
// in the analysis, never here. Pure: no LSP package (only its types), no IO.
import type { Range, WorkspaceEdit, TextEdit } from 'vscode-languageserver-types';
import { prepareRename, renameEdits, type WorkspaceView } from '../analysis/index';
import { spanToRange } from './ranges';

export type PrepareRenameAnswer = { range: Range; placeholder: string } | { refused: string } | undefined;
export type RenameAnswer = { edit: WorkspaceEdit } | { refused: string };

export function prepareRenameAt(ws: WorkspaceView, uri: string, offset: number): PrepareRenameAnswer {
  const result = prepareRename(ws, uri, offset);
  const text = ws.getFile(uri)?.text;
  if (!result || text === undefined) return undefined;
  if (!result.ok) return { refused: result.message };
  return { range: spanToRange(text, result.span), placeholder: result.placeholder };
}

export function renameAt(ws: WorkspaceView, uri: string, offset: number, newName: string): RenameAnswer {
  const result = renameEdits(ws, uri, offset, newName);
  if (!result.ok) return { refused: result.message };
  const changes: Record<string, TextEdit[]> = {};
  for (const e of result.edits) {
    const text = ws.getFile(e.uri)?.text;
    if (text === undefined) continue;
    (changes[e.uri] ??= []).push({ range: spanToRange(text, e.span), newText: e.newText });
  }
  return { edit: { changes } };
}
