// Turns one YAML text into documents, a span-carrying tree per document and the Kubernetes resources in it.
// Aliases are resolved per document under a node budget (alias bombs stop with one problem, not a hang);
// YAML errors become `yaml-syntax` findings and the rest of the file is still read. Never throws.
import { Composer, CST, Lexer, Parser, isAlias, isMap, isPair, isScalar, isSeq, visit, YAMLParseError, type Document, type Node as YamlNode } from 'yaml';
import type { Finding, ManifestDocument, ParsedFile, Resource, Span, YNode, YPair, YScalar } from './model';
import { recognizeResources } from './resources';
import { repairQuotedScalarIndentation, toOriginalOffset } from './quotedScalarRepair';
import { hasTemplateAction, maskTemplateActions } from './templateMask';
import { convertJsonText } from './jsonText';
import { keyScalar, scalarNode, SMALL_MAP, StringPool } from './stringPool';
import { convertCstDocument, type CstContext, type CstDocument } from './cstTree';

/** Files larger than this (in UTF-16 code units) are not analysed: one information finding says so. */
export const MAX_FILE_LENGTH = 4 * 1024 * 1024;
/** Nodes one document may expand to once aliases are resolved; beyond it the alias is left unresolved. */
export const MAX_DOCUMENT_NODES = 100_000;
/** Nesting depth beyond which the tree is cut (guards the stack against pathological input). */
export const MAX_DEPTH = 500;
/** Parse problems reported per file; the rest are counted in one last finding. */
export const MAX_PROBLEMS = 50;

/** Flow-collection nesting beyond which a file is not parsed at all. */
export const MAX_FLOW_NESTING = 1000;

const TEMPLATE_SYNTAX = /\{\{[\s\S]*?\}\}/;

/** Parses a manifest file. `defaultNamespace` fills in resources that name none. */
export function parseFile(uri: string, text: string, defaultNamespace = 'default'): ParsedFile {
  return parseWholeFile(uri, text, defaultNamespace).file;
}

/**
 * How a parsed file splits into segments (the text before the first `---` line, then from each `---` line to
 * the next), which documents each segment holds and each document's problems. Present only when re-parsing a
 * single segment is known to give what a whole-file parse gives (see `reparseFile`).
 */
export interface ParseLayout {
  segments: Segment[];
  /** Problems of each document, in the order the whole-file parse reports them. */
  documentProblems: Finding[][];
  /** Per document: merge keys made two maps share pairs (their spans must move once). */
  sharesNodes: boolean[];
}

interface Segment {
  start: number;
  end: number;
  /** How many documents the segment holds, and the index of its first one. */
  documents: number;
  firstDocument: number;
}

export interface ParseResult {
  file: ParsedFile;
  layout: ParseLayout | undefined;
  /** Documents the `yaml` parser read for this result (all of them, or those of the one re-parsed segment). */
  parsedDocuments: number;
}

/** A whole-file parse, plus the layout a later edit may re-parse one segment of. */
export function parseWholeFile(uri: string, text: string, defaultNamespace = 'default', options: { json?: boolean; cst?: boolean } = {}): ParseResult {
  const underChartTemplates = isUnderChartTemplates(uri);
  let isTemplate = TEMPLATE_SYNTAX.test(text.length > MAX_FILE_LENGTH ? text.slice(0, MAX_FILE_LENGTH) : text) || underChartTemplates;
  if (text.length > MAX_FILE_LENGTH) {
    const file: ParsedFile = {
      uri,
      text,
      documents: [],
      resources: [],
      isTemplate,
      problems: [
        {
          ruleId: 'file-too-large',
          severity: 'information',
          message: `This file has ${text.length} characters; StatefulSet Lens analyses files up to ${MAX_FILE_LENGTH} characters, so it is skipped.`,
          uri,
          span: { start: 0, end: 0 },
        },
      ],
    };
    return { file, layout: undefined, parsedDocuments: 0 };
  }

  const problems: Finding[] = [];
  const documents: ManifestDocument[] = [];
  const deepAt = flowNestingBeyond(text, MAX_FLOW_NESTING);
  if (deepAt !== undefined) {
    // The parser recurses per flow level: a megabyte of `[` costs seconds and a gigabyte before it gives up.
    problems.push(
      problem(uri, 'yaml-syntax', 'error', `YAML nesting deeper than ${MAX_FLOW_NESTING} levels of [ ] or { }: StatefulSet Lens does not read this file.`, clampSpan(text, deepAt, deepAt + 1)),
    );
    return { file: { uri, text, documents, resources: [], problems, isTemplate }, layout: undefined, parsedDocuments: 0 };
  }
  const compactAt = compactNestingBeyond(text, MAX_FLOW_NESTING);
  if (compactAt !== undefined) {
    // So does it per `- ` or `? ` of a line: 10,000 of them cost it seconds, then overflow its stack.
    problems.push(
      problem(uri, 'yaml-syntax', 'error', `YAML nesting deeper than ${MAX_FLOW_NESTING} levels of - or ? on one line: StatefulSet Lens does not read this file.`, clampSpan(text, compactAt, compactAt + 1)),
    );
    return { file: { uri, text, documents, resources: [], problems, isTemplate }, layout: undefined, parsedDocuments: 0 };
  }
  // Each document is converted as soon as the parser has composed it, and its `yaml` tree dropped then: the
  // trees of a whole file at once would sit beside the analysis tree (some 90 MB for a 3.4 MB file).
  let converted: Converted;
  let repaired = false;
  try {
    if (isTemplate && !underChartTemplates) {
      // `{{ }}` only inside block scalars and comments of YAML that parses as written is not Helm: it is the
      // content of a ConfigMap (Alertmanager, Prometheus or Consul templates). The structure is fully known.
      const plain = parseDocuments(text);
      if (countErrors(plain) === 0 && actionsOnlyInTextOrComments(text, plain)) isTemplate = false;
    }
    // A Helm template is read with its actions masked at the same length: spans need no mapping.
    const source = (isTemplate && maskTemplateActions(text)) || text;
    const strings = new StringPool();
    const cst = isTemplate || options.cst === false ? undefined : cstContext(text, source, (o) => o, strings);
    converted =
      (!isTemplate && options.json !== false && convertJson(source, uri, text, (o) => o)) ||
      finish(convertSteps(streamDocumentSteps(source, cst), uri, text, (o) => o, isTemplate, text.length, strings));
    if (converted.errors > 0) {
      // Retry the way kubectl reads it: quoted scalars whose lines are not indented past their key.
      const repair = repairQuotedScalarIndentation(source);
      if (repair) {
        const retried = parseDocuments(repair.text);
        if (countErrors(retried) < converted.errors) {
          converted = convertDocuments(retried, uri, text, (o) => toOriginalOffset(repair.insertions, o), isTemplate);
          repaired = true;
        }
      }
    }
  } catch (err) {
    if (err instanceof ConversionError) throw err.original;
    // The parser is robust, but a defect there must not take the analysis down with it.
    problems.push(problem(uri, 'yaml-syntax', 'error', `YAML could not be parsed: ${String((err as Error)?.message ?? err)}`, { start: 0, end: 0 }));
    return { file: { uri, text, documents, resources: [], problems, isTemplate }, layout: undefined, parsedDocuments: 0 };
  }

  return resultOf(uri, text, converted, problems, isTemplate, repaired, defaultNamespace);
}

