// Compares a StatefulSet's fields with their baseline the way the API server's update validation does:
// after defaulting (an absent podManagementPolicy is OrderedReady, an absent volumeMode is Filesystem) and
// with apimachinery's semantic equality (quantities by value, so 1Gi equals 1024Mi; nil and empty lists and
// maps alike; a nil pointer differs from an empty string). Pure data arithmetic: no reporting, no messages.
import type { YNode } from './model';
import { asMap, asScalar, asSeq, getPath, scalarText } from './yamlTree';

/** A canonical value: what Go would hold after decoding and defaulting, as plain JSON with sorted keys. */
export type Canon = null | string | number | boolean | Canon[] | { [key: string]: Canon };
export type PlanPath = (string | number)[];

/** A scalar's value; maps and lists recursively; null, '', {} and [] read as absent (Go's zero and nil alike). */
export function canonGeneric(node: YNode | undefined): Canon | undefined {
  if (!node) return undefined;
  if (node.kind === 'scalar') return node.value === null || node.value === '' ? undefined : node.value;
  if (node.kind === 'seq') {
    const items = node.items.map((i) => canonGeneric(i) ?? null);
    return items.length ? items : undefined;
  }
  const out: { [key: string]: Canon } = {};
  for (const key of [...new Set(node.pairs.map((p) => String(p.key.value)))].sort()) {
    const v = canonGeneric(getPath(node, key));
    if (v !== undefined) out[key] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/** A label selector pointer: absent stays absent, `{}` is an empty (but present) selector. */
export function canonSelector(node: YNode | undefined): Canon | undefined {
  if (!node || asScalar(node)?.value === null) return undefined;
  const map = asMap(node);
  if (!map) return canonGeneric(node);
  const out: { [key: string]: Canon } = {};
  const labels = canonStringMap(getPath(map, 'matchLabels'));
  if (labels) out.matchLabels = labels;
  const exprs = (asSeq(getPath(map, 'matchExpressions'))?.items ?? []).map((item) => {
    const e: { [key: string]: Canon } = {};
    const key = scalarText(getPath(item, 'key'));
    const operator = scalarText(getPath(item, 'operator'));
    if (key) e.key = key;
    if (operator) e.operator = operator;
    const values = (asSeq(getPath(item, 'values'))?.items ?? []).map((v) => scalarText(v) ?? '');
    if (values.length) e.values = values;
    return e as Canon;
  });
  if (exprs.length) out.matchExpressions = exprs;
  return out;
}

function canonStringMap(node: YNode | undefined): { [key: string]: Canon } | undefined {
  const map = asMap(node);
  if (!map) return undefined;
  const out: { [key: string]: Canon } = {};
  for (const key of [...new Set(map.pairs.map((p) => String(p.key.value)))].sort()) out[key] = scalarText(getPath(map, key)) ?? '';
  return Object.keys(out).length ? out : undefined;
}

/** Fields of a PVC spec that are pointers in Go: present-but-empty differs from absent. */
const PVC_POINTER_STRINGS = new Set(['storageClassName', 'volumeAttributesClassName']);
const PVC_POINTER_STRUCTS = new Set(['selector', 'dataSource', 'dataSourceRef']);

/** One volumeClaimTemplates item as the API server stores it (TypeMeta is not kept for embedded PVCs). */
export function canonClaimTemplate(node: YNode | undefined): Canon {
  const map = asMap(node);
  if (!map) return canonGeneric(node) ?? null;
  const out: { [key: string]: Canon } = {};
  const metadata = canonGeneric(getPath(map, 'metadata'));
  if (metadata !== undefined) out.metadata = metadata;
  const spec = canonPvcSpec(getPath(map, 'spec'));
  if (spec !== undefined) out.spec = spec;
  // Defaulting sets status.phase to Pending on every template.
  const status = canonGeneric(getPath(map, 'status'));
  if (isObject(status)) {
    const rest = { ...status };
    if (rest.phase === 'Pending') delete rest.phase;
    if (Object.keys(rest).length) out.status = rest;
  } else if (status !== undefined) out.status = status;
  return out;
}

function canonPvcSpec(node: YNode | undefined): Canon | undefined {
  const map = asMap(node);
  const out: { [key: string]: Canon } = {};
  if (!map) {
    const generic = canonGeneric(node);
    if (generic !== undefined) return generic;
  }
  for (const key of [...new Set((map?.pairs ?? []).map((p) => String(p.key.value)))].sort()) {
    const v = getPath(map, key);
    let c: Canon | undefined;
    if (PVC_POINTER_STRINGS.has(key)) c = asScalar(v) && asScalar(v)!.value !== null ? scalarText(v) ?? '' : canonGeneric(v);
    else if (PVC_POINTER_STRUCTS.has(key)) c = key === 'selector' ? canonSelector(v) : asMap(v) ? canonGeneric(v) ?? {} : canonGeneric(v);
    else if (key === 'resources') c = canonResources(v);
    else c = canonGeneric(v);
    if (c !== undefined) out[key] = c;
  }
  // SetDefaults_PersistentVolumeClaimSpec: a nil volumeMode becomes Filesystem.
  out.volumeMode ??= 'Filesystem';
  return out;
}

function canonResources(node: YNode | undefined): Canon | undefined {
  const map = asMap(node);
  if (!map) return canonGeneric(node);
  const out: { [key: string]: Canon } = {};
  for (const key of [...new Set(map.pairs.map((p) => String(p.key.value)))].sort()) {
    const v = getPath(map, key);
    if ((key === 'requests' || key === 'limits') && asMap(v)) {
      const list: { [key: string]: Canon } = {};
      for (const name of [...new Set(asMap(v)!.pairs.map((p) => String(p.key.value)))].sort()) {
        const q = getPath(v, name);
        const text = scalarText(q);
        if (text === undefined) continue;
        list[name] = canonQuantity(text) ?? text;
      }
      if (Object.keys(list).length) out[key] = list;
    } else {
      const c = canonGeneric(v);
      if (c !== undefined) out[key] = c;
    }
  }
  return Object.keys(out).length ? out : undefined;
}

const QUANTITY = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/**
 * A Kubernetes quantity as an exact fraction (`q:1073741824/1`), so that two spellings of one amount compare
 * equal as resource.Quantity.Cmp does; undefined when the text is not a quantity.
 */
export function canonQuantity(text: string): string | undefined {
  const m = QUANTITY.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const [, sign, whole, fraction = '', suffix = ''] = m;
  let numerator = BigInt(`${whole || '0'}${fraction}` || '0');
  let denominator = 10n ** BigInt(fraction.length);
  if (suffix in BINARY) numerator *= 2n ** BigInt(BINARY[suffix]);
  else {
    const exponent = suffix in DECIMAL ? DECIMAL[suffix] : Number(suffix.slice(1));
    // Beyond what any cluster stores; compare the spelling rather than build a huge number.
    if (!Number.isFinite(exponent) || Math.abs(exponent) > 100) return undefined;
    if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
    else denominator *= 10n ** BigInt(-exponent);
  }
  const g = gcd(numerator, denominator);
  if (g > 1n) {
    numerator /= g;
    denominator /= g;
  }
  return `q:${sign === '-' && numerator !== 0n ? '-' : ''}${numerator}/${denominator}`;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

export function canonEqual(a: Canon | undefined, b: Canon | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The path of the first difference between two canonical values (in `current`'s key order), as deep as both
 * sides go: a key only one side has, a list whose length differs, or differing scalars. Undefined when equal.
 */
export function firstDifference(baseline: Canon | undefined, current: Canon | undefined, path: PlanPath = []): PlanPath | undefined {
  if (canonEqual(baseline, current)) return undefined;
  if (isObject(baseline) && isObject(current)) {
    const keys = [...Object.keys(current), ...Object.keys(baseline).filter((k) => !(k in current))];
    for (const k of keys) {
      const d = firstDifference(baseline[k], current[k], [...path, k]);
      if (d) return d;
    }
    return path;
  }
  if (Array.isArray(baseline) && Array.isArray(current) && baseline.length === current.length) {
    for (let i = 0; i < current.length; i++) {
      const d = firstDifference(baseline[i], current[i], [...path, i]);
      if (d) return d;
    }
  }
  return path;
}

function isObject(v: Canon | undefined): v is { [key: string]: Canon } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `spec.volumeClaimTemplates[0].spec.resources`: a path as the API server's field paths write it. */
export function formatPath(path: PlanPath): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}
