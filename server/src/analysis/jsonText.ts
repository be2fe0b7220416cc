// A text that is one JSON value is read as JSON, the way kubectl reads it (its decoder takes a stream that
// starts with `{` as JSON): jsonc-parser's scanner walks it once and the analysis tree is built as it goes,
// with no `yaml` syntax tree or document in between. For a generated 2 MB one-line manifest that is a tenth of
// the `yaml` package's time and memory. JSON is YAML 1.2, so the tree is the one the YAML path gives, node for
// node and span for span (test/unit/jsonText.test.ts compares them); anything else (a comment, a trailing
// comma, a duplicate key, text after the value) is left to the YAML path, which reports it as YAML does.
import { visit } from 'jsonc-parser';
import type { Span, YMap, YNode, YScalar, YSeq } from './model';
import { keyScalar, scalarNode, SMALL_MAP, type StringPool } from './stringPool';

export interface JsonLimits {
  /** Values (not keys) read before the rest is left out, counted as the YAML path counts them. */
  maxNodes: number;
  /** Depth (the root is 0) beyond which a value is left out. */
  maxDepth: number;
}

export interface JsonDocument {
  root: YNode;
  /** The document's span as the `yaml` package gives it (see documentSpan). */
  span: Span;
  /** Set when a limit cut the tree: which one, and the span of the value it cut at. */
  limit: { why: 'nodes' | 'depth'; span: Span } | undefined;
}

/** Thrown out of the visitor: the text is not plain JSON, the YAML path reads it. */
class NotPlainJson extends Error {}

/**
 * A container being read; `kept` when it is part of the tree (not past a limit). A map's `names` are all its
 * keys so far, kept or not (a duplicate past a limit is still a YAML error), in a set once there are many.
 */
type Frame =
  | { kind: 'map'; node: YMap; key: YScalar | undefined; names: string[]; keys: Set<string> | undefined; kept: boolean }
  | { kind: 'seq'; node: YSeq; kept: boolean };

/** Whether a map already has the key `name`, which is then noted. */
function seenBefore(frame: Extract<Frame, { kind: 'map' }>, name: string): boolean {
  if (frame.keys) {
    if (frame.keys.has(name)) return true;
    frame.keys.add(name);
    return false;
  }
  if (frame.names.includes(name)) return true;
  frame.names.push(name);
  if (frame.names.length > SMALL_MAP) frame.keys = new Set(frame.names);
  return false;
}

/**
 * The analysis tree of `text` when it is exactly one JSON object or array (whitespace around it aside), else
 * undefined. Offsets are those of `text`.
 */
export function convertJsonText(text: string, limits: JsonLimits, strings: StringPool): JsonDocument | undefined {
  let first = 0;
  while (first < text.length && isJsonSpace(text.charCodeAt(first))) first++;
  const opener = text.charCodeAt(first);
  if (opener !== 123 /* { */ && opener !== 91 /* [ */) return undefined;

  const stack: Frame[] = [];
  let root: YNode | undefined;
  let nodes = 0;
  let limit: JsonDocument['limit'];
  /** The container the limit cut at: its span is known at its end. */
  let cutFrame: Frame | undefined;

  const top = (): Frame | undefined => stack[stack.length - 1];
  /** Whether values read now belong to the tree: inside kept containers, before any limit. */
  const reading = () => !limit && (stack.length === 0 || (top() as Frame).kept);
  /** Counts a value as the YAML path does (pre-order): false when it is the one a limit cuts at. */
  const admit = (): boolean => {
    const depth = stack.length;
    if (++nodes <= limits.maxNodes && depth <= limits.maxDepth) return true;
    limit = { why: depth > limits.maxDepth ? 'depth' : 'nodes', span: { start: 0, end: 0 } };
    // The map the value belonged to keeps its key, with an empty null value where the value would have been.
    const frame = top();
    if (frame?.kind === 'map' && frame.key) {
      const at = frame.key.span.end;
      frame.node.pairs.push({ key: frame.key, value: { kind: 'scalar', value: null, source: '', span: { start: at, end: at } } });
    }
    return false;
  };
  const attach = (node: YNode): void => {
    const frame = top();
    if (!frame) root = node;
    else if (frame.kind === 'seq') frame.node.items.push(node);
    else frame.node.pairs.push({ key: frame.key as YScalar, value: node });
  };
  const open = (kind: 'map' | 'seq', offset: number) => {
    const span = { start: offset, end: offset };
    const frame: Frame = kind === 'map' ? { kind, node: { kind, pairs: [], span }, key: undefined, names: [], keys: undefined, kept: false } : { kind, node: { kind, items: [], span }, kept: false };
    if (reading()) {
      if (admit()) {
        frame.kept = true;
        attach(frame.node);
      } else cutFrame = frame;
    }
    stack.push(frame);
  };
  const close = (offset: number, length: number) => {
    const frame = stack.pop() as Frame;
    frame.node.span.end = offset + length;
    // Arrays of the exact size: grown by push, each would hold room for 16 or more.
    if (frame.kind === 'map') frame.node.pairs = frame.node.pairs.slice();
    else frame.node.items = frame.node.items.slice();
    if (frame === cutFrame && limit) limit.span = frame.node.span;
  };

  try {
    visit(
      text,
      {
        onObjectBegin: (offset) => open('map', offset),
        onArrayBegin: (offset) => open('seq', offset),
        onObjectEnd: close,
        onArrayEnd: close,
        onObjectProperty: (property, offset, length) => {
          const frame = stack[stack.length - 1];
          if (frame.kind !== 'map') throw new NotPlainJson();
          // A duplicate key is a YAML error the YAML path reports (and kubectl refuses the manifest).
          if (seenBefore(frame, property)) throw new NotPlainJson();
          frame.key = undefined;
          if (!frame.kept || limit) return;
          frame.key = keyScalar(property, { start: offset, end: offset + length }, text.slice(offset, offset + length), strings);
        },
        onLiteralValue: (value: unknown, offset, length) => {
          if (!reading()) return;
          const span = { start: offset, end: offset + length };
          if (admit()) attach(scalarNode(value, span, text, strings));
          else if (limit) limit.span = span;
        },
        onComment: () => {
          throw new NotPlainJson();
        },
        onError: () => {
          throw new NotPlainJson();
        },
      },
      { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
    );
  } catch (err) {
    if (err instanceof NotPlainJson) return undefined;
    throw err;
  }
  if (!root || stack.length > 0) return undefined;
  return { root, span: documentSpan(text, first, root.span.end), limit };
}

/**
 * Where the `yaml` package starts and ends a document around one flow value: from the start of the value's
 * line, to the end of the second line break after it (or the end of the text). A lone `\r` breaks a line, as
 * it does for YAML. Checked against the `yaml` package on every mix of up to five blanks, tabs and line breaks
 * on each side.
 */
function documentSpan(text: string, first: number, last: number): Span {
  let start = first;
  while (start > 0 && !isLineBreak(text.charCodeAt(start - 1))) start--;
  let end = last;
  for (let breaks = 0; end < text.length && breaks < 2; end++) {
    const c = text.charCodeAt(end);
    if (c === 10 || (c === 13 && text.charCodeAt(end + 1) !== 10)) breaks++;
  }
  return { start, end };
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** JSON's whitespace: space, tab, line feed, carriage return. */
function isJsonSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
