// Go to Definition and Find References: the common prologue (yield, cancellation, sync), then features/navigation
// over the workspace. Thin by design; location links for clients that take them.
import type { Location, LocationLink } from 'vscode-languageserver/node';
import { findDefinition, findReferences, toLocationLinks, toLocations } from '../features/navigation';
import { offsetAt } from '../features/ranges';
import { analyzeOpen, type ServerContext } from './context';

export interface NavigationOptions {
  /** The client declared `textDocument.definition.linkSupport`. */
  definitionLinks: boolean;
}

export function registerNavigation(ctx: ServerContext, options: NavigationOptions): void {
  const { connection } = ctx;

  connection.onDefinition(async (params, token): Promise<Location[] | LocationLink[] | null> => {
    const a = await analyzeOpen(ctx, params.textDocument.uri, token);
    if (!a) return null;
    const ws = ctx.files.workspace;
    const definition = findDefinition(ws, a.doc.uri, offsetAt(a.file.text, params.position));
    if (!definition) return null;
    return options.definitionLinks ? toLocationLinks(ws, a.doc.uri, definition) : toLocations(ws, definition.targets);
  });

  connection.onReferences(async (params, token): Promise<Location[] | null> => {
    const a = await analyzeOpen(ctx, params.textDocument.uri, token);
    if (!a) return null;
    const ws = ctx.files.workspace;
    return toLocations(ws, findReferences(ws, a.doc.uri, offsetAt(a.file.text, params.position), params.context?.includeDeclaration ?? false));
  });
}