/**
 * `parseWholeFile`'s result when `text` is plain JSON, which is read without the `yaml` package (a tenth of its
 * time); undefined for any other text.
 */
export function parseJsonFile(uri: string, text: string, defaultNamespace = 'default'): ParseResult | undefined {
  if (text.length > MAX_FILE_LENGTH || TEMPLATE_SYNTAX.test(text) || isUnderChartTemplates(uri)) return undefined;
  if (nestingRefused(text)) return undefined;
  const converted = convertJson(text, uri, text, (o) => o);
  return converted && resultOf(uri, text, converted, [], false, false, defaultNamespace);
}

/** The parse result of converted documents: their problems after the file's own, resources, and the layout. */
function resultOf(uri: string, text: string, converted: Converted, problems: Finding[], isTemplate: boolean, repaired: boolean, defaultNamespace: string): ParseResult {
  const { documents, documentProblems, sharesNodes } = converted;
  for (const own of documentProblems) problems.push(...own);
  capProblems(uri, problems);

  const resources: Resource[] = recognizeResources(uri, documents, defaultNamespace);
  const file: ParsedFile = { uri, text, documents, resources, problems, isTemplate };
  // No `{{ }}` at all (not even in block scalars, where an edit of indentation could let one out), no directive.
  const clean = !repaired && converted.errors === 0 && problems.length <= MAX_PROBLEMS && !TEMPLATE_SYNTAX.test(text) && !DIRECTIVE.test(text);
  return { file, layout: clean ? layoutOf(text, documents, documentProblems, sharesNodes) : undefined, parsedDocuments: documents.length };
}

interface Converted {
  documents: ManifestDocument[];
  documentProblems: Finding[][];
  sharesNodes: boolean[];
  /** YAML errors of the parse (before capping), which decide on the quoted-scalar repair. */
  errors: number;
}

/** Wraps an exception of the conversion, so that it is not mistaken for one of the parser. */
class ConversionError extends Error {
  constructor(readonly original: unknown) {
    super('conversion failed');
  }
}

/** The one document of a `source` that is plain JSON, read without the `yaml` package (see jsonText.ts); else undefined. */
function convertJson(source: string, uri: string, text: string, mapOffset: (offset: number) => number): Converted | undefined {
  const json = convertJsonText(source, { maxNodes: MAX_DOCUMENT_NODES, maxDepth: MAX_DEPTH }, new StringPool());
  if (!json) return undefined;
  const mapSpan = (s: Span) => clampSpan(text, mapOffset(s.start), mapOffset(s.end));
  const moved = (node: YNode): YNode => {
    node.span = mapSpan(node.span);
    if (node.kind === 'map') for (const p of node.pairs) ((p.key.span = mapSpan(p.key.span)), p.value && moved(p.value));
    else if (node.kind === 'seq') for (const item of node.items) moved(item);
    return node;
  };
  const root = mapOffset(0) === 0 ? json.root : moved(json.root);
  const problems = json.limit ? [limitProblem(uri, json.limit.why, mapSpan(json.limit.span), false)] : [];
  const document: ManifestDocument = { index: 0, span: mapSpan(json.span), root };
  return { documents: [document], documentProblems: [problems], sharesNodes: [false], errors: 0 };
}

