// What the embedded yaml-language-server may be given. It parses every text again, recursively and without
// budgets: 10,000-deep `- - -` or `? ? ?` nesting and an alias inside its own anchor (a `<<` merge of itself)
// overflow its stack, its duplicate-key check compares every key of a map with every other (50,000 keys: 25 s),
// and flow nesting the analysis refuses costs it a gigabyte. A file outside the budget is kept away from it,
// and one information diagnostic says what was skipped. Decided from the analysis' own parse; no IO.
import type { ParsedFile, YNode } from '../analysis/index';

/** Files above this size are not handed to yaml-language-server (the analysis still looks at them). */
export const MAX_YLS_LENGTH = 1024 * 1024;
/** Collections nested deeper than this (block or flow) are not handed to it: its parse recurses per level. */
export const MAX_YLS_DEPTH = 100;
/** Keys of one mapping: its duplicate-key check is quadratic in them. */
export const MAX_YLS_MAP_KEYS = 2000;
/** Nodes of a whole file (aliases expanded, as the analysis counts them). */
export const MAX_YLS_NODES = 50_000;

/** Why `file` is kept away from yaml-language-server (a sentence), or undefined when it is within the budget. */
export function ylsBudgetExceeded(file: ParsedFile): string | undefined {
  let reason = verdicts.get(file);
  if (reason === undefined) verdicts.set(file, (reason = decide(file) ?? ''));
  return reason || undefined;
}

/** One verdict per parse: ParsedFile objects are immutable and replaced on every change, so nothing goes stale. */
const verdicts = new WeakMap<ParsedFile, string>();

function decide(file: ParsedFile): string | undefined {
  const { text } = file;
  if (text.length > MAX_YLS_LENGTH) return `the file has ${text.length} characters, over ${MAX_YLS_LENGTH}`;
  for (const p of file.problems) {
    // The analysis refused the file (flow nesting) or cut its tree (depth, alias expansion): so would the library, badly.
    if (p.ruleId === 'yaml-alias-limit') return 'it nests or expands beyond what StatefulSet Lens reads (see the yaml-alias-limit finding)';
    if (p.ruleId === 'yaml-syntax' && p.message.startsWith('YAML nesting deeper than')) return 'its [ ] or { } nesting is deeper than StatefulSet Lens reads';
  }
  const shape = measure(file);
  if (shape.depth > MAX_YLS_DEPTH) return `it nests collections more than ${MAX_YLS_DEPTH} levels deep`;
  if (shape.maxKeys > MAX_YLS_MAP_KEYS) return `one of its mappings has ${shape.maxKeys} keys, over ${MAX_YLS_MAP_KEYS}`;
  if (shape.nodes > MAX_YLS_NODES) return `it has more than ${MAX_YLS_NODES} YAML nodes`;
  const cycle = aliasInsideItsAnchor(text);
  if (cycle) return `the alias *${cycle} is used inside the node anchored as &${cycle} (a merge key or alias that includes itself)`;
  return undefined;
}

/** Depth, largest mapping and node count of every document's tree, walked without recursion and stopped early. */
function measure(file: ParsedFile): { depth: number; maxKeys: number; nodes: number } {
  let depth = 0;
  let maxKeys = 0;
  let nodes = 0;
  const stack: [YNode, number][] = [];
  for (const d of file.documents) if (d.root) stack.push([d.root, 1]);
  while (stack.length > 0) {
    const [node, level] = stack.pop()!;
    nodes++;
    if (level > depth) depth = level;
    if (depth > MAX_YLS_DEPTH || nodes > MAX_YLS_NODES) break;
    if (node.kind === 'map') {
      if (node.pairs.length > maxKeys) maxKeys = node.pairs.length;
      if (maxKeys > MAX_YLS_MAP_KEYS) break;
      for (const p of node.pairs) if (p.value) stack.push([p.value, level + 1]);
    } else if (node.kind === 'seq') {
      for (const item of node.items) stack.push([item, level + 1]);
    }
  }
  return { depth, maxKeys, nodes };
}

/**
 * The name of an alias written inside the node its anchor starts, if any: on the anchor's own line after it,
 * or on a following line indented deeper than the anchor's line (the anchored block's extent). A cheap text
 * scan that may also flag an anchor inside a quoted string: then the file only loses the library's features.
 */
function aliasInsideItsAnchor(text: string): string | undefined {
  if (!text.includes('&') || !text.includes('*')) return undefined;
  const anchors = new Map<string, { line: number; indent: number }>();
  const lines = text.split(/\r\n|\r|\n/);
  // Open anchors whose block may still contain the current line, by name.
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const content = /^[ \t]*/.exec(line)![0].length;
    const blank = content === line.length || line[content] === '#';
    if (!blank) {
      for (const [name, a] of anchors) if (a.line < i && content <= a.indent) anchors.delete(name);
    }
    for (const m of line.matchAll(/(?:^|[\s[{,:-])([&*])([^\s,[\]{}]+)/g)) {
      const name = m[2];
      if (m[1] === '&') anchors.set(name, { line: i, indent: content });
      else if (anchors.has(name)) return name;
    }
  }
  return undefined;
}
