// Builds the analysis tree of a plain YAML document straight from the `yaml` parser's CST, without composing a
// `yaml` Document first. Composing is some 40% of a `yaml` parse of a manifest file, and its nodes are garbage as
// soon as the tree is built. The CST is the same parse; scalars are resolved by the `yaml` package's own
// functions (`CST.resolveAsScalar`, the core schema's tags), so every value is the one the composer gives.
//
// Only documents whose every token is of a shape the composer reads without any error or warning are built
// here: block maps and sequences, plain, quoted and block scalars, flow collections of such scalars, empty
// documents; spaces without tabs, line breaks and comments between them (none inside a flow collection). An
// anchor, alias, tag, explicit key, merge key, multi-line key, duplicate key, empty value, tab, a node or depth
// limit, or anything a resolver objects to, and the document is not built here: `undefined` tells the caller
// to let the composer read it. Each condition below is one the composer would otherwise report (resolve-props,
// resolve-block-map, resolve-block-seq, resolve-flow-collection, compose-doc in the `yaml` package), so the two
// agree node for node, span for span; test/unit/cstTree.test.ts holds them to it.
import { CST, Document } from 'yaml';
import type { Span, YMap, YNode, YPair, YScalar, YSeq } from './model';
import { keyScalar, scalarNode, SMALL_MAP, type StringPool } from './stringPool';

/** What the caller gives: the user's text (values' raw source comes from it) and how to make a span there. */
export interface CstContext {
  text: string;
  /** A span of the user's text from offsets of the parsed source (`clampSpan(mapOffset(start), mapOffset(end))`). */
  span(start: number, end: number): Span;
  strings: StringPool;
  maxNodes: number;
  maxDepth: number;
  /** What plain scalars of up to 48 characters resolve to, as values and as keys (filled here, per file). */
  plainValues: Map<string, unknown>;
  keyValues: Map<string, unknown>;
}

/** A document built from its CST: its tree, and its span (the composed document's `range[0]` to `range[2]`). */
export interface CstDocument {
  root: YNode;
  span: Span;
}

/** Thrown (and caught in `convertCstDocument`) when the document is not one this module builds. */
class NotPlain {}
const NOT_PLAIN = new NotPlain();

function refuse(): never {
  throw NOT_PLAIN;
}

/** The tags the composer tries on a plain scalar, and the options it resolves them with (the core schema). */
let schema: { tags: { default?: boolean | 'key'; test?: RegExp; resolve: (value: string, onError: (message: string) => void, options: unknown) => unknown; collection?: unknown }[]; options: unknown } | undefined;

function coreSchema(): NonNullable<typeof schema> {
  if (!schema) {
    const doc = new Document(undefined, { prettyErrors: false, uniqueKeys: false, strict: false, stringKeys: false });
    schema = { tags: doc.schema.tags as unknown as NonNullable<typeof schema>['tags'], options: doc.options };
  }
  return schema;
}

/** The `yaml` node value of a resolved result (a float tag gives a Scalar for its format). */
function plainResult(res: unknown): unknown {
  return typeof res === 'object' && res !== null && 'value' in res ? (res as { value: unknown }).value : res;
}

/**
 * The analysis tree of one CST `document` token, or undefined when the composer must read it (see above).
 * Never throws.
 */
export function convertCstDocument(token: CST.Document, ctx: CstContext): CstDocument | undefined {
  try {
    return new Builder(ctx).document(token);
  } catch (err) {
    if (err === NOT_PLAIN) return undefined;
    throw err;
  }
}

/** A null remembered (a Map's `get` gives undefined for what it does not hold). */
const NULL = Symbol('null');
/** Plain scalar texts remembered per file, as values and as keys (`name` is read thousands of times). */
const MAX_CACHED = 4096;

class Builder {
  private nodes = 0;
  /** The composer's `range[2]` of the node built last (where its parent's next offset starts). */
  private end = 0;
  /** resolve-props results of the tokens read last (see `props`). */
  private found = false;
  private hasNewline = false;
  private comma = false;
  private propsEnd = -1;
  private hadComment = false;
  /** `scalar`'s results beside its value. */
  private valueEnd = 0;
  /** `key`'s resolved value beside its node. */
  private keyValue: unknown;

  constructor(private readonly ctx: CstContext) {}

