// The fixes the analysis attached to findings (Finding.fixes) → LSP quick-fix code actions: offsets become
// ranges of the file each edit targets, and each action carries the diagnostic it resolves. Which fix is right
// is decided in the analysis, never here. Pure: no LSP package (only its types), no IO.
import type { CodeAction, Range, TextEdit } from 'vscode-languageserver-types';
import type { Finding, Fix, ParsedFile } from '../analysis/index';
import { findingToDiagnostic } from './diagnostics';
import { offsetAt, spanToRange } from './ranges';

export const QUICK_FIX_KIND = 'quickfix';

export interface CodeActionInput {
  /** The document the request is about, as analysed. */
  file: ParsedFile;
  findings: readonly Finding[];
  range: Range;
  /** `context.only` of the request: kinds the client asked for, undefined for all. */
  only?: readonly string[];
  /** The current text of a file a fix edits (another file for a Service fix); undefined drops that fix. */
  textOf(uri: string): string | undefined;
  rulesDocUri?: string;
}

/** Whether `only` admits quick fixes (a kind matches itself and its sub-kinds; '' is every kind). */
function quickFixesRequested(only: readonly string[] | undefined): boolean {
  return !only || only.length === 0 || only.some((k) => k === '' || k === QUICK_FIX_KIND || QUICK_FIX_KIND.startsWith(`${k}.`));
}

/** Code actions for the fixes of every finding of the file whose range touches the requested range. */
export function codeActionsFor(input: CodeActionInput): CodeAction[] {
  if (!quickFixesRequested(input.only)) return [];
  const { file } = input;
  const start = offsetAt(file.text, input.range.start);
  const end = offsetAt(file.text, input.range.end);
  const actions: CodeAction[] = [];
  for (const finding of input.findings) {
    if (finding.uri !== file.uri || !finding.fixes?.length) continue;
    // Touching counts: a cursor just after a value still gets the value's fix.
    if (finding.span.start > end || finding.span.end < start) continue;
    for (const fix of finding.fixes) {
      const action = toCodeAction(fix, finding, input);
      if (action) actions.push(action);
    }
  }
  return actions;
}

function toCodeAction(fix: Fix, finding: Finding, input: CodeActionInput): CodeAction | undefined {
  const changes: Record<string, TextEdit[]> = {};
  for (const edit of fix.edits) {
    const text = edit.uri === input.file.uri ? input.file.text : input.textOf(edit.uri);
    if (text === undefined || edit.span.end > text.length) return undefined;
    (changes[edit.uri] ??= []).push({ range: spanToRange(text, edit.span), newText: edit.newText });
  }
  const action: CodeAction = {
    title: fix.title,
    kind: QUICK_FIX_KIND,
    diagnostics: [findingToDiagnostic(input.file, finding, input.rulesDocUri)],
    edit: { changes },
  };
  if (fix.isPreferred) action.isPreferred = true;
  return action;
}