/** Converts parsed documents one by one, as `docs` yields them (each `yaml` document can go once converted). */
function convertDocuments(
  docs: Iterable<Document.Parsed>,
  uri: string,
  text: string,
  mapOffset: (offset: number) => number,
  isTemplate: boolean,
  sourceLength = text.length,
): Converted {
  return finish(convertSteps(docs, uri, text, mapOffset, isTemplate, sourceLength));
}

/** `convertDocuments` one document a step. */
function* convertSteps(
  docs: Iterable<Document.Parsed | CstDocument | undefined>,
  uri: string,
  text: string,
  mapOffset: (offset: number) => number,
  isTemplate: boolean,
  sourceLength: number,
  strings = new StringPool(),
): Generator<void, Converted, void> {
  const out: Converted = { documents: [], documentProblems: [], sharesNodes: [], errors: 0 };
  for (const doc of docs) {
    if (!doc) {
      yield;
      continue;
    }
    if ('span' in doc) {
      // Built from its CST: no problem, no merge key.
      out.documents.push({ index: out.documents.length, span: doc.span, root: doc.root });
      out.documentProblems.push([]);
      out.sharesNodes.push(false);
      yield;
      continue;
    }
    out.errors += doc.errors.length;
    try {
      const { document, problems, shares } = convertDocument(doc, out.documents.length, uri, text, mapOffset, isTemplate, sourceLength, strings);
      out.documents.push(document);
      out.documentProblems.push(problems);
      out.sharesNodes.push(shares);
    } catch (err) {
      throw new ConversionError(err);
    }
    yield;
  }
  return out;
}

/** Runs steps to their end. */
function finish<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Re-parses only the segment of `previous` that an edit to `text` touches, when that gives exactly what a
 * whole-file parse would: the old and new text hold no YAML error, no template syntax, no directive; the edit
 * stays inside one segment and leaves every `---` line where it was; the segment still holds as many documents.
 * Documents of other segments are kept as the same objects, their spans shifted in place. Undefined when
 * any of that does not hold: the caller parses the whole file then.
 */
export function reparseFile(previous: ParsedFile, layout: ParseLayout, text: string, defaultNamespace = 'default'): ParseResult | undefined {
  const old = previous.text;
  const { uri } = previous;
  if (text.length > MAX_FILE_LENGTH || isUnderChartTemplates(uri)) return undefined;
  // The changed region: old [from, oldTo) became new [from, newTo).
  const from = commonPrefix(old, text);
  const tail = commonSuffix(old, text, Math.min(old.length, text.length) - from);
  const oldTo = old.length - tail;
  const newTo = text.length - tail;
  // The old text had no template action, directive or deep flow nesting; only the changed region can add one.
  const around = text.slice(Math.max(0, from - 1), newTo + 1);
  if (/[{}]/.test(around) && TEMPLATE_SYNTAX.test(text)) return undefined;
  if (around.includes('%') && DIRECTIVE.test(text)) return undefined;
  if (/[[{]/.test(around) || /[\]}]/.test(old.slice(from, oldTo))) {
    if (flowNestingBeyond(text, MAX_FLOW_NESTING) !== undefined) return undefined;
  }
  // Nor `- - -` / `? ? ?` runs, which are per line: only the changed lines can hold a new one.
  const lineFrom = Math.max(text.lastIndexOf('\n', from - 1), text.lastIndexOf('\r', from - 1)) + 1;
  const nextBreak = text.slice(newTo).search(/[\r\n]/);
  const changedLines = text.slice(lineFrom, nextBreak < 0 ? text.length : newTo + nextBreak);
  if (/[-?:]/.test(changedLines) && compactNestingBeyond(changedLines, MAX_FLOW_NESTING) !== undefined) return undefined;
  // A lone \r ends a line for the parser (parseDocuments) but not for the layout's `---` lines: parse it whole.
  if (text.includes('\r') && /\r(?!\n)/.test(text)) return undefined;
  const delta = text.length - old.length;
  const { segments } = layout;
  let k = segments.length - 1;
  while (k > 0 && segments[k].start > from) k--;
  // An insertion right before a `---` line belongs to the segment that ends there.
  if (k > 0 && from === segments[k].start && oldTo === from) k--;
  const seg = segments[k];
  if (from < seg.start || oldTo > seg.end) return undefined;
  const start = seg.start;
  const end = seg.end + delta;
  const segmentText = text.slice(start, end);
  // Every `---` line stays: the segment keeps its own (if it had one) and gains none, and the next one still starts a line.
  const markers = markerOffsets(segmentText);
  const hadMarker = markerOffsets(old.slice(seg.start, Math.min(seg.end, seg.start + 4))).length > 0;
  if (markers.length !== (hadMarker ? 1 : 0) || (hadMarker && markers[0] !== 0)) return undefined;
  if (k + 1 < segments.length) {
    const next = markerOffsets(text.slice(end - 1, end + 4));
    if (next.length !== 1 || next[0] !== 1) return undefined;
  }

  const part = parsePart(uri, text, start, end);
  if (part.documents.length !== seg.documents || part.errors > 0) return undefined;

  const first = seg.firstDocument;
  const { documents: replaced, documentProblems: replacedProblems, sharesNodes: replacedSharing } = part;
  for (const d of replaced) d.index += first;
  const after = first + seg.documents;
  const count = (lists: Finding[][]) => lists.reduce((n, l) => n + l.length, 0);
  if (count(layout.documentProblems) - count(layout.documentProblems.slice(first, after)) + count(replacedProblems) > MAX_PROBLEMS) return undefined;
  // Nothing can fail from here on: the old file's documents are about to move.
  if (delta !== 0) {
    for (let i = after; i < previous.documents.length; i++) shiftDocument(previous.documents[i], delta, layout.sharesNodes[i] ? new Set() : undefined);
  }
  const shiftFinding = (f: Finding): Finding => (delta === 0 ? f : { ...f, span: { start: f.span.start + delta, end: f.span.end + delta } });
  const documentProblems = [
    ...layout.documentProblems.slice(0, first),
    ...replacedProblems,
    ...layout.documentProblems.slice(after).map((list) => list.map(shiftFinding)),
  ];
  const problems = documentProblems.flat();
  const documents = [...previous.documents.slice(0, first), ...replaced, ...previous.documents.slice(after)];
  const resources = [
    ...previous.resources.filter((r) => r.documentIndex < first),
    ...recognizeResources(uri, replaced, defaultNamespace),
    ...previous.resources.filter((r) => r.documentIndex >= after),
  ];
  const newSegments = segments.map((s, i) => (i < k ? s : i === k ? { ...s, end } : { ...s, start: s.start + delta, end: s.end + delta }));
  const sharesNodes = [...layout.sharesNodes.slice(0, first), ...replacedSharing, ...layout.sharesNodes.slice(after)];
  return {
    file: { uri, text, documents, resources, problems, isTemplate: false },
    layout: { segments: newSegments, documentProblems, sharesNodes },
    parsedDocuments: replaced.length,
  };
}