  document(token: CST.Document): CstDocument {
    // compose-doc: the start tokens are read with the `---` as indicator.
    this.props(token.start, 'doc-start', true, false);
    const value = token.value;
    if (!value) return this.emptyDocument(token);
    if (this.found && (value.type === 'block-map' || value.type === 'block-seq') && !this.hasNewline) refuse();
    const root = this.node(value, 0);
    return { root, span: this.ctx.span(token.offset, this.endOf(token.end, this.end)) };
  }

  /**
   * A document with no content (`---` alone, or with comments): compose-node's empty scalar, null, placed by
   * util-empty-scalar-position after the `---` and the spaces that follow it; a comment ends its range.
   */
  private emptyDocument(token: CST.Document): CstDocument {
    const propsEnd = this.propsEnd < 0 ? token.offset : this.propsEnd;
    let at = propsEnd;
    const before = token.start;
    for (let i = before.length - 1; i >= 0; i--) {
      const t = before[i];
      if (t.type === 'space' || t.type === 'comment' || t.type === 'newline') {
        at -= t.source.length;
        continue;
      }
      for (let j = i + 1; j < before.length && before[j].type === 'space'; j++) at += before[j].source.length;
      break;
    }
    const span = this.ctx.span(at, at);
    const root = scalarNode(null, span, this.ctx.text, this.ctx.strings);
    const contentEnd = this.hadComment ? propsEnd : at;
    return { root, span: this.ctx.span(token.offset, this.endOf(token.end, contentEnd)) };
  }

