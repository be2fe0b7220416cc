// Builders of the quick fixes checks attach to findings (model.ts `Fix`): replace a scalar keeping its quotes,
// remove a block pair with its lines, make a Service headless, create a headless Service document, and the
// suppression comment every catalogue finding gets. Each returns undefined when it cannot make a safe edit;
// deciding WHEN a fix applies stays in the checks. Pure text arithmetic over spans: no reporting here.
import type { Fix, FixEdit, ParsedFile, Resource, Span, WorkspaceView, YMap, YNode, YPair } from '../model';
import { asMap, asNumber, asScalar, asSeq, getPair, getPath, scalarText, toStringMap } from '../yamlTree';
import type { LazyFixes } from './checkContext';
import { nearestValue } from './nearestValue';
import type { SuppressionComment } from './suppressions';

/** The comment that suppresses one rule on the next line; suppressions.ts reads exactly this form. */
export const DISABLE_NEXT_LINE = '# statefulset-lens-disable-next-line';

/** The line break the file already uses, as its first line break shows (a CRLF file stays CRLF). */
export function eolOf(text: string): string {
  // Called once per finding: the last answer is kept, since finding the first \n of a file written on one
  // line scans all of it (thousands of findings on a 2 MB line made that quadratic).
  if (text !== lastEol.text) {
    const lf = text.indexOf('\n');
    lastEol = { text, eol: lf > 0 && text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n' };
  }
  return lastEol.eol;
}

let lastEol = { text: '', eol: '\n' };

/** `'x'`, as fix titles quote values. */
function quoted(value: string): string {
  return `'${value}'`;
}

/**
 * The text of a single-line scalar node rewritten to `value`, in the same quoting style; undefined for block
 * scalars, tags, anchors, aliases and multi-line scalars, whose rewriting would need more than a replacement.
 */
export function rewriteScalar(text: string, node: YNode, value: string): string | undefined {
  if (node.kind !== 'scalar') return undefined;
  const source = text.slice(node.span.start, node.span.end);
  if (source.length === 0 || /[\r\n]/.test(source)) return undefined;
  const first = source[0];
  if (first === '"' && source.endsWith('"') && source.length >= 2) return JSON.stringify(value);
  if (first === "'" && source.endsWith("'") && source.length >= 2) return `'${value.replace(/'/g, "''")}'`;
  if (/^[|>!&*#%@`]/.test(source)) return undefined;
  return plainOrQuoted(value);
}

/** `Change to 'X'`: replaces a scalar (a typo, usually) with the valid value, keeping its quotes. */
export function changeToFix(file: ParsedFile, node: YNode, value: string, isPreferred = true): Fix | undefined {
  const newText = rewriteScalar(file.text, node, value);
  if (newText === undefined) return undefined;
  const fix: Fix = { title: `Change to ${quoted(value)}`, edits: [{ uri: file.uri, span: { ...node.span }, newText }] };
  if (isPreferred) fix.isPreferred = true;
  return fix;
}

/** `Change to 'X'` for the valid value nearest to what is written (the one `Did you mean` names), if any. */
export function typoFixes(file: ParsedFile, node: YNode, written: string, valid: readonly string[], isPreferred = true): Fix[] {
  const near = nearestValue(written, valid);
  if (near === undefined || near === written) return [];
  const fix = changeToFix(file, node, near, isPreferred);
  return fix ? [fix] : [];
}

/*
 * The same fixes as LazyFixes (checkContext.ts), built when the finding is reported. Made here, by functions
 * of their values alone: a closure made inside a check would hold the check's whole scope (its context, and
 * through it the file checked) for as long as the workspace keeps the finding.
 */

/** `typoFixes`, built later. */
export function typoFixesLater(node: YNode, written: string, valid: readonly string[], isPreferred = true): LazyFixes {
  return (file) => typoFixes(file, node, written, valid, isPreferred);
}

/** `changeToFix`, built later. */
export function changeToLater(node: YNode, value: string): LazyFixes {
  return (file) => {
    const fix = changeToFix(file, node, value);
    return fix ? [fix] : undefined;
  };
}

/** `createServiceFix` in the file as it is then, built later. */
export function createServiceLater(statefulSet: Resource, serviceName: string): LazyFixes {
  return (file) => {
    const fix = createServiceFix({ file, statefulSet, serviceName });
    return fix ? [fix] : undefined;
  };
}

/** A string as a YAML scalar Kubernetes reads back as the same string (go-yaml's YAML 1.1 included). */
export function plainOrQuoted(value: string): string {
  const special = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i.test(value);
  const plain = /^[A-Za-z_/][A-Za-z0-9_./-]*$/.test(value);
  return plain && !special ? value : JSON.stringify(value);
}

export function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

export function lineEndOf(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** Offset just past the line break at `lineEnd` (or `lineEnd` at the end of the text). */
function pastBreak(text: string, lineEnd: number): number {
  if (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n') return lineEnd + 2;
  return lineEnd < text.length ? lineEnd + 1 : lineEnd;
}

/** The offset after the last non-blank character of `span`. */
export function contentEnd(text: string, span: Span): number {
  let end = span.end;
  while (end > span.start && /\s/.test(text[end - 1])) end--;
  return end;
}

/**
 * Removes a pair of a block mapping with all its lines (key, value, and a comment after the value). Undefined
 * when the pair does not start its own line inside `map` as written there (flow style, or a pair that comes
 * from a merge key or an alias, whose removal would change other objects too).
 */
export function removePairEdit(file: ParsedFile, map: YMap, pair: YPair): FixEdit | undefined {
  const { text } = file;
  const key = pair.key.span;
  if (text[map.span.start] === '{' || key.start < map.span.start || key.end > map.span.end) return undefined;
  const start = lineStartOf(text, key.start);
  if (!/^[ \t]*$/.test(text.slice(start, key.start))) return undefined;
  const valueEnd = pair.value ? Math.max(contentEnd(text, pair.value.span), key.end) : key.end;
  if (valueEnd > map.span.end) return undefined;
  const lineEnd = lineEndOf(text, valueEnd);
  if (!/^[ \t]*(#.*)?$/.test(text.slice(valueEnd, lineEnd))) return undefined;
  return { uri: file.uri, span: { start, end: pastBreak(text, lineEnd) }, newText: '' };
}

/**
 * `Disable <id> for this line`: a `# statefulset-lens-disable-next-line <id>` comment above the finding's line,
 * indented like it; when the line above already holds such a comment (`existing`, the one that targets
 * `line`), the id is added to its list instead (a new line between them would move that comment's target).
 * `eol` is the file's line break (eolOf). Costs nothing per finding beyond the line's indentation: a file with
 * thousands of findings on one 2 MB line gets them all.
 */
export function disableNextLineFix(text: string, starts: readonly number[], uri: string, ruleId: string, line: number, existing: SuppressionComment | undefined, eol: string): Fix {
  const title = `Disable ${ruleId} for this line`;
  if (existing && existing.ids.length > 0) {
    const last = existing.ids[existing.ids.length - 1];
    return { title, edits: [{ uri, span: { start: last.span.end, end: last.span.end }, newText: `, ${ruleId}` }] };
  }
  let lineStart = starts[line] ?? 0;
  // A byte order mark belongs before everything, the comment included.
  if (lineStart === 0 && text.charCodeAt(0) === 0xfeff) lineStart = 1;
  INDENT.lastIndex = lineStart;
  const indent = INDENT.exec(text)?.[0] ?? '';
  return { title, edits: [{ uri, span: { start: lineStart, end: lineStart }, newText: `${indent}${DISABLE_NEXT_LINE} ${ruleId}${eol}` }] };
}

/** The blanks that start a line (sticky: matched at lastIndex only, never scanning the rest of the line). */
const INDENT = /[ \t]*/y;

/**
 * `Make Service 'x' headless (clusterIP: None)`: replaces the Service's clusterIP value, or adds the field as
 * the first of its block `spec`. Undefined when that would not give a valid headless Service: a type other
 * than ClusterIP (headless needs ClusterIP), clusterIPs written out (it must agree with clusterIP), a Helm
 * template, or a spec that is not a block mapping.
 */
export function headlessServiceFix(workspace: WorkspaceView, service: Resource): Fix | undefined {
  const file = workspace.getFile(service.uri);
  if (!file || file.isTemplate || !service.name) return undefined;
  const { text } = file;
  const spec = asMap(getPath(service.node, 'spec'));
  if (!spec || spec.pairs.length === 0) return undefined;
  const type = getPath(spec, 'type');
  if (type && asScalar(type)?.value !== null && scalarText(type) !== 'ClusterIP') return undefined;
  if (getPair(spec, 'clusterIPs')) return undefined;
  const title = `Make Service ${quoted(service.name)} headless (clusterIP: None)`;
  const pair = getPair(spec, 'clusterIP');
  if (pair) {
    const value = pair.value;
    if (!value || value.span.end === value.span.start) {
      const at = value?.span.start ?? pair.key.span.end;
      // `clusterIP:` with nothing after it: the value goes after the colon.
      const colon = text.indexOf(':', pair.key.span.end);
      if (colon < 0 || colon > at) return undefined;
      return { title, edits: [{ uri: file.uri, span: { start: colon + 1, end: colon + 1 }, newText: ' None' }] };
    }
    if (value.kind !== 'scalar' || /[\r\n]/.test(text.slice(value.span.start, value.span.end))) return undefined;
    return { title, edits: [{ uri: file.uri, span: { ...value.span }, newText: 'None' }] };
  }
  if (text[spec.span.start] === '{') return undefined;
  const first = spec.pairs[0].key.span.start;
  const lineStart = lineStartOf(text, first);
  const indent = text.slice(lineStart, first);
  if (!/^[ \t]*$/.test(indent) || first < spec.span.start) return undefined;
  return { title, edits: [{ uri: file.uri, span: { start: lineStart, end: lineStart }, newText: `${indent}clusterIP: None${eolOf(text)}` }] };
}

export interface NewServiceInput {
  file: ParsedFile;
  /** The StatefulSet the Service governs. */
  statefulSet: Resource;
  serviceName: string;
}

/**
 * `Create headless Service 'x'`: a new document right after the StatefulSet's, with clusterIP None, the pods'
 * labels as selector (spec.selector.matchLabels when the template carries them all, else the template labels)
 * and a port per named containerPort. Undefined when there is no label to select the pods by (a Service
 * without selector gets no endpoints), or for JSON files, which a `---` would turn into YAML.
 */
export function createServiceFix(input: NewServiceInput): Fix | undefined {
  const { file, statefulSet, serviceName } = input;
  if (file.isTemplate || /\.json$/i.test(file.uri)) return undefined;
  const doc = file.documents.find((d) => d.index === statefulSet.documentIndex);
  if (!doc?.root) return undefined;
  const spec = getPath(statefulSet.node, 'spec');
  const templateLabels = toStringMap(getPath(spec, 'template', 'metadata', 'labels')) ?? {};
  const matchLabels = toStringMap(getPath(spec, 'selector', 'matchLabels')) ?? {};
  const matchEntries = Object.entries(matchLabels);
  const selector = matchEntries.length > 0 && matchEntries.every(([k, v]) => templateLabels[k] === v) ? matchLabels : templateLabels;
  if (Object.keys(selector).length === 0) return undefined;

  const lines = ['apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${plainOrQuoted(serviceName)}`];
  if (statefulSet.namespaceExplicit) lines.push(`  namespace: ${plainOrQuoted(statefulSet.namespace)}`);
  lines.push('spec:', '  clusterIP: None', '  selector:');
  for (const [k, v] of Object.entries(selector)) lines.push(`    ${plainOrQuoted(k)}: ${plainOrQuoted(v)}`);
  const ports = namedContainerPorts(getPath(spec, 'template', 'spec'));
  if (ports.length > 0) {
    lines.push('  ports:');
    for (const p of ports) {
      lines.push(`    - name: ${plainOrQuoted(p.name)}`, `      port: ${p.port}`);
      if (p.protocol !== 'TCP') lines.push(`      protocol: ${p.protocol}`);
    }
  }
  const { text } = file;
  const eol = eolOf(text);
  // After the last line of the StatefulSet's document content (a trailing comment on that line stays with it).
  const at = lineEndOf(text, contentEnd(text, doc.root.span));
  return {
    title: `Create headless Service ${quoted(serviceName)}`,
    edits: [{ uri: file.uri, span: { start: at, end: at }, newText: `${eol}---${eol}${lines.join(eol)}` }],
  };
}

/** Named container ports of the pod's containers, first of each name and of each port/protocol. */
function namedContainerPorts(podSpec: YNode | undefined): { name: string; port: number; protocol: string }[] {
  const out: { name: string; port: number; protocol: string }[] = [];
  for (const c of asSeq(getPath(podSpec, 'containers'))?.items ?? []) {
    for (const p of asSeq(getPath(c, 'ports'))?.items ?? []) {
      const name = scalarText(getPath(p, 'name'));
      const port = asNumber(getPath(p, 'containerPort'));
      const protocol = (scalarText(getPath(p, 'protocol')) ?? 'TCP').toUpperCase();
      if (!name || port === undefined || !Number.isInteger(port) || port < 1 || port > 65535) continue;
      if (!['TCP', 'UDP', 'SCTP'].includes(protocol)) continue;
      if (out.some((o) => o.name === name || (o.port === port && o.protocol === protocol))) continue;
      out.push({ name, port, protocol });
    }
  }
  return out;
}
