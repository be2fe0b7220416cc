// Span (UTF-16 offsets into a file's text) → LSP range, with the line table computed once per parsed text.
// Nothing else: no analysis, no LSP package (only its types).
import type { Range } from 'vscode-languageserver-types';
import { fileLineStarts, lineStarts, offsetToPosition, positionToOffset, type ParsedFile, type Span } from '../analysis/index';

// A few recent line tables, the last used first: requests come in bursts for the same text (the diagnostics
// of one file, say). The text in use is at the front, so the burst compares strings that are the same object
// (one step); comparing it with an older version of the file, as long and equal up to the edit, reads both
// strings that far, which a table looked up per diagnostic must not do.
const recent: { text: string; starts: number[] }[] = [];

function startsOf(text: string): number[] {
  if (recent.length > 0 && recent[0].text === text) return recent[0].starts;
  const i = recent.findIndex((t) => t.text === text);
  // An equal text may be another string object (an undo): the entry keeps this one, which the next calls pass.
  const entry = { text, starts: i >= 0 ? recent.splice(i, 1)[0].starts : lineStarts(text) };
  recent.unshift(entry);
  if (recent.length > 8) recent.pop();
  return entry.starts;
}

/**
 * The text of line `line` as LSP counts lines (\n, \r\n or a lone \r end one), without its line break; undefined
 * past the end. From the cached line table, so a request on a large file does not split it.
 */
export function lineAt(text: string, line: number): string | undefined {
  const starts = startsOf(text);
  if (line < 0 || line >= starts.length) return undefined;
  if (line + 1 === starts.length) return text.slice(starts[line]);
  let end = starts[line + 1];
  if (text.charCodeAt(end - 1) === 10) end--;
  if (text.charCodeAt(end - 1) === 13 && end > starts[line]) end--;
  return text.slice(starts[line], end);
}

export function spanToRange(text: string, span: Span): Range {
  const starts = startsOf(text);
  return { start: offsetToPosition(starts, span.start), end: offsetToPosition(starts, span.end) };
}

/** The range of a span of a parsed file: its line table is the file's own (`fileLineStarts`), no text is compared. */
export function fileSpanToRange(file: ParsedFile, span: Span): Range {
  const starts = fileLineStarts(file);
  return { start: offsetToPosition(starts, span.start), end: offsetToPosition(starts, span.end) };
}

/**
 * The offset of an LSP position. A character past the end of its line means the end of that line (LSP says
 * so), never a place on the next line; a line past the end means the end of the text.
 */
export function offsetAt(text: string, position: { line: number; character: number }): number {
  const starts = startsOf(text);
  if (position.line >= starts.length) return text.length;
  const offset = Math.min(text.length, positionToOffset(starts, position));
  if (position.line < 0 || position.line + 1 >= starts.length) return offset;
  // The next line's start, less the line break (\n, \r\n or a lone \r).
  let lineEnd = starts[position.line + 1];
  if (text.charCodeAt(lineEnd - 1) === 10) lineEnd--;
  if (text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
  return Math.min(offset, lineEnd);
}
