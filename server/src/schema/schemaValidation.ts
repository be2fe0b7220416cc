// Schema validation on the analysis' own parse: each YAML document's tree, as plain data, goes through the
// validator that scripts/generateValidator.mjs generates from the bundled Kubernetes schema with ajv's
// standalone mode; the file is never parsed a second time. Results are cached per document object and point
// at nodes, not offsets, so a document that did not change is not validated again and its spans are read
// when the diagnostics are made (an incremental parse may shift an unchanged document's spans in place).
// Outside analysis/ because it imports the generated code; pure otherwise (no IO, no LSP types).
import type { AjvError, StandaloneValidate } from './generated/validateK8s.js';
import type { Finding, ManifestDocument, ParsedFile, Span, YMap, YNode, YPair, YScalar } from '../analysis/index';

/** Schema problems kept per document; one more problem says how many were left out. */
export const MAX_SCHEMA_PROBLEMS_PER_DOCUMENT = 100;

/** One schema problem of a document, pointing at a node of its tree. */
export interface SchemaProblem {
  message: string;
  /** Where it is reported: the offending value, or the key of an unknown property or of an object missing one. */
  node: YNode;
  /** Only the node's first character: an object that misses a property and has no key above it. */
  firstCharacter?: boolean;
}

/** A schema problem with its span read from the tree now. */
export interface SchemaDiagnostic {
  span: Span;
  message: string;
}

export interface SchemaValidator {
  /** The problems of one document; a document object is validated once, later calls reuse the result. */
  documentProblems(doc: ManifestDocument): readonly SchemaProblem[];
  /**
   * The problems of every document of the file, in text order, with the spans the nodes have now. Throws once
   * if the generated validator cannot be loaded (an incomplete install); from then on `unavailable` says why and
   * every file has no schema problems.
   */
  validateFile(file: ParsedFile): SchemaDiagnostic[];
  /** Why the validator could not be loaded, once that happened. */
  readonly unavailable: string | undefined;
}

/**
 * The generated validator, loaded when first used: half a megabyte of code that start-up need not compile (a
 * file over 1 MB is never validated). The bundles load it from dist/validateK8s.js beside them (scripts/build.mjs
 * builds it as an entry of its own and rewrites this path); from source it is the generated file itself.
 */
function bundledValidate(): StandaloneValidate {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('./generated/validateK8s.js') as { default?: StandaloneValidate } & StandaloneValidate;
  return loaded.default ?? loaded;
}

/** A validator with its own cache; `validate` is the generated one unless a test passes another. */
export function createSchemaValidator(given?: StandaloneValidate): SchemaValidator {
  let validate = given;
  let unavailable: string | undefined;
  const cache = new WeakMap<ManifestDocument, readonly SchemaProblem[]>();
  const documentProblems = (doc: ManifestDocument): readonly SchemaProblem[] => {
    if (unavailable !== undefined) return [];
    let problems = cache.get(doc);
    if (!problems) {
      try {
        validate ??= bundledValidate();
      } catch (err) {
        unavailable = String((err as Error)?.message ?? err).split('\n')[0];
        throw err;
      }
      problems = validateDocument(validate, doc);
      cache.set(doc, problems);
    }
    return problems;
  };
  return {
    documentProblems,
    validateFile(file) {
      const out: SchemaDiagnostic[] = [];
      for (const doc of file.documents) for (const p of documentProblems(doc)) out.push({ span: spanOf(p), message: p.message });
      return out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    },
    get unavailable() {
      return unavailable;
    },
  };
}

/** The validator of the language server (its cache is weak: a document's results go with its parse). */
export const bundledSchemaValidator: SchemaValidator = createSchemaValidator();

/**
 * Drops the schema diagnostics that sit exactly where a finding of the analysis is: a rule that reports a
 * value says more than the schema about it (`podManagementPolicy: Paralel` is one problem, not two).
 */
export function withoutFindingDuplicates(diagnostics: SchemaDiagnostic[], findings: readonly Finding[]): SchemaDiagnostic[] {
  if (diagnostics.length === 0 || findings.length === 0) return diagnostics;
  const taken = new Set(findings.map((f) => `${f.span.start}:${f.span.end}`));
  return diagnostics.filter((d) => !taken.has(`${d.span.start}:${d.span.end}`));
}

