// Reads suppression comments (`# statefulset-lens-disable-next-line <id>[, <id>]` and the document-level
// `# statefulset-lens-disable <id>`) and decides whether a finding is suppressed. Without ids a comment
// suppresses every rule. Unknown ids are returned so the catalogue can report them; nothing here reports.
import type { ManifestDocument, Span } from '../model';
import { lineStarts, offsetToPosition } from '../positions';

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
}

const COMMENT = /(^|\s)#\s*statefulset-lens-(disable-next-line|disable)(?=\s|$)(.*)$/;

/** Finds every suppression comment of a file. `documents` decides which document a document-level one covers. */
export function parseSuppressions(text: string, documents: readonly ManifestDocument[]): Suppressions {
  const comments: SuppressionComment[] = [];
  // A cheap test first: most files have no suppression comment at all.
  if (text.includes('statefulset-lens-disable')) {
    const starts = lineStarts(text);
    for (let line = 0; line < starts.length; line++) {
      const lineStart = starts[line];
      const lineEnd = line + 1 < starts.length ? starts[line + 1] : text.length;
      const lineText = text.slice(lineStart, lineEnd).replace(/\r?\n$|\r$/, '');
      if (!lineText.includes('statefulset-lens-disable')) continue;
      const m = COMMENT.exec(lineText);
      if (!m) continue;
      const kind = m[2] === 'disable-next-line' ? 'next-line' : 'document';
      const restStart = lineStart + (m.index ?? 0) + m[0].length - m[3].length;
      const ids = readIds(m[3], restStart);
      const commentOffset = lineStart + (m.index ?? 0) + m[1].length;
      const target = kind === 'next-line' ? line + 1 : documentAt(documents, commentOffset);
      comments.push({ kind, ids, target });
    }
  }
  let starts: number[] | undefined;
  return {
    comments,
    isSuppressed(ruleId: string, offset: number): boolean {
      if (comments.length === 0) return false;
      starts ??= lineStarts(text);
      const line = offsetToPosition(starts, offset).line;
      const doc = documentAt(documents, offset);
      return comments.some(
        (c) =>
          (c.kind === 'next-line' ? c.target === line : c.target === doc) &&
          (c.ids.length === 0 || c.ids.some((i) => i.id === ruleId)),
      );
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

/** The document containing `offset`, else the first one after it (a comment above `---`), else the last. */
function documentAt(documents: readonly ManifestDocument[], offset: number): number {
  for (const d of documents) if (offset >= d.span.start && offset < d.span.end) return d.index;
  for (const d of documents) if (d.span.start >= offset) return d.index;
  return documents.length > 0 ? documents[documents.length - 1].index : 0;
}
