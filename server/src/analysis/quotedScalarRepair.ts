// Kubernetes' YAML decoder (go-yaml) accepts a multi-line quoted scalar whose continuation lines are not
// indented past their key — common in old manifests that embed JSON in annotations — while the YAML 1.2
// spec and the `yaml` parser reject it. This module indents such lines so the parser reads them the way
// kubectl does, and maps offsets in the repaired text back to the user's text. Pure; never throws.

/** Spaces inserted before an offset of the original text. */
export interface Insertion {
  at: number;
  count: number;
}

export interface Repair {
  text: string;
  insertions: Insertion[];
}

/** Finds multi-line quoted scalars with under-indented lines; undefined when there is nothing to repair. */
export function repairQuotedScalarIndentation(text: string): Repair | undefined {
  const insertions: Insertion[] = [];
  let quote: "'" | '"' | undefined;
  let parentIndent = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    const indent = line.length - line.replace(/^ +/, '').length;
    if (quote) {
      if (line.trim() !== '' && indent <= parentIndent) insertions.push({ at: lineStart + indent, count: parentIndent + 1 - indent });
      const close = closingQuote(line, 0, quote);
      if (close !== -1) {
        quote = undefined;
      }
    } else {
      // A quoted value that opens after `key: ` or `- ` and does not close on its line.
      const m = /^( *)(?:- +)*(?:[^\s#'"][^#'"]*?: +)?(['"])/.exec(line);
      if (m && (m[0].length > m[1].length + 1 || /^ *(?:- +)+['"]$/.test(m[0]))) {
        const q = m[2] as "'" | '"';
        if (closingQuote(line, m[0].length, q) === -1) {
          quote = q;
          parentIndent = m[1].length;
        }
      }
    }
    lineStart = lineEnd + 1;
  }
  if (insertions.length === 0) return undefined;
  let out = '';
  let from = 0;
  for (const ins of insertions) {
    out += text.slice(from, ins.at) + ' '.repeat(ins.count);
    from = ins.at;
  }
  out += text.slice(from);
  return { text: out, insertions };
}

/** Index just past the closing quote in `line` from `from`, or -1 when the scalar goes on. */
function closingQuote(line: string, from: number, quote: "'" | '"'): number {
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (quote === '"' && c === '\\') {
      i++;
    } else if (c === quote) {
      if (quote === "'" && line[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return -1;
}

/** Where each insertion sits in the repaired text, computed once per insertion list (spans map many offsets). */
const repairedStarts = new WeakMap<readonly Insertion[], number[]>();

/** Maps an offset of the repaired text back to the original text (inserted spaces map to their position). */
export function toOriginalOffset(insertions: readonly Insertion[], offset: number): number {
  let starts = repairedStarts.get(insertions);
  if (!starts) {
    starts = [];
    let shift = 0;
    for (const ins of insertions) {
      starts.push(ins.at + shift);
      shift += ins.count;
    }
    repairedStarts.set(insertions, starts);
  }
  // The last insertion that starts at or before the offset (binary search: files can hold thousands).
  let lo = 0;
  let hi = insertions.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return offset;
  const ins = insertions[found];
  const repairedAt = starts[found];
  if (offset < repairedAt + ins.count) return ins.at;
  return offset - (repairedAt - ins.at) - ins.count;
}