function spanOf(p: SchemaProblem): Span {
  const { start, end } = p.node.span;
  return p.firstCharacter ? { start, end: Math.min(end, start + 1) } : { start, end };
}

function validateDocument(validate: StandaloneValidate, doc: ManifestDocument): readonly SchemaProblem[] {
  // The schema only constrains objects; a scalar or sequence document (or an empty one) has nothing to check.
  if (doc.root?.kind !== 'map') return [];
  if (validate(toData(doc.root))) return [];
  const { problems, more } = problemsOf(doc.root, validate.errors ?? []);
  if (more > 0) problems.push({ message: `${more} more schema problem${more === 1 ? '' : 's'} in this document ${more === 1 ? 'is' : 'are'} not shown.`, node: doc.root, firstCharacter: true });
  return problems;
}

/**
 * The node as the plain data the schema describes (what `toPlain` gives), with prototype-less objects so a
 * key such as `__proto__` or `constructor` is data like any other. The last of duplicate keys wins.
 */
function toData(node: YNode | undefined): unknown {
  if (node === undefined) return undefined;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toData);
  const out: Record<string, unknown> = Object.create(null);
  for (const p of node.pairs) if (!isCollectionKey(p.key)) out[String(p.key.value)] = toData(p.value);
  return out;
}

/**
 * A sequence or mapping used as a key (the analysis keeps its source text as the key). Only broken YAML
 * makes one in a manifest (a YAML error says so); like yaml-language-server, the schema does not see it.
 * A scalar key cannot start with `[`, `{` or `- ` unless quoted, and a quoted key's source keeps its quotes.
 */
function isCollectionKey(key: YScalar): boolean {
  return key.value === key.source && /^(?:[[{]|-(?:\s|$))/.test(key.source);
}

/** Finds the pair of a key in a map: by scanning a small map, through an index built once for a large one. */
type PairLookup = (map: YMap, key: string) => YPair | undefined;

function pairLookup(): PairLookup {
  const indexes = new Map<YMap, Map<string, YPair>>();
  return (map, key) => {
    if (map.pairs.length <= 16) {
      for (let i = map.pairs.length - 1; i >= 0; i--) {
        const p = map.pairs[i];
        if (String(p.key.value) === key && !isCollectionKey(p.key)) return p;
      }
      return undefined;
    }
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      // Later pairs overwrite earlier ones: the last of duplicate keys wins, as in toData.
      for (const p of map.pairs) if (!isCollectionKey(p.key)) index.set(String(p.key.value), p);
      indexes.set(map, index);
    }
    return index.get(key);
  };
}

/** The node an instance path leads to, with the key it hangs under when its parent is a map. */
function locate(root: YNode, pointer: string, pairOf: PairLookup): { node: YNode; key: YScalar | undefined } | undefined {
  let node: YNode = root;
  let key: YScalar | undefined;
  if (pointer === '') return { node, key };
  for (const raw of pointer.slice(1).split('/')) {
    const step = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node.kind === 'map') {
      const pair = pairOf(node, step);
      if (!pair?.value) return undefined;
      key = pair.key;
      node = pair.value;
    } else if (node.kind === 'seq') {
      const item: YNode | undefined = node.items[Number(step)];
      if (!item) return undefined;
      key = undefined;
      node = item;
    } else return undefined;
  }
  return { node, key };
}

/**
 * ajv's errors → problems worded as yaml-language-server words them, each at the node it is about. Past
 * MAX_SCHEMA_PROBLEMS_PER_DOCUMENT the errors are only counted (`more`), not located.
 */
