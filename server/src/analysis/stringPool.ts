// Shared strings for the analysis tree (see StringPool), and the tree's scalars built with them by every reader
// (the composed documents' converter, cstTree.ts, jsonText.ts).
import type { Span, YScalar } from './model';

/** Every reader checks a map's keys for duplicates pairwise up to this many keys, and with a set beyond. */
export const SMALL_MAP = 16;

/**
 * One string object for each short text a file's tree repeats: keys (`name`, `image`, …) and common values come
 * thousands of times in a large file, and each would otherwise be a string of its own (a sixth of the tree).
 */
export class StringPool {
  private readonly pool = new Map<string, string>();

  get(s: string): string {
    if (s.length > 48) return s;
    const had = this.pool.get(s);
    if (had !== undefined) return had;
    this.pool.set(s, s);
    return s;
  }
}

/**
 * The tree scalar of a value as the `yaml` composer (or JSON) resolved it: a string reads back as its value; any
 * other value keeps its text in `text` at `span` as its source (`2.50`, not 2.5).
 */
export function scalarNode(value: unknown, span: Span, text: string, strings: StringPool): YScalar {
  if (typeof value === 'string') {
    const pooled = strings.get(value);
    return { kind: 'scalar', value: pooled, source: pooled, span };
  }
  const raw = text.slice(span.start, span.end);
  if (value === null || value === undefined) return { kind: 'scalar', value: null, source: strings.get(raw), span };
  if (typeof value === 'number' || typeof value === 'boolean') return { kind: 'scalar', value, source: strings.get(raw), span };
  if (typeof value === 'bigint') return { kind: 'scalar', value: Number(value), source: raw, span };
  // Dates, binary and other tagged values: keep the source text.
  return { kind: 'scalar', value: raw, source: raw, span };
}

/** The tree key of a scalar key node as resolved (`raw`: the key's text in the file): its value as text. */
export function keyScalar(value: unknown, span: Span, raw: string, strings: StringPool): YScalar {
  const text = strings.get(value === null ? '' : typeof value === 'string' ? value : String(value));
  // A plain key's source is its value: one string for both.
  return { kind: 'scalar', value: text, source: raw === text ? text : strings.get(raw), span };
}
