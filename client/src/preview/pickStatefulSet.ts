// Decides which StatefulSet "Show Preview" means when a file holds several: the one in the YAML document
// (between `---` markers) that contains the cursor. Pure: no `vscode` import, so it is unit-tested directly.
import type { StatefulSetSummary } from '../../../server/src/protocol';

/** Index of the YAML document each line belongs to, counting `---` (and `...` ends) as boundaries. */
export function documentIndexOfLines(lines: readonly string[]): number[] {
  const indexes: number[] = [];
  let index = 0;
  let sawContent = false;
  for (const line of lines) {
    // A `---` after content starts the next document; a leading `---` opens the first one.
    if (/^---(\s|$)/.test(line)) {
      if (sawContent) index++;
      sawContent = true;
    } else if (/^\.\.\.(\s|$)/.test(line)) {
      indexes.push(index);
      index++;
      sawContent = false;
      continue;
    } else if (line.trim() !== '' && !line.trimStart().startsWith('#')) {
      sawContent = true;
    }
    indexes.push(index);
  }
  return indexes;
}

/** The StatefulSet whose document contains `cursorLine`, or undefined when none (or the answer is ambiguous). */
export function statefulSetAtLine(
  lines: readonly string[],
  summaries: readonly StatefulSetSummary[],
  cursorLine: number,
): StatefulSetSummary | undefined {
  if (summaries.length === 1) return summaries[0];
  const docs = documentIndexOfLines(lines);
  const cursorDoc = docs[Math.min(cursorLine, docs.length - 1)];
  const matches = summaries.filter((s) => docs[s.range.start.line] === cursorDoc);
  return matches.length === 1 ? matches[0] : undefined;
}