function problemsOf(root: YMap, errors: readonly AjvError[]): { problems: SchemaProblem[]; more: number } {
  const pairOf = pairLookup();
  const byPath = new Map<string, AjvError[]>();
  for (const e of errors) {
    const same = byPath.get(e.instancePath);
    if (same) same.push(e);
    else byPath.set(e.instancePath, [e]);
  }
  // A oneOf whose branches each fail only on their type is one type problem naming every accepted type
  // (an IntOrString given `true`: `Expected "integer | string"`); ajv reports each branch and the oneOf.
  const merged = new Map<AjvError, string[]>();
  const absorbed = new Set<AjvError>();
  for (const e of errors) {
    if (e.keyword !== 'oneOf' && e.keyword !== 'anyOf') continue;
    // Schema paths are relative to the referenced definition, so the same path recurs elsewhere in the document.
    const branches = byPath.get(e.instancePath)!.filter((b) => b !== e && b.schemaPath.startsWith(`${e.schemaPath}/`));
    if (branches.length > 0 && branches.every((b) => b.keyword === 'type')) {
      merged.set(e, [...new Set(branches.flatMap((b) => typesOf(b)))]);
      for (const b of branches) absorbed.add(b);
    }
  }
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  let more = 0;
  for (const e of errors) {
    if (absorbed.has(e) || (SILENT.has(e.keyword) && !merged.has(e))) continue;
    if (problems.length === MAX_SCHEMA_PROBLEMS_PER_DOCUMENT) {
      more++;
      continue;
    }
    const at = locate(root, e.instancePath, pairOf);
    if (!at) continue;
    const types = merged.get(e);
    const problem = types ? typeProblem(at.node, types) : problemOf(at, e, pairOf);
    const id = `${problem.node.span.start}:${problem.node.span.end}:${problem.firstCharacter ? 1 : 0}:${problem.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push(problem);
  }
  return { problems, more };
}

/**
 * Errors that are not problems of their own: `if` failing only means a kind's schema applied and failed (its
 * errors are reported), and a oneOf or anyOf that was not merged is reported through its branches' errors.
 */
const SILENT = new Set(['if', 'oneOf', 'anyOf']);

function problemOf(at: { node: YNode; key: YScalar | undefined }, e: AjvError, pairOf: PairLookup): SchemaProblem {
  const p = e.params;
  switch (e.keyword) {
    case 'type':
      return typeProblem(at.node, typesOf(e));
    case 'enum':
      return { message: `Value is not accepted. Valid values: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`, node: at.node };
    case 'const':
      return { message: `Value must be ${JSON.stringify(p.allowedValue)}.`, node: at.node };
    case 'minimum':
      return { message: `Value is below the minimum of ${String(p.limit)}.`, node: at.node };
    case 'maximum':
      return { message: `Value is above the maximum of ${String(p.limit)}.`, node: at.node };
    case 'exclusiveMinimum':
      return { message: `Value is below the exclusive minimum of ${String(p.limit)}.`, node: at.node };
    case 'exclusiveMaximum':
      return { message: `Value is above the exclusive maximum of ${String(p.limit)}.`, node: at.node };
    case 'additionalProperties': {
      const name = String(p.additionalProperty);
      const pair = at.node.kind === 'map' ? pairOf(at.node, name) : undefined;
      return { message: `Property ${name} is not allowed.`, node: pair?.key ?? at.node };
    }
    case 'required': {
      const message = `Missing property ${JSON.stringify(String(p.missingProperty))}.`;
      // On the key of the object that misses it; an object with no key (a list item, the document) gets its
      // first character, as yaml-language-server does.
      return at.key ? { message, node: at.key } : { message, node: at.node, firstCharacter: true };
    }
    default:
      // Keywords the generated schema does not use today; the wording stays readable if one is added.
      return { message: `Value does not satisfy the schema's ${e.keyword} constraint ${JSON.stringify(p)}.`, node: at.node };
  }
}

/**
 * `Incorrect type. Expected "integer".` For an object of a named type yaml-language-server said the
 * definition id (`Expected "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector"`); this says "object".
 */
function typeProblem(node: YNode, types: string[]): SchemaProblem {
  return { message: `Incorrect type. Expected "${types.join(' | ')}".`, node };
}

function typesOf(e: AjvError): string[] {
  const t = e.params.type;
  return Array.isArray(t) ? t.map(String) : String(t).split(',');
}
