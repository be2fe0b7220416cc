// Span (UTF-16 offsets into a file's text) → LSP range, with the line table computed once per parsed text.
// Nothing else: no analysis, no LSP package (only its types).
import type { Range } from 'vscode-languageserver-types';
import { lineStarts, offsetToPosition, positionToOffset, type Span } from '../analysis/index';

// A few recent line tables: requests come in bursts for the same text (the lenses of one file, say).
const recent: { text: string; starts: number[] }[] = [];

function startsOf(text: string): number[] {
  const hit = recent.find((t) => t.text === text);
  if (hit) return hit.starts;
  const starts = lineStarts(text);
  recent.unshift({ text, starts });
  if (recent.length > 8) recent.pop();
  return starts;
}

export function spanToRange(text: string, span: Span): Range {
  const starts = startsOf(text);
  return { start: offsetToPosition(starts, span.start), end: offsetToPosition(starts, span.end) };
}

export function offsetAt(text: string, position: { line: number; character: number }): number {
  return Math.min(text.length, positionToOffset(startsOf(text), position));
}