/**
 * The offsets where a text can be cut into parts that parse alone exactly as they parse in the whole text:
 * `---` lines about `partLength` apart (the first part starts at 0, the last ends at the text's end). Undefined
 * when the text does not allow it: template syntax, a chart template, a directive, a lone `\r`, nesting the
 * whole-file parse refuses, a text over the size limit, a text shorter than two parts, or one that would not be
 * cut and is over MAX_UNCUT_PART (a text under it is one part: `[0, text.length]`). A cut text
 * is still only as good as its parts: `assembleParts` takes them only when none holds a YAML error.
 */
export function partsOf(uri: string, text: string, partLength: number): number[] | undefined {
  if (text.length > MAX_FILE_LENGTH || text.length < 2 * partLength || isUnderChartTemplates(uri)) return undefined;
  // Each regular expression only when its first character is there at all (a native search; a first run of an
  // expression over a megabyte is interpreted).
  if ((text.includes('{{') && TEMPLATE_SYNTAX.test(text)) || (text.includes('%') && DIRECTIVE.test(text)) || (text.includes('\r') && /\r(?!\n)/.test(text))) return undefined;
  if (nestingRefused(text)) return undefined;
  const cuts = [0];
  const re = new RegExp(MARKER_LINE);
  for (let from = partLength; from < text.length - partLength / 2; ) {
    re.lastIndex = from;
    const m = re.exec(text);
    if (!m) break;
    const at = m.index + m[1].length;
    if (text.length - at < partLength / 2) break;
    cuts.push(at);
    from = at + partLength;
  }
  // A text with no cut is one part when its document's composition (the one piece of a part that cannot pause)
  // stays short; a larger one is left to the caller (the server's parse worker).
  return cuts.length > 1 || text.length <= MAX_UNCUT_PART ? [...cuts, text.length] : undefined;
}

/** The longest text `partsOf` gives as one part: its last document is composed in some 0.3 s. */
export const MAX_UNCUT_PART = 1536 * 1024;

/** The documents of one part of a text (`text.slice(start, end)`), numbered from 0, with spans into the whole text. */
export interface ParsedPart {
  documents: ManifestDocument[];
  documentProblems: Finding[][];
  sharesNodes: boolean[];
  /** YAML errors in the part (an assembled parse takes only parts without). */
  errors: number;
}

/** Parses `text.slice(start, end)` (one part of `partsOf`) as the whole-file parse reads it. Never throws. */
export function parsePart(uri: string, text: string, start: number, end: number): ParsedPart {
  return finish(parsePartSteps(uri, text, start, end));
}

/** `parsePart` one YAML document a step, for a caller that must not hold its thread for long. */
export function* parsePartSteps(uri: string, text: string, start: number, end: number): Generator<void, ParsedPart, void> {
  try {
    const source = text.slice(start, end);
    const json = convertJson(source, uri, text, (o) => o + start);
    if (json) return json;
    const strings = new StringPool();
    const cst = cstContext(text, source, (o) => o + start, strings);
    return yield* convertSteps(streamDocumentSteps(source, cst), uri, text, (o) => o + start, false, end - start, strings);
  } catch {
    // The whole-file parse reports it.
    return { documents: [], documentProblems: [], sharesNodes: [], errors: 1 };
  }
}

/**
 * The whole-file parse of `text` from the parts `parsePart` made of the cuts `partsOf` gave, in order: exactly what
 * `parseWholeFile` gives. Undefined when a part holds a YAML error (the whole-file parse decides then).
 */
