// Cached results whose spans are anchored to the YAML documents they point into. After an edit elsewhere in a
// file, an unchanged document keeps its object but moves; a result computed before is stored with each span of
// that file relative to its document and resolved against the document's current offset. Pure data, no state.
import type { ManifestDocument, ParsedFile, Span } from './model';

class SpanAnchor {
  constructor(
    readonly document: ManifestDocument,
    readonly start: number,
    readonly end: number,
  ) {}
}

/** A value stored with anchored spans; `resolveAnchors` gives it back with the current offsets. */
export interface Anchored<T> {
  readonly stored: unknown;
  /** The documents its spans are anchored to. */
  readonly documents: ManifestDocument[];
  /** The last value resolved, and those documents' offsets then: while they stay, it is given back as it is. */
  last?: { value: T; offsets: number[] };
}

function isSpan(v: object): v is Span {
  const keys = Object.keys(v);
  return keys.length === 2 && typeof (v as Span).start === 'number' && typeof (v as Span).end === 'number';
}

/**
 * A copy of `value` in which every span of `file` (spans under an object whose `uri` is the file's) is tied to
 * the document holding it; `ownDocument` wins at a boundary. Undefined when a span lies in no single document
 * (such a result is not cached). Spans of other files are kept as they are.
 */
export function anchorSpans<T>(value: T, file: ParsedFile, ownDocument: number): Anchored<T> | undefined {
  const docs = file.documents;
  const own = docs[ownDocument];
  const inside = (d: ManifestDocument | undefined, s: Span) => d !== undefined && d.span.start <= s.start && s.end <= d.span.end;
  const documentOf = (s: Span): ManifestDocument | undefined => {
    if (inside(own, s)) return own;
    // The last document starting at or before the span, and the one before it when they touch.
    let lo = 0;
    let hi = docs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (docs[mid].span.start <= s.start) lo = mid;
      else hi = mid - 1;
    }
    const candidates = [docs[lo - 1], docs[lo]].filter((d) => inside(d, s));
    return candidates.length === 1 ? candidates[0] : undefined;
  };
  let ok = true;
  const used = new Set<ManifestDocument>();
  const copy = (v: unknown, uri: string | undefined): unknown => {
    if (!ok || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map((item) => copy(item, uri));
    if (uri === file.uri && isSpan(v)) {
      const d = documentOf(v);
      if (!d) {
        ok = false;
        return undefined;
      }
      used.add(d);
      return new SpanAnchor(d, v.start - d.span.start, v.end - d.span.start);
    }
    const own = v as Record<string, unknown>;
    const context = typeof own.uri === 'string' ? own.uri : uri;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(own)) out[k] = copy(own[k], context);
    return out;
  };
  const stored = copy(value, undefined);
  return ok ? { stored, documents: [...used] } : undefined;
}

/** The value with every anchored span at its document's current offset; undefined when a document left the file. */
export function resolveAnchors<T>(anchored: Anchored<T>, file: ParsedFile): T | undefined {
  if (anchored.documents.some((d) => file.documents[d.index] !== d)) return undefined;
  const offsets = anchored.documents.map((d) => d.span.start);
  const { last } = anchored;
  if (last && offsets.every((o, i) => o === last.offsets[i])) return last.value;
  let ok = true;
  const copy = (v: unknown): unknown => {
    if (!ok || v === null || typeof v !== 'object') return v;
    if (v instanceof SpanAnchor) {
      if (file.documents[v.document.index] !== v.document) {
        ok = false;
        return undefined;
      }
      const base = v.document.span.start;
      return { start: base + v.start, end: base + v.end };
    }
    if (Array.isArray(v)) return v.map(copy);
    const own = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(own)) out[k] = copy(own[k]);
    return out;
  };
  const value = copy(anchored.stored) as T;
  if (!ok) return undefined;
  anchored.last = { value, offsets };
  return value;
}
