// Renders what a set of text edits does to one file as a unified diff (`--- path`, `+++ path`, `@@` hunks with
// three lines of context), for the CLI's --fix-dry-run. The `diff` package computes the hunks (structuredPatch);
// this module only applies the edits and prints the hunks as GNU `diff -U3` does. Line breaks are not shown (CRLF
// and lone CR files read like LF ones); a last line without one is marked as diff does. Pure.
import { structuredPatch } from 'diff';
import { applyEdits, type TextEdit } from '../analysis/applyEdits';

/** Line breaks as the analysis counts them (\r\n, \n, lone \r), all as \n: the diff shows lines, not breaks. */
function lf(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** `start,count` of a hunk header as GNU diff prints it: `n` alone for one line, an empty range numbered by the line before it. */
function range(start: number, count: number): string {
  if (count === 0) return `${Math.max(0, start - 1)},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

/**
 * The unified diff of `edits` (spans of `text`, as applyEdits takes them) against `text`, headed by `path`
 * on both sides; an empty string when the edits change nothing (or cannot be applied together). Ends with a
 * line break.
 */
export function unifiedDiff(path: string, text: string, edits: readonly TextEdit[], context = 3): string {
  const applied = applyEdits(text, [...edits]);
  if (!applied.ok) return '';
  const patch = structuredPatch(path, path, lf(text), lf(applied.text), undefined, undefined, { context });
  if (patch.hunks.length === 0) return '';
  const out = [`--- ${path}`, `+++ ${path}`];
  for (const h of patch.hunks) out.push(`@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`, ...h.lines);
  return out.join('\n') + '\n';
}
