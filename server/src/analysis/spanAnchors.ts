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

/** A plain `{ start, end }` object (a span), told apart from other objects with a `start` without listing keys. */
function isSpan(v: object): v is Span {
  const o = v as Record<string, unknown>;
  if (typeof o.start !== 'number' || typeof o.end !== 'number') return false;
  let keys = 0;
  for (const _ in o) if (++keys > 2) return false;
  return true;
}

/**
 * A copy of `value` in which every span of `file` (spans under an object whose `uri` is the file's) is tied to
 * the document holding it; `ownDocument` wins at a boundary. Undefined when a span lies in no single document
 * (such a result is not cached). Spans of other files are kept as they are. Parts holding no span of the file
 * are shared with `value`, not copied (results are never changed once made). The value itself is the first
 * resolution: until one of its documents moves, `resolveAnchors` gives it back without a walk.
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
    const before = inside(docs[lo - 1], s);
    const at = inside(docs[lo], s);
    return before === at ? undefined : before ? docs[lo - 1] : docs[lo];
  };
  let ok = true;
  const used: ManifestDocument[] = [];
  // Copy on write: a part comes back as the same object unless something under it was anchored.
  const copy = (v: unknown, uri: string | undefined): unknown => {
    if (!ok || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        const c = item !== null && typeof item === 'object' ? copy(item, uri) : item;
        if (out) out.push(c);
        else if (c !== item) {
          out = v.slice(0, i);
          out.push(c);
        }
      }
      return out ?? v;
    }
    if (uri === file.uri && isSpan(v)) {
      const d = documentOf(v);
      if (!d) {
        ok = false;
        return undefined;
      }
      if (!used.includes(d)) used.push(d);
      return new SpanAnchor(d, v.start - d.span.start, v.end - d.span.start);
    }
    const o = v as Record<string, unknown>;
    const context = typeof o.uri === 'string' ? o.uri : uri;
    let out: Record<string, unknown> | undefined;
    for (const k in o) {
      const item = o[k];
      if (item === null || typeof item !== 'object') continue;
      const c = copy(item, context);
      if (c !== item) (out ??= { ...o })[k] = c;
    }
    return out ?? v;
  };
  const stored = copy(value, undefined);
  if (!ok) return undefined;
  return { stored, documents: used, last: { value, offsets: used.map((d) => d.span.start) } };
}

/** The value with every anchored span at its document's current offset; undefined when a document left the file. */
export function resolveAnchors<T>(anchored: Anchored<T>, file: ParsedFile): T | undefined {
  const { documents, last } = anchored;
  for (const d of documents) if (file.documents[d.index] !== d) return undefined;
  if (last && documents.every((d, i) => d.span.start === last.offsets[i])) return last.value;
  // Copy on write again: only the parts that hold anchors are new objects.
  const copy = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (v instanceof SpanAnchor) {
      const base = v.document.span.start;
      return { start: base + v.start, end: base + v.end };
    }
    if (Array.isArray(v)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        const c = item !== null && typeof item === 'object' ? copy(item) : item;
        if (out) out.push(c);
        else if (c !== item) {
          out = v.slice(0, i);
          out.push(c);
        }
      }
      return out ?? v;
    }
    const o = v as Record<string, unknown>;
    let out: Record<string, unknown> | undefined;
    for (const k in o) {
      const item = o[k];
      if (item === null || typeof item !== 'object') continue;
      const c = copy(item);
      if (c !== item) (out ??= { ...o })[k] = c;
    }
    return out ?? v;
  };
  const value = copy(anchored.stored) as T;
  anchored.last = { value, offsets: documents.map((d) => d.span.start) };
  return value;
}
