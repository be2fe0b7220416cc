// Reads suppression comments (`# statefulset-lens-disable-next-line <id>[, <id>]` and the document-level
// `# statefulset-lens-disable <id>`) and decides whether a finding is suppressed. Without ids a comment
// suppresses every rule. Unknown ids are returned so the catalogue can report them; nothing here reports.
import type { ManifestDocument, Span } from '../model';
import { fileLineStarts, offsetToPosition } from '../positions';

export interface SuppressionId {
  id: string;
  span: Span;
}

export interface SuppressionComment {
  kind: 'next-line' | 'document';
  /** The rule ids named; empty means every rule. */
  ids: SuppressionId[];
  /** For `next-line`, the 0-based line it applies to; for `document`, the document index. */
  target: number;
}

export interface Suppressions {
  comments: SuppressionComment[];
  /** True when a finding of `ruleId` starting at `offset` is suppressed. */
  isSuppressed(ruleId: string, offset: number): boolean;
  /** The first next-line comment with ids that applies to `line` (the one a new id is added to). */
  nextLineCommentFor(line: number): SuppressionComment | undefined;
}

const COMMENT = /(^|\s)#\s*statefulset-lens-(disable-next-line|disable)(?=\s|$)(.*)$/;

const MARK = 'statefulset-lens-disable';

/**
 * Finds every suppression comment of a file. Its documents decide which document a document-level one covers;
 * its line table is the file's own (`fileLineStarts`), shared with the rest of the analysis.
 */
export function parseSuppressions(file: { readonly text: string; readonly documents: readonly ManifestDocument[] }): Suppressions {
  const { text, documents } = file;
  const comments: SuppressionComment[] = [];
  // Only the lines that hold the mark are read (most files have none; 12,000 comments are not every line).
  for (let at = text.indexOf(MARK), lastLine = -1; at >= 0; at = text.indexOf(MARK, at + MARK.length)) {
    const starts = fileLineStarts(file);
    const line = offsetToPosition(starts, at).line;
    if (line === lastLine) continue;
    lastLine = line;
    const lineStart = starts[line];
    const lineEnd = line + 1 < starts.length ? starts[line + 1] : text.length;
    const lineText = text.slice(lineStart, lineEnd).replace(/\r?\n$|\r$/, '');
    const m = COMMENT.exec(lineText);
    if (!m) continue;
    const kind = m[2] === 'disable-next-line' ? 'next-line' : 'document';
    const restStart = lineStart + (m.index ?? 0) + m[0].length - m[3].length;
    const ids = readIds(m[3], restStart);
    const commentOffset = lineStart + (m.index ?? 0) + m[1].length;
    const target = kind === 'next-line' ? line + 1 : documentAt(documents, commentOffset);
    comments.push({ kind, ids, target });
  }
  // Indexed by target line and document: a file with thousands of comments and thousands of findings must
  // not compare every finding with every comment.
  const byLine = new Map<number, SuppressionComment[]>();
  const byDocument = new Map<number, SuppressionComment[]>();
  for (const c of comments) {
    const index = c.kind === 'next-line' ? byLine : byDocument;
    const list = index.get(c.target);
    if (list) list.push(c);
    else index.set(c.target, [c]);
  }
  const covers = (list: SuppressionComment[] | undefined, ruleId: string) => list?.some((c) => c.ids.length === 0 || c.ids.some((i) => i.id === ruleId)) ?? false;
  return {
    comments,
    isSuppressed(ruleId: string, offset: number): boolean {
      if (comments.length === 0) return false;
      const line = offsetToPosition(fileLineStarts(file), offset).line;
      return covers(byLine.get(line), ruleId) || (byDocument.size > 0 && covers(byDocument.get(documentAt(documents, offset)), ruleId));
    },
    nextLineCommentFor(line: number): SuppressionComment | undefined {
      return byLine.get(line)?.find((c) => c.ids.length > 0);
    },
  };
}

/** Ids separated by commas or blanks; `--` starts a free-text reason, as in ESLint. */
function readIds(rest: string, restOffset: number): SuppressionId[] {
  const ids: SuppressionId[] = [];
  const reason = rest.indexOf('--');
  const list = reason >= 0 ? rest.slice(0, reason) : rest;
  const re = /[^\s,]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(list)) !== null) {
    ids.push({ id: m[0], span: { start: restOffset + m.index, end: restOffset + m.index + m[0].length } });
  }
  return ids;
}

/**
 * The document containing `offset`, else the first one after it (a comment above `---`), else the last.
 * Documents come in text order, so a binary search finds the first one not ending at or before `offset`.
 */
function documentAt(documents: readonly ManifestDocument[], offset: number): number {
  let lo = 0;
  let hi = documents.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (documents[mid].span.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  const d = documents[lo];
  if (d && offset >= d.span.start && offset < d.span.end) return d.index;
  // None contains it: the first one starting at or after it (an empty document at `offset` ends before lo).
  let first = lo;
  while (first > 0 && documents[first - 1].span.start >= offset) first--;
  if (first < documents.length) return documents[first].index;
  return documents.length > 0 ? documents[documents.length - 1].index : 0;
}