export function assembleParts(uri: string, text: string, parts: ParsedPart[], defaultNamespace = 'default'): ParseResult | undefined {
  if (parts.some((p) => p.errors > 0)) return undefined;
  const documents: ManifestDocument[] = [];
  const documentProblems: Finding[][] = [];
  const sharesNodes: boolean[] = [];
  for (const part of parts) {
    for (let i = 0; i < part.documents.length; i++) {
      part.documents[i].index = documents.length;
      documents.push(part.documents[i]);
      documentProblems.push(part.documentProblems[i]);
      sharesNodes.push(part.sharesNodes[i]);
    }
  }
  const problems = documentProblems.flat();
  capProblems(uri, problems);
  const resources = recognizeResources(uri, documents, defaultNamespace);
  const file: ParsedFile = { uri, text, documents, resources, problems, isTemplate: false };
  const layout = problems.length <= MAX_PROBLEMS ? layoutOf(text, documents, documentProblems, sharesNodes) : undefined;
  return { file, layout, parsedDocuments: documents.length };
}

/** Length of the common start of two texts (compared a block at a time, then by character). */
function commonPrefix(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let i = 0;
  for (const block of [65536, 1024, 1]) {
    while (i + block <= limit && a.slice(i, i + block) === b.slice(i, i + block)) i += block;
  }
  return i;
}

/** Length of the common end of two texts, at most `limit`. */
function commonSuffix(a: string, b: string, limit: number): number {
  let n = 0;
  for (const block of [65536, 1024, 1]) {
    while (n + block <= limit && a.slice(a.length - n - block, a.length - n) === b.slice(b.length - n - block, b.length - n)) n += block;
  }
  return n;
}

/** A `%YAML` or `%TAG` directive applies to the document after it, across a `---` line: such files are parsed whole. */
const DIRECTIVE = /(^|[\r\n])%/;

/** A `---` line (a document start marker); the marker itself starts after group 1. */
const MARKER_LINE = /(^|[\r\n])---(?=[ \t\r\n]|$)/g;

/** Offsets of the `---` lines (document start markers) of a text. */
function markerOffsets(text: string): number[] {
  const out: number[] = [];
  const re = new RegExp(MARKER_LINE);
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index + m[1].length);
  return out;
}

/** The segments of a whole-file parse; undefined when a document crosses a `---` line (then no segment is re-parsed alone). */
function layoutOf(text: string, documents: ManifestDocument[], documentProblems: Finding[][], sharesNodes: boolean[]): ParseLayout | undefined {
  const starts = markerOffsets(text).filter((o) => o > 0);
  const bounds = [0, ...starts, text.length];
  const segments: Segment[] = [];
  let d = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const s: Segment = { start: bounds[i], end: bounds[i + 1], documents: 0, firstDocument: d };
    while (d < documents.length && documents[d].span.start >= s.start && (documents[d].span.start < s.end || (i + 2 === bounds.length && documents[d].span.start === s.end))) {
      if (documents[d].span.end > s.end) return undefined;
      s.documents++;
      d++;
    }
    segments.push(s);
  }
  return d === documents.length ? { segments, documentProblems, sharesNodes } : undefined;
}

/** Moves every span of an unchanged document by `delta` (`shifted` tracks nodes that merge keys share, to move them once). */
function shiftDocument(doc: ManifestDocument, delta: number, shifted: Set<Span> | undefined): void {
  const move = (span: Span) => {
    if (shifted) {
      if (shifted.has(span)) return;
      shifted.add(span);
    }
    span.start += delta;
    span.end += delta;
  };
  const walk = (node: YNode | undefined): void => {
    if (!node) return;
    move(node.span);
    if (node.kind === 'map') {
      for (const p of node.pairs) {
        move(p.key.span);
        walk(p.value);
      }
    } else if (node.kind === 'seq') for (const item of node.items) walk(item);
  };
  move(doc.span);
  walk(doc.root);
}

/** One `yaml` document as the analysis reads it: its tree, span and problems (errors, warnings, the alias limit). */
function convertDocument(
  doc: Document.Parsed,
  index: number,
  uri: string,
  text: string,
  mapOffset: (offset: number) => number,
  isTemplate: boolean,
  sourceLength: number,
  strings: StringPool,
): { document: ManifestDocument; problems: Finding[]; shares: boolean } {
  const problems: Finding[] = [];
  for (const e of doc.errors) {
    problems.push(problem(uri, 'yaml-syntax', 'error', `YAML syntax error: ${cleanMessage(e.message)}`, clampSpan(text, mapOffset(e.pos[0]), mapOffset(e.pos[1]))));
  }
  for (const w of doc.warnings) {
    problems.push(problem(uri, 'yaml-syntax', 'warning', `YAML: ${cleanMessage(w.message)}`, clampSpan(text, mapOffset(w.pos[0]), mapOffset(w.pos[1]))));
  }
  const converter = new TreeConverter(doc, uri, text, mapOffset, isTemplate, strings);
  const root = doc.contents ? converter.convert(doc.contents as YamlNode, 0) : undefined;
  if (converter.limitProblem) problems.push(converter.limitProblem);
  const range = doc.range ?? [0, sourceLength, sourceLength];
  return { document: { index, span: clampSpan(text, mapOffset(range[0]), mapOffset(range[2])), root }, problems, shares: converter.merged };
}

function capProblems(uri: string, problems: Finding[]): void {
  if (problems.length > MAX_PROBLEMS) {
    // Binary junk can yield thousands of errors; the first ones locate the trouble, a count tells the rest.
    const hidden = problems.length - (MAX_PROBLEMS - 1);
    problems.length = MAX_PROBLEMS - 1;
    problems.push(problem(uri, 'yaml-syntax', 'error', `${hidden} more YAML problems in this file are not shown.`, { start: 0, end: 0 }));
  }
}

