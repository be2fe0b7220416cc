// Renders what a set of text edits does to one file as a unified diff (`--- path`, `+++ path`, `@@` hunks with
// three lines of context), for the CLI's --fix-dry-run. Pure: the edits say where the changes are, so no
// general diff algorithm is needed. Line breaks are not shown; a last line without one is marked as diff does.
import { applyEdits, sortEdits, type TextEdit } from './analysis/applyEdits';

/** Lines with their line breaks (\r\n, \n or a lone \r, as the analysis counts lines); no empty last line. */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

/** Offsets at which each of `lines` starts, plus the text's length. */
function startsOf(lines: readonly string[]): number[] {
  const starts = [0];
  for (const l of lines) starts.push(starts[starts.length - 1] + l.length);
  return starts;
}

/**
 * The index of the line holding `offset`: the end of a text that ends with a break is on the (empty, virtual)
 * line `lines.length`; the end of one that does not is on its last line.
 */
function lineAt(lines: readonly string[], starts: readonly number[], offset: number): number {
  const n = lines.length;
  if (n > 0 && offset >= starts[n] && !/[\r\n]$/.test(lines[n - 1])) return n - 1;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

interface Change {
  /** 0-based index of the first old line replaced (or of the line the new lines go before). */
  oldStart: number;
  oldLines: string[];
  newLines: string[];
}

/** The changed lines of each group of edits sharing lines, with unchanged leading and trailing lines trimmed. */
function changesOf(text: string, edits: readonly TextEdit[]): Change[] {
  const lines = splitLines(text);
  const starts = startsOf(lines);
  const groups: { from: number; to: number; edits: TextEdit[] }[] = [];
  for (const e of sortEdits(edits)) {
    const from = lineAt(lines, starts, e.span.start);
    // The line holding the end is always part of the block, even when the span ends at its start (the new text
    // may not end with a break, joining it); lines that come out unchanged are trimmed below.
    const to = Math.min(lines.length, lineAt(lines, starts, e.span.end) + 1);
    const last = groups[groups.length - 1];
    if (last && from < last.to) {
      last.to = Math.max(last.to, to);
      last.edits.push(e);
    } else {
      groups.push({ from, to: Math.max(to, from), edits: [e] });
    }
  }
  const changes: Change[] = [];
  for (const g of groups) {
    const base = starts[g.from];
    const oldText = text.slice(base, starts[g.to]);
    const applied = applyEdits(oldText, g.edits.map((e) => ({ span: { start: e.span.start - base, end: e.span.end - base }, newText: e.newText })));
    if (!applied.ok) continue; // callers pass edits applyEdits accepted for the whole text; a group is a part of that
    const oldLines = splitLines(oldText);
    const newLines = splitLines(applied.text);
    let head = 0;
    while (head < oldLines.length && head < newLines.length && oldLines[head] === newLines[head]) head++;
    let tail = 0;
    while (tail < oldLines.length - head && tail < newLines.length - head && oldLines[oldLines.length - 1 - tail] === newLines[newLines.length - 1 - tail]) tail++;
    if (oldLines.length - head - tail === 0 && newLines.length - head - tail === 0) continue;
    const change = { oldStart: g.from + head, oldLines: oldLines.slice(head, oldLines.length - tail), newLines: newLines.slice(head, newLines.length - tail) };
    const prev = changes[changes.length - 1];
    // Changes with no line between them read as one: all removed lines, then all added ones, as diff prints.
    if (prev && prev.oldStart + prev.oldLines.length === change.oldStart) {
      prev.oldLines.push(...change.oldLines);
      prev.newLines.push(...change.newLines);
    } else changes.push(change);
  }
  return changes;
}

/** `start,count` of a hunk header: an empty range is numbered by the line before it, as diff does. */
function range(start0: number, count: number): string {
  if (count === 0) return `${start0},0`;
  return count === 1 ? `${start0 + 1}` : `${start0 + 1},${count}`;
}

function show(prefix: string, line: string): string[] {
  const body = line.replace(/(?:\r\n|\r|\n)$/, '');
  return body.length === line.length ? [prefix + body, '\\ No newline at end of file'] : [prefix + body];
}

/**
 * The unified diff of `edits` (spans of `text`, as applyEdits takes them) against `text`, headed by `path`
 * on both sides; an empty string when the edits change nothing. Ends with a line break.
 */
export function unifiedDiff(path: string, text: string, edits: readonly TextEdit[], context = 3): string {
  const changes = changesOf(text, edits);
  if (changes.length === 0) return '';
  const lines = splitLines(text);
  const out = [`--- ${path}`, `+++ ${path}`];
  let delta = 0; // new line number minus old line number before the hunk
  for (let i = 0; i < changes.length; ) {
    let j = i;
    while (j + 1 < changes.length && changes[j + 1].oldStart - (changes[j].oldStart + changes[j].oldLines.length) <= 2 * context) j++;
    const from = Math.max(0, changes[i].oldStart - context);
    const to = Math.min(lines.length, changes[j].oldStart + changes[j].oldLines.length + context);
    const body: string[] = [];
    let oldCount = 0;
    let newCount = 0;
    let at = from;
    for (let k = i; k <= j; k++) {
      const c = changes[k];
      for (; at < c.oldStart; at++, oldCount++, newCount++) body.push(...show(' ', lines[at]));
      for (const l of c.oldLines) body.push(...show('-', l));
      for (const l of c.newLines) body.push(...show('+', l));
      oldCount += c.oldLines.length;
      newCount += c.newLines.length;
      at = c.oldStart + c.oldLines.length;
    }
    for (; at < to; at++, oldCount++, newCount++) body.push(...show(' ', lines[at]));
    out.push(`@@ -${range(from, oldCount)} +${range(from + delta, newCount)} @@`, ...body);
    for (let k = i; k <= j; k++) delta += changes[k].newLines.length - changes[k].oldLines.length;
    i = j + 1;
  }
  return out.join('\n') + '\n';
}
