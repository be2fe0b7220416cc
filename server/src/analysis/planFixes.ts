// The quick fix of the apply plan: put a field back as the baseline has it. The baseline's text of the field
// (key and value) replaces the current one, re-indented to where it goes; a field the baseline lacks is
// removed, one it has and the file lost is added back. Undefined when no safe text edit exists (flow style,
// anchors and aliases, a parent that is gone). Pure text arithmetic over spans, like rules/fixes.ts.
import type { Fix, FixEdit, ParsedFile, YMap, YNode } from './model';
import type { PlanPath } from './planCompare';
import { formatPath } from './planCompare';
import { contentEnd, eolOf, lineEndOf, lineStartOf, removePairEdit } from './rules/fixes';
import { asMap, asScalar, asSeq, getPair, getPath } from './yamlTree';

const column = (text: string, offset: number) => offset - lineStartOf(text, offset);

/** `text` written at column `from`, moved to column `to`: every line after the first shifts by the difference. */
function reindent(text: string, from: number, to: number): string | undefined {
  const lines = text.split(/\r?\n/);
  const delta = to - from;
  const out = [lines[0]];
  for (const line of lines.slice(1)) {
    if (delta >= 0) out.push(line.trim() === '' ? line : ' '.repeat(delta) + line);
    else {
      const lead = /^ */.exec(line)![0].length;
      if (line.trim() !== '' && lead < -delta) return undefined;
      out.push(line.slice(Math.min(lead, -delta)));
    }
  }
  return out.join('\n');
}

/** Anchors, aliases and merge keys would not mean the same in another document. */
function portable(text: string): boolean {
  return !/(^|[\s[{,:-])[&*][^\s,\]}]/.test(text) && !/<<\s*:/.test(text);
}

const isFlow = (file: ParsedFile, map: YMap) => file.text[map.span.start] === '{';

/** The baseline's `key: value` text of a pair, from the key to the end of the value. */
function pairText(baseText: string, map: YMap, key: string): { text: string; column: number } | undefined {
  const pair = getPair(map, key);
  if (!pair) return undefined;
  const end = pair.value ? Math.max(contentEnd(baseText, pair.value.span), pair.key.span.end) : pair.key.span.end;
  const text = baseText.slice(pair.key.span.start, end);
  return portable(text) ? { text: text.replace(/\r\n/g, '\n'), column: column(baseText, pair.key.span.start) } : undefined;
}

function withEol(text: string, eol: string): string {
  return eol === '\n' ? text : text.replace(/\n/g, eol);
}

function editFor(file: ParsedFile, current: YNode, baseText: string, baseline: YNode, path: PlanPath): FixEdit | undefined {
  const { text } = file;
  const eol = eolOf(text);
  const parentPath = path.slice(0, -1);
  const last = path[path.length - 1];
  const curParent = getPath(current, ...parentPath);
  const baseParent = getPath(baseline, ...parentPath);
  if (typeof last === 'number') {
    const cur = asSeq(curParent)?.items[last];
    const base = asSeq(baseParent)?.items[last];
    if (!cur || !base || text[curParent!.span.start] === '[') return undefined;
    const source = baseText.slice(base.span.start, contentEnd(baseText, base.span));
    const moved = portable(source) ? reindent(source.replace(/\r\n/g, '\n'), column(baseText, base.span.start), column(text, cur.span.start)) : undefined;
    return moved === undefined ? undefined : { uri: file.uri, span: { start: cur.span.start, end: contentEnd(text, cur.span) }, newText: withEol(moved, eol) };
  }
  const curMap = asMap(curParent);
  const baseMap = asMap(baseParent);
  if (!curMap || isFlow(file, curMap)) return undefined;
  const curPair = getPair(curMap, last);
  const basePair = baseMap ? getPair(baseMap, last) : undefined;
  if (curPair && !basePair) return removePairEdit(file, curMap, curPair);
  if (!basePair) return undefined;
  const source = pairText(baseText, baseMap!, last);
  if (!source) return undefined;
  if (curPair) {
    const moved = reindent(source.text, source.column, column(text, curPair.key.span.start));
    const end = curPair.value ? Math.max(contentEnd(text, curPair.value.span), curPair.key.span.end) : curPair.key.span.end;
    return moved === undefined ? undefined : { uri: file.uri, span: { start: curPair.key.span.start, end }, newText: withEol(moved, eol) };
  }
  // Added back after the last pair of the mapping, at its keys' column.
  const lastPair = curMap.pairs[curMap.pairs.length - 1];
  if (!lastPair) return undefined;
  const col = column(text, curMap.pairs[0].key.span.start);
  const moved = reindent(source.text, source.column, col);
  const lastEnd = lastPair.value ? Math.max(contentEnd(text, lastPair.value.span), lastPair.key.span.end) : lastPair.key.span.end;
  const at = lineEndOf(text, lastEnd);
  return moved === undefined ? undefined : { uri: file.uri, span: { start: at, end: at }, newText: withEol(`\n${' '.repeat(col)}${moved}`, eol) };
}

/**
 * `Change back to 'web' (HEAD)` / `Restore spec.volumeClaimTemplates[0].spec.resources from HEAD`: makes the
 * field at `path` what it is in the baseline, trying the field itself first and then its parents.
 */
export function restoreFix(file: ParsedFile, current: YNode, baseText: string, baseline: YNode, path: PlanPath, revision: string): Fix | undefined {
  if (file.isTemplate) return undefined;
  for (let depth = path.length; depth >= 2; depth--) {
    const at = path.slice(0, depth);
    const edit = editFor(file, current, baseText, baseline, at);
    if (!edit) continue;
    const value = asScalar(getPath(baseline, ...at));
    const title = value && value.value !== null && depth === path.length
      ? `Change back to '${String(value.value)}' (${revision})`
      : getPath(baseline, ...at) === undefined
        ? `Remove ${formatPath(at)} (as at ${revision})`
        : `Restore ${formatPath(at)} from ${revision}`;
    return { title, edits: [edit], isPreferred: true };
  }
  return undefined;
}
