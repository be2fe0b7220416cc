// How a parse crosses from the parse worker to the server's main thread. Structured clone keeps everything
// (shared objects, undefined, NaN, -0) but its deserialization costs the main thread about twice what
// `JSON.parse` of the same trees costs, and the trees are most of a parse. So the documents go as JSON when JSON
// gives them back exactly — no object reached twice, no `undefined` value (but an empty document's root), no
// NaN, ±Infinity or -0 — and the rest (resources without their nodes, problems, layout) by structured clone;
// each resource's node is found again from its document (and List item) on arrival. Anything else goes whole.
import type { ManifestDocument, YMap } from '../analysis/model';
import type { ParseResult } from '../analysis/parse';
import { asSeq, getPath } from '../analysis/yamlTree';

/** `rest` is the parse with no documents and every resource's node `null` (the keys stay where they were). */
export type PackedParse = { whole: ParseResult } | { documents: string; rest: ParseResult };

/** The node a resource stands for, found from its document as resources.ts finds it. */
function nodeOf(documents: ManifestDocument[], r: { documentIndex: number; listItem?: number }): YMap | undefined {
  const root = documents[r.documentIndex]?.root;
  const node = r.listItem === undefined ? root : asSeq(getPath(root, 'items'))?.items[r.listItem];
  return node?.kind === 'map' ? node : undefined;
}

/** True when JSON gives the documents back exactly (see above). */
function jsonExact(documents: ManifestDocument[]): boolean {
  const seen = new Set<object>();
  const visit = (v: unknown): boolean => {
    if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
    if (typeof v !== 'object' || v === null) return v !== undefined && typeof v !== 'bigint';
    if (seen.has(v)) return false;
    seen.add(v);
    if (Array.isArray(v)) return v.every(visit);
    for (const key in v) if (!visit((v as Record<string, unknown>)[key])) return false;
    return true;
  };
  return documents.every((d) => seen.has(d) ? false : (seen.add(d), typeof d.index === 'number' && visit(d.span) && (d.root === undefined || visit(d.root))));
}

export function packParse(result: ParseResult): PackedParse {
  const { documents, resources } = result.file;
  if (!jsonExact(documents) || resources.some((r) => nodeOf(documents, r) !== r.node)) return { whole: result };
  return {
    documents: JSON.stringify(documents),
    rest: { ...result, file: { ...result.file, documents: [], resources: resources.map((r) => ({ ...r, node: null as unknown as YMap })) } },
  };
}

export function unpackParse(packed: PackedParse): ParseResult {
  if ('whole' in packed) return packed.whole;
  const documents = JSON.parse(packed.documents) as ManifestDocument[];
  for (const d of documents as { root?: unknown }[]) if (!('root' in d)) d.root = undefined;
  const { file } = packed.rest;
  file.documents = documents;
  for (const r of file.resources) r.node = nodeOf(documents, r) as YMap;
  return packed.rest;
}

