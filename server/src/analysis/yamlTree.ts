// Read helpers over the analysis' YAML tree (YMap / YSeq / YScalar): path lookups and typed accessors.
// They never throw: a missing key, a wrong node kind or a wrong scalar type all give `undefined`.
import type { YMap, YNode, YPair, YScalar, YSeq } from './model';

export function asMap(node: YNode | undefined): YMap | undefined {
  return node?.kind === 'map' ? node : undefined;
}

export function asSeq(node: YNode | undefined): YSeq | undefined {
  return node?.kind === 'seq' ? node : undefined;
}

export function asScalar(node: YNode | undefined): YScalar | undefined {
  return node?.kind === 'scalar' ? node : undefined;
}

/** A string scalar's value; numbers and booleans are not strings here (use scalarText for that). */
export function asString(node: YNode | undefined): string | undefined {
  const s = asScalar(node);
  return typeof s?.value === 'string' ? s.value : undefined;
}

/** A number scalar's value (integers and floats as YAML 1.2 resolves them). */
export function asNumber(node: YNode | undefined): number | undefined {
  const s = asScalar(node);
  return typeof s?.value === 'number' ? s.value : undefined;
}

/** A non-null scalar as text (`1` → "1", `true` → "true"), e.g. for names written without quotes. */
export function scalarText(node: YNode | undefined): string | undefined {
  const s = asScalar(node);
  if (!s || s.value === null) return undefined;
  return typeof s.value === 'string' ? s.value : s.source;
}

/** The last pair with this key (YAML forbids duplicates; the last one wins, as Kubernetes' decoder does). */
export function getPair(map: YNode | undefined, key: string): YPair | undefined {
  if (map === undefined || map.kind !== 'map') return undefined;
  const pairs = map.pairs;
  for (let i = pairs.length - 1; i >= 0; i--) {
    const pair = pairs[i];
    if (pair.key.value === key) return pair;
  }
  return undefined;
}

/**
 * Walks map keys and sequence indexes; `undefined` as soon as a step is missing. The checks call it a few
 * hundred times per StatefulSet, so it loops by index and calls nothing but `getPair`.
 */
export function getPath(node: YNode | undefined, ...keys: (string | number)[]): YNode | undefined {
  let cur: YNode | undefined = node;
  for (let i = 0; i < keys.length; i++) {
    if (cur === undefined) return undefined;
    const k = keys[i];
    if (typeof k === 'number') cur = cur.kind === 'seq' ? cur.items[k] : undefined;
    else cur = getPair(cur, k)?.value;
  }
  return cur;
}

/** The node as plain JavaScript data (maps → objects, sequences → arrays, scalars → values). */
export function toPlain(node: YNode | undefined): unknown {
  if (node === undefined) return undefined;
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const p of node.pairs) out[String(p.key.value)] = toPlain(p.value);
      return out;
    }
  }
}

/** A map of string values (labels, selectors); non-string values are rendered as text. */
export function toStringMap(node: YNode | undefined): Record<string, string> | undefined {
  const m = asMap(node);
  if (!m) return undefined;
  const out: Record<string, string> = {};
  for (const p of m.pairs) {
    const v = scalarText(p.value);
    if (v !== undefined) out[String(p.key.value)] = v;
  }
  return out;
}