/** Whether the whole-file parse refuses the text for its nesting (it then reports where, and reads nothing). */
function nestingRefused(text: string): boolean {
  return flowNestingBeyond(text, MAX_FLOW_NESTING) !== undefined || compactNestingBeyond(text, MAX_FLOW_NESTING) !== undefined;
}

/** Offset of the first `[` or `{` nested deeper than `limit` (a cheap over-estimate: quotes are not tracked). */
function flowNestingBeyond(text: string, limit: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limit) return i;
    } else if ((c === 93 /* ] */ || c === 125) /* } */ && depth > 0) depth--;
  }
  return undefined;
}

/** Offset of the first block indicator (`- `, `? `, `: `) nested deeper than `limit` on one line (`- - - x`). */
function compactNestingBeyond(text: string, limit: number): number | undefined {
  const run = new RegExp(`(?:^|[\\r\\n])[ \\t]*(?:[-?:][ \\t]+){${limit + 1}}`, 'g');
  const m = run.exec(text);
  return m ? m.index + m[0].length - 2 : undefined;
}

/**
 * True when every `{{ … }}` of the text lies inside a block scalar (`|`, `>`) or a comment of the parsed
 * documents, so that no action can change the YAML structure or a value outside such text.
 */
function actionsOnlyInTextOrComments(text: string, docs: Document.Parsed[]): boolean {
  const blocks: [number, number][] = [];
  for (const doc of docs) {
    visit(doc, {
      Scalar(_key, node) {
        if ((node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') && node.range) blocks.push([node.range[0], node.range[1]]);
      },
    });
  }
  blocks.sort((a, b) => a[0] - b[0]);
  let b = 0;
  const actions = new RegExp(TEMPLATE_SYNTAX.source, 'g');
  for (const m of text.matchAll(actions)) {
    const at = m.index;
    while (b < blocks.length && blocks[b][1] <= at) b++;
    if (b < blocks.length && blocks[b][0] <= at && at + m[0].length <= blocks[b][1]) continue;
    // A comment: a `#` at the line start or after a blank, before the action on its line (outside block scalars).
    const lineStart = Math.max(text.lastIndexOf('\n', at), text.lastIndexOf('\r', at)) + 1;
    if (!/[\r\n]/.test(m[0]) && /(^|[ \t])#/.test(text.slice(lineStart, at))) continue;
    return false;
  }
  return true;
}

function parseDocuments(text: string): Document.Parsed[] {
  return [...streamDocuments(text)];
}

/** The documents of a text, each yielded once the parser has composed it (the same ones parseAllDocuments gives). */
function* streamDocuments(text: string): Generator<Document.Parsed> {
  for (const doc of streamDocumentSteps(text)) if (doc && !('span' in doc)) yield doc;
}

/** Lexemes the parser reads between two steps of `streamDocumentSteps` (some milliseconds). */
const LEXEMES_PER_STEP = 4096;

/**
 * `streamDocuments`, with an `undefined` step every LEXEMES_PER_STEP lexemes while a document is read, so that a
 * caller can pause inside a large document too (only its composition, once read, is one piece). With `cst`, a
 * document that cstTree.ts can build from the parser's CST comes as that tree instead of a composed document.
 */
function* streamDocumentSteps(text: string, cst?: CstContext): Generator<Document.Parsed | CstDocument | undefined> {
  // A lone \r ends a line for YAML (and go-yaml, so kubectl), not for the `yaml` package: it becomes \n, at the
  // same length so no offset moves.
  if (text.includes('\r')) text = text.replace(/\r(?!\n)/g, '\n');
  const options = { prettyErrors: false, uniqueKeys: false, strict: false, stringKeys: false };
  // What parseAllDocuments does (without its pretty errors, which are off), one lexeme at a time: the parser's
  // own `parse` is this loop over its lexer, and the composer's `compose` this loop over the parser's tokens.
  const composer = new Composer(options);
  const parser = new Parser();
  // A document built from its CST is final only once the next document starts (or the text ends): a `...` line
  // or a parser error after it belongs to it, and then the composer reads it after all, from its token.
  let pending: { token: CST.Document; built: CstDocument } | undefined;
  // What a token completes, in order (one array for the whole text: a generator per token cost 0.3 s on 100,000 `---`).
  const ready: (Document.Parsed | CstDocument)[] = [];
  const compose = (docs: Iterable<unknown>) => {
    for (const doc of docs) {
      addDuplicateKeyErrors(doc as Document.Parsed);
      ready.push(doc as Document.Parsed);
    }
  };
  const take = (token: CST.Token): void => {
    if (token.type === 'document') {
      if (pending) {
        ready.push(pending.built);
        pending = undefined;
      }
      // Only when the composer holds no error meant for this document (from a stray token before it).
      const built = cst ? convertCstDocument(token, cst) : undefined;
      const held = built && composer.streamInfo();
      if (held && held.errors.length === 0 && held.warnings.length === 0) {
        // The composer's own last document comes first, as it would have.
        compose(composer.end(false, -1));
        pending = { token, built };
        return;
      }
    } else if (pending && token.type !== 'comment' && token.type !== 'newline' && token.type !== 'space' && token.type !== 'byte-order-mark') {
      compose(composer.next(pending.token));
      pending = undefined;
    }
    compose(composer.next(token));
  };
  let lexemes = 0;
  for (const lexeme of new Lexer().lex(text, false)) {
    for (const token of parser.next(lexeme)) take(token);
    if (ready.length > 0) {
      yield* ready;
      ready.length = 0;
    }
    if (++lexemes % LEXEMES_PER_STEP === 0) yield undefined;
  }
  for (const token of parser.end()) take(token);
  if (pending) ready.push(pending.built);
  compose(composer.end(false, -1));
  yield* ready;
}

/** The CST context of a text whose documents may be built from their CST (not one with directives). */
function cstContext(text: string, source: string, mapOffset: (offset: number) => number, strings: StringPool): CstContext | undefined {
  if (source.includes('%') && DIRECTIVE.test(source)) return undefined;
  return { text, strings, maxNodes: MAX_DOCUMENT_NODES, maxDepth: MAX_DEPTH, span: (start, end) => clampSpan(text, mapOffset(start), mapOffset(end)), plainValues: new Map(), keyValues: new Map() };
}

/**
 * The parser's own duplicate-key check (`uniqueKeys: true`) compares each key with every earlier one of its
 * map: a 20,000-key ConfigMap cost seconds per parse. This reports the same errors (same equality, same
 * position and message, in the order of a depth-first walk that checks a map before what it holds) with a
 * set per large map and a direct comparison in small ones.
 */
function addDuplicateKeyErrors(doc: Document.Parsed): void {
  const walk = (node: unknown): void => {
    if (isMap(node)) {
      checkKeys(doc, node.items);
      for (const pair of node.items) {
        walk(pair.key);
        walk(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item);
    } else if (isPair(node)) {
      walk(node.key);
      walk(node.value);
    }
  };
  walk(doc.contents);
}

/** Duplicate: a scalar key whose value (other than NaN) an earlier scalar key has, or a key node seen before. */
function checkKeys(doc: Document.Parsed, items: readonly { key: unknown }[]): void {
  const duplicate = (at: unknown) => {
    const offset = (at as YamlNode).range?.[0] ?? 0;
    doc.errors.push(new YAMLParseError([offset, offset + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
  };
  const comparable = (key: unknown): key is { value: unknown } => isScalar(key) && !(typeof key.value === 'number' && Number.isNaN(key.value));
  if (items.length <= SMALL_MAP) {
    for (let i = 1; i < items.length; i++) {
      const key = items[i].key;
      if (key === null || key === undefined) continue;
      const byValue = comparable(key);
      for (let j = 0; j < i; j++) {
        const earlier = items[j].key;
        if (earlier === key || (byValue && comparable(earlier) && earlier.value === key.value)) {
          duplicate(key);
          break;
        }
      }
    }
    return;
  }
  const values = new Set<unknown>();
  const nodes = new Set<unknown>();
  for (const { key } of items) {
    if (key === null || key === undefined) continue;
    let seen: boolean;
    if (comparable(key)) {
      seen = values.has(key.value) || nodes.has(key);
      values.add(key.value);
    } else seen = nodes.has(key);
    nodes.add(key);
    if (seen) duplicate(key);
  }
}

function countErrors(docs: Document.Parsed[]): number {
  return docs.reduce((n, d) => n + d.errors.length, 0);
}

function isUnderChartTemplates(uri: string): boolean {
  return /(^|[\\/])templates[\\/][^\\/]+\.(ya?ml|tpl)$/i.test(uri);
}

function problem(uri: string, ruleId: string, severity: Finding['severity'], message: string, span: Span): Finding {
  return { ruleId, severity, message, uri, span };
}

/** yaml's messages sometimes carry a trailing source excerpt or "at line N" suffix; keep the sentence. */
function cleanMessage(message: string): string {
  const firstLine = message.split('\n')[0].trim();
  return firstLine.replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
}

function clampSpan(text: string, start: number | undefined, end: number | undefined): Span {
  const s = Math.min(Math.max(0, start ?? 0), text.length);
  const e = Math.min(Math.max(s, end ?? s), text.length);
  return { start: s, end: e };
}

/** Converts one document's `yaml` nodes into the analysis tree, resolving aliases under a budget. */
class TreeConverter {
  private nodes = 0;
  /** Anchored nodes currently being expanded (guards against an alias inside its own anchor). */
  private readonly expanding = new Set<YamlNode>();
  limitProblem: Finding | undefined;
  /** A merge key was applied: the merged pairs are the anchor's own objects, shared by two maps. */
  merged = false;
  /** Aliases expanded so far (a limit reached without any is the document's own size, not an alias bomb). */
  private aliasesResolved = 0;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly uri: string,
    private readonly text: string,
    /** Maps offsets of the parsed text to the user's text (they differ after a quoted-scalar repair). */
    private readonly mapOffset: (offset: number) => number,
    /** In a Helm template a scalar whose source holds an action reads as that source; elsewhere as its value. */
    private readonly isTemplate: boolean,
    private readonly strings: StringPool,
  ) {}

  convert(node: YamlNode | null | undefined, depth: number, spanOverride?: Span): YNode | undefined {
    if (node === null || node === undefined) return undefined;
    if (++this.nodes > MAX_DOCUMENT_NODES || depth > MAX_DEPTH) {
      this.reportLimit(node, depth > MAX_DEPTH);
      return undefined;
    }
    const span = spanOverride ?? this.spanOf(node);
    if (isAlias(node)) {
      let target: YamlNode | undefined;
      try {
        target = node.resolve(this.doc) as YamlNode | undefined;
      } catch {
        target = undefined;
      }
      if (!target || this.expanding.has(target)) return { kind: 'scalar', value: null, source: `*${node.source}`, span };
      this.aliasesResolved++;
      this.expanding.add(target);
      try {
        return this.convert(target, depth + 1, span);
      } finally {
        this.expanding.delete(target);
      }
    }
    if (isScalar(node)) return this.scalar(node.value, span);
    if (isSeq(node)) {
      // Arrays of the exact size: grown by push, each would hold room for 16 or more (a tenth of the tree).
      const items: YNode[] = new Array(node.items.length);
      let n = 0;
      for (const item of node.items) {
        if (this.limitProblem) break;
        const converted = this.convert(item as YamlNode, depth + 1);
        if (converted) items[n++] = converted;
      }
      items.length = n;
      return { kind: 'seq', items, span };
    }
    if (isMap(node)) {
      const pairs: YPair[] = new Array(node.items.length);
      let n = 0;
      const merges: YNode[] = [];
      for (const pair of node.items) {
        if (this.limitProblem) break;
        if (!isPair(pair)) continue;
        const key = this.key(pair.key as YamlNode | null, pair.value as YamlNode | null);
        if (!key) continue;
        const value = pair.value === null ? undefined : this.convert(pair.value as YamlNode, depth + 1);
        if (key.value === '<<' && key.source === '<<') {
          if (value) merges.push(value);
          continue;
        }
        pairs[n++] = { key, value: value ?? { kind: 'scalar', value: null, source: '', span: { start: key.span.end, end: key.span.end } } };
      }
      pairs.length = n;
      if (merges.length > 0) this.merged = true;
      return { kind: 'map', pairs: mergeKeys(pairs, merges), span };
    }
    return undefined;
  }

  private key(key: YamlNode | null, value: YamlNode | null): YScalar | undefined {
    if (key === null || key === undefined) {
      const at = value ? this.spanOf(value).start : 0;
      return { kind: 'scalar', value: '', source: '', span: { start: at, end: at } };
    }
    let k: YamlNode | undefined = key;
    if (isAlias(key)) {
      try {
        k = key.resolve(this.doc) as YamlNode | undefined;
      } catch {
        k = undefined;
      }
    }
    const span = this.spanOf(key);
    if (k && isScalar(k)) {
      const raw = this.text.slice(span.start, span.end);
      if (this.isTemplate && hasTemplateAction(raw)) return { kind: 'scalar', value: raw, source: raw, span };
      return keyScalar(k.value, span, raw, this.strings);
    }
    // Complex keys (maps or sequences as keys) have no meaning in a Kubernetes object: keep their text.
    return { kind: 'scalar', value: this.text.slice(span.start, span.end), source: this.text.slice(span.start, span.end), span };
  }

  private scalar(value: unknown, span: Span): YScalar {
    if (this.isTemplate) {
      // A masked template action reads as its own text (`{{ .Values.name }}`), never as the placeholder.
      const raw = this.text.slice(span.start, span.end);
      if (hasTemplateAction(raw)) return { kind: 'scalar', value: raw, source: raw, span };
    }
    return scalarNode(value, span, this.text, this.strings);
  }

  private spanOf(node: YamlNode): Span {
    const r = node.range;
    return r ? clampSpan(this.text, this.mapOffset(r[0]), this.mapOffset(r[1])) : { start: 0, end: 0 };
  }

  private reportLimit(node: YamlNode, depth: boolean): void {
    if (this.limitProblem) return;
    this.limitProblem = limitProblem(this.uri, depth ? 'depth' : 'nodes', this.spanOf(node), this.aliasesResolved > 0);
  }
}

/** The one `yaml-alias-limit` warning of a document cut at a limit; `aliases` when aliases were resolved before. */
function limitProblem(uri: string, cut: 'depth' | 'nodes', span: Span, aliases: boolean): Finding {
  const why = cut === 'depth' ? 'is nested too deeply' : aliases ? `expands to more than ${MAX_DOCUMENT_NODES} nodes` : `has more than ${MAX_DOCUMENT_NODES} nodes`;
  const advice = aliases ? ' once its aliases are resolved; StatefulSet Lens reads it only up to this point. Check for anchors that reference each other many times over.' : '; StatefulSet Lens reads it only up to this point.';
  return { ruleId: 'yaml-alias-limit', severity: 'warning', message: `This document ${why}${advice}`, uri, span };
}

/** Applies YAML merge keys (`<<: *base`): merged pairs come first and explicit keys win. */
function mergeKeys(pairs: YPair[], merges: YNode[]): YPair[] {
  if (merges.length === 0) return pairs;
  // One set of taken keys: comparing each merged key with every earlier one was quadratic in the anchor's size.
  const taken = new Set(pairs.map((p) => p.key.value));
  const merged: YPair[] = [];
  const sources = merges.flatMap((m) => (m.kind === 'seq' ? m.items : [m]));
  for (const src of sources) {
    if (src.kind !== 'map') continue;
    for (const p of src.pairs) {
      if (taken.has(p.key.value)) continue;
      taken.add(p.key.value);
      merged.push(p);
    }
  }
  return [...merged, ...pairs];
}

