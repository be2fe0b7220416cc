// Conversions between UTF-16 offsets (what spans hold) and zero-based line/character positions.
// Lines end at \n, \r\n or a lone \r, as LSP counts them; characters are UTF-16 code units, as LSP's default.

export interface LineCharacter {
  /** Zero-based line. */
  line: number;
  /** Zero-based UTF-16 code-unit offset within the line. */
  character: number;
}

/** Offsets at which each line starts; line 0 starts at 0. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  // Most texts have no \r: then the native search for \n is all it takes (several times faster on a large file).
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/**
 * The line tables of the last few parsed files read, the last first. Found by the file object (one step to
 * compare: a ParsedFile's text never changes), and only a few are kept: a scan of many files does not keep a
 * table for each. The files are held weakly: a table must not keep a replaced file (its text and its whole
 * tree) alive, which for large files was most of the memory left after the analysis.
 */
const fileTables: { file: WeakRef<{ readonly text: string }>; starts: readonly number[] }[] = [];

/**
 * `lineStarts` of a parsed file's text, computed once per file object and shared by its readers (the "Disable"
 * fixes of the analysis, the editor's diagnostics), so a large file's lines are not counted again per reader.
 */
export function fileLineStarts(file: { readonly text: string }): readonly number[] {
  if (fileTables.length > 0 && fileTables[0].file.deref() === file) return fileTables[0].starts;
  const i = fileTables.findIndex((t) => t.file.deref() === file);
  const entry = i >= 0 ? fileTables.splice(i, 1)[0] : { file: new WeakRef(file), starts: lineStarts(file.text) };
  fileTables.unshift(entry);
  if (fileTables.length > 8) fileTables.pop();
  return entry.starts;
}

/** The line/character of an offset (clamped to the text). */
export function offsetToPosition(textOrStarts: string | readonly number[], offset: number): LineCharacter {
  const starts = typeof textOrStarts === 'string' ? lineStarts(textOrStarts) : textOrStarts;
  const target = Math.max(0, offset);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= target) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: target - starts[lo] };
}

/** The offset of a line/character position (clamped to the line's start; the caller clamps to the text). */
export function positionToOffset(textOrStarts: string | readonly number[], position: LineCharacter): number {
  const starts = typeof textOrStarts === 'string' ? lineStarts(textOrStarts) : textOrStarts;
  if (position.line < 0) return 0;
  if (position.line >= starts.length) return starts[starts.length - 1] + Math.max(0, position.character);
  return starts[position.line] + Math.max(0, position.character);
}