  /**
   * resolve-props for the token kinds allowed here: spaces without tabs, line breaks, comments after white space,
   * and at most one `indicator` (and in a flow collection, one comma). Anything else (anchor, tag, another
   * indicator) is refused. Sets `found`, `hasNewline`, `comma` and `propsEnd` (-1 for no tokens).
   */
  private props(tokens: CST.SourceToken[], indicator: string, startOnNewline: boolean, flow: boolean): void {
    let hasSpace = startOnNewline;
    let found = false;
    let comma = false;
    let hasNewline = false;
    let hadComment = false;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      switch (t.type) {
        case 'space':
          if (!flow && t.source.includes('\t')) refuse();
          hasSpace = true;
          break;
        case 'newline':
          hasNewline = true;
          hasSpace = true;
          break;
        case 'comment':
          if (!hasSpace || flow) refuse();
          hadComment = true;
          break;
        case 'comma':
          if (!flow || comma) refuse();
          comma = true;
          hasSpace = false;
          break;
        default:
          if (t.type !== indicator || found) refuse();
          found = true;
          hasSpace = false;
      }
    }
    const last = tokens.length > 0 ? tokens[tokens.length - 1] : undefined;
    this.found = found;
    this.hasNewline = hasNewline;
    this.comma = comma;
    this.propsEnd = last ? last.offset + last.source.length : -1;
    this.hadComment = hadComment;
  }

  /** resolve-end: the offset after a node's trailing spaces, comments and line breaks. */
  private endOf(end: CST.SourceToken[] | undefined, offset: number): number {
    if (end) {
      for (let i = 0; i < end.length; i++) {
        const t = end[i];
        if (t.type !== 'space' && t.type !== 'comment' && t.type !== 'newline') refuse();
        offset += t.source.length;
      }
    }
    return offset;
  }

  /** A node (a value, not a key); sets `end`. */
  private node(token: CST.Token, depth: number): YNode {
    if (++this.nodes > this.ctx.maxNodes || depth > this.ctx.maxDepth) refuse();
    switch (token.type) {
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar': {
        const value = this.scalar(token, false);
        const span = this.ctx.span(token.offset, this.valueEnd);
        return scalarNode(value, span, this.ctx.text, this.ctx.strings);
      }
      case 'block-map':
        return this.blockMap(token, depth);
      case 'block-seq':
        return this.blockSeq(token, depth);
      case 'flow-collection':
        return this.flowCollection(token, depth);
      default:
        return refuse();
    }
  }

  /** A scalar's value as compose-scalar resolves it (core schema, no tag); sets `valueEnd` and `end` (its range). */
  private scalar(token: CST.FlowScalar | CST.BlockScalar, atKey: boolean): unknown {
    let value: unknown;
    const source = token.source;
    const oneLine = token.type !== 'block-scalar' && !source.includes('\n') && !source.includes('\r');
    // A one-line plain scalar is its own text (resolve-flow-scalar's line folding leaves it as it is); a one-line
    // quoted one, closed, its inner text: without escapes for double quotes, with '' read as ' for single ones.
    // (resolve-flow-scalar builds these a character at a time.)
    if (oneLine && token.type === 'scalar' && source !== '' && !BAD_PLAIN_START.test(source)) value = source;
    else if (oneLine && token.type === 'double-quoted-scalar' && source.length >= 2 && source.endsWith('"') && !source.includes('\\')) value = source.slice(1, -1);
    else if (oneLine && token.type === 'single-quoted-scalar' && source.length >= 2 && source.endsWith("'")) {
      const inner = source.slice(1, -1);
      value = inner.includes("''") ? inner.replace(/''/g, "'") : inner;
    }
    if (value !== undefined) {
      this.valueEnd = token.offset + source.length;
      this.end = this.endOf((token as CST.FlowScalar).end, this.valueEnd);
    } else {
      const resolved = CST.resolveAsScalar(token, false, refuse);
      if (!resolved) refuse();
      value = resolved.value;
      this.valueEnd = resolved.range[1];
      this.end = resolved.range[2];
    }
    return token.type === 'scalar' ? this.plain(value as string, atKey) : value;
  }

  /** compose-scalar's tag by test for a plain scalar's text, and that tag's value. */
  private plain(text: string, atKey: boolean): unknown {
    const cache = atKey ? this.ctx.keyValues : this.ctx.plainValues;
    const cacheable = text.length <= 48;
    if (cacheable) {
      const known = cache.get(text);
      if (known !== undefined) return known === NULL ? null : known;
    }
    const { tags, options } = coreSchema();
    let value: unknown = text;
    for (const tag of tags) {
      if (!(tag.default === true || (atKey && tag.default === 'key')) || !tag.test?.test(text)) continue;
      try {
        value = plainResult(tag.resolve(text, refuse, options));
      } catch {
        // The composer reports what a tag's resolver throws.
        refuse();
      }
      break;
    }
    // The texts a file repeats come early; past a few thousand, the rest are mostly its own (12,000 label keys).
    if (cacheable && cache.size < MAX_CACHED) cache.set(text, value === null ? NULL : value);
    return value;
  }

  /**
   * A map's key: a one-line plain or quoted scalar, not a merge key (`<<`); sets `keyValue`, the value the
   * composer's duplicate-key check compares.
   */
  private key(key: CST.Token): YScalar {
    if (key.type !== 'scalar' && key.type !== 'single-quoted-scalar' && key.type !== 'double-quoted-scalar') refuse();
    if (key.source.includes('\n') || key.source.includes('\r') || endsLine(key.end)) refuse();
    this.keyValue = this.scalar(key, true);
    const span = this.ctx.span(key.offset, this.valueEnd);
    const node = keyScalar(this.keyValue, span, this.ctx.text.slice(span.start, span.end), this.ctx.strings);
    if (node.source === '<<' && node.value === '<<') refuse();
    return node;
  }

  private blockMap(bm: CST.BlockMap, depth: number): YMap {
    const items = bm.items;
    // Arrays of the exact size: grown by push, each would hold room for 16 or more (a tenth of the tree).
    const pairs: YPair[] = new Array(items.length);
    const keys: unknown[] = new Array(items.length);
    let n = 0;
    let offset = bm.offset;
    let commentEnd: number | undefined;
    for (let i = 0; i < items.length; i++) {
      const { start, key, sep, value } = items[i] as { start: CST.SourceToken[]; key?: CST.Token | null; sep?: CST.SourceToken[]; value?: CST.Token };
      this.props(start, 'explicit-key-ind', true, false);
      if (this.found) refuse();
      if (!key && !sep) {
        // A comment line of the map, after its pairs.
        commentEnd = this.propsEnd < 0 ? offset : this.propsEnd;
        continue;
      }
      if (!key || !sep) refuse();
      if ('indent' in key && key.indent !== bm.indent) refuse();
      const keyNode = this.key(key);
      keys[n] = this.keyValue;
      this.props(sep, 'map-value-ind', false, false);
      if (!this.found || !value) refuse();
      if (value.type === 'block-map' && !this.hasNewline) refuse();
      const node = this.node(value, depth + 1);
      offset = this.end;
      pairs[n++] = { key: keyNode, value: node };
    }
    pairs.length = keys.length = n;
    if (commentEnd !== undefined && commentEnd < offset) refuse();
    if (hasDuplicate(keys)) refuse();
    this.end = commentEnd ?? offset;
    return { kind: 'map', pairs, span: this.ctx.span(bm.offset, offset) };
  }

  private blockSeq(bs: CST.BlockSequence, depth: number): YSeq {
    const items: YNode[] = new Array(bs.items.length);
    let count = 0;
    let offset = bs.offset;
    let commentEnd: number | undefined;
    for (let i = 0; i < bs.items.length; i++) {
      const { start, value } = bs.items[i];
      this.props(start, 'seq-item-ind', true, false);
      if (!this.found) {
        // A comment line of the sequence.
        if (value) refuse();
        commentEnd = this.propsEnd < 0 ? offset : this.propsEnd;
        continue;
      }
      if (!value) refuse();
      items[count++] = this.node(value, depth + 1);
      offset = this.end;
    }
    items.length = count;
    this.end = commentEnd ?? offset;
    return { kind: 'seq', items, span: this.ctx.span(bs.offset, offset) };
  }

  /** `[a, "b"]` and `{a: 1, "b": [c]}` of scalars and such collections, on any lines. */
  private flowCollection(fc: CST.FlowCollection, depth: number): YSeq | YMap {
    const isMap = fc.start.source === '{';
    const count = fc.items.length;
    const items: YNode[] = new Array(isMap ? 0 : count);
    const pairs: YPair[] = new Array(isMap ? count : 0);
    const keys: unknown[] = new Array(isMap ? count : 0);
    let n = 0;
    for (let i = 0; i < count; i++) {
      const { start, key, sep, value } = fc.items[i] as { start: CST.SourceToken[]; key?: CST.Token | null; sep?: CST.SourceToken[]; value?: CST.Token };
      this.props(start, 'explicit-key-ind', false, true);
      if (this.found) refuse();
      if (!key && !sep && !value) {
        // The blanks (or a trailing comma) before the closing bracket; anywhere else an empty item is an error.
        if (i === count - 1 && !(i === 0 && this.comma)) continue;
        refuse();
      }
      if (this.comma !== i > 0) refuse();
      if (!value || value.type === 'block-map' || value.type === 'block-seq') refuse();
      if (!isMap) {
        if (key || sep) refuse();
        items[n++] = this.node(value, depth + 1);
        continue;
      }
      // A pair of a flow map: a one-line scalar key, one `:`, a value.
      if (!key || !sep) refuse();
      const keyNode = this.key(key);
      keys[n] = this.keyValue;
      this.props(sep, 'map-value-ind', false, true);
      if (!this.found || this.comma) refuse();
      pairs[n++] = { key: keyNode, value: this.node(value, depth + 1) };
    }
    items.length = isMap ? 0 : n;
    pairs.length = keys.length = isMap ? n : 0;
    if (isMap && hasDuplicate(keys)) refuse();
    const [close, ...rest] = fc.end;
    if (close?.source !== (isMap ? '}' : ']')) refuse();
    const closeEnd = close.offset + close.source.length;
    this.end = rest.length > 0 ? this.endOf(rest as CST.SourceToken[], closeEnd) : closeEnd;
    const span = this.ctx.span(fc.offset, closeEnd);
    return isMap ? { kind: 'map', pairs, span } : { kind: 'seq', items, span };
  }
}

/** First characters the composer refuses at the start of a plain scalar (resolve-flow-scalar). */
const BAD_PLAIN_START = /^[\t,%|>@`]/;

/** Whether a key's trailing tokens hold a line break (the key would be a multi-line implicit key). */
function endsLine(end: CST.SourceToken[] | undefined): boolean {
  if (end) for (let i = 0; i < end.length; i++) if (end[i].type === 'newline') return true;
  return false;
}

/** Whether two keys of one map may be equal (the composer's duplicate-key check would report it). */
function hasDuplicate(keys: unknown[]): boolean {
  if (keys.length <= SMALL_MAP) {
    for (let i = 1; i < keys.length; i++) {
      for (let j = 0; j < i; j++) if (keys[i] === keys[j] || (keys[i] !== keys[i] && keys[j] !== keys[j])) return true;
    }
    return false;
  }
  return new Set(keys).size !== keys.length;
}
