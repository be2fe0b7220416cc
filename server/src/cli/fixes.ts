// What `check --fix` and `--fix-dry-run` change: the preferred fix of each finding, chosen by selectFixes,
// applied to the texts in memory, with a message for every fix left out. Pure (no IO): cli.ts reads the
// files, prints the messages and the diff, and writes the new texts.
import { applyEdits, selectFixes } from '../analysis/applyEdits';
import type { Finding, Fix, FixEdit, ManifestWorkspace } from '../analysis/index';
import { position } from './output';

export interface FileChange {
  file: string;
  /** The text as read. */
  text: string;
  /** The text with the accepted edits applied. */
  newText: string;
  /** The accepted edits of this file (spans of `text`), in application order. */
  edits: FixEdit[];
}

export interface FixPlan {
  /** How many findings the accepted fixes resolve (two findings may share one correction). */
  fixed: number;
  /** `skipped "<title>" for <rule> at <file>:<line>:<col>: <reason>`, one per fix left out, in finding order. */
  skipped: string[];
  /** Files whose text changes, in the order of `files`. */
  changes: FileChange[];
}

/**
 * The preferred fix (`isPreferred`, the one obvious correction) of every finding, as far as they can be
 * applied together. Only the `files` read may be edited; `refuse` names a reason to leave one of them alone
 * (a file that is not valid UTF-8, say), or returns undefined.
 */
export function planPreferredFixes(ws: ManifestWorkspace, files: readonly string[], findings: readonly Finding[], refuse: (file: string) => string | undefined = () => undefined): FixPlan {
  const inputs = new Set(files);
  const candidates: { fix: Fix; finding: Finding }[] = [];
  for (const finding of findings) {
    const fix = finding.fixes?.find((x) => x.isPreferred);
    if (fix) candidates.push({ fix, finding });
  }
  const refused = new Map<string, string>();
  const selection = selectFixes(candidates, (uri) => {
    if (!inputs.has(uri)) return undefined;
    const reason = refuse(uri);
    if (reason !== undefined) {
      refused.set(uri, reason);
      return undefined;
    }
    return ws.getFile(uri)?.text;
  });
  const skipped = selection.skipped.map(({ candidate: { finding, fix }, reason }) => {
    const at = position(ws, finding.uri, finding.span.start);
    const refusedFile = fix.edits.find((e) => refused.has(e.uri));
    const why = refusedFile ? `${refusedFile.uri} ${refused.get(refusedFile.uri)}` : reason;
    return `skipped "${fix.title}" for ${finding.ruleId} at ${finding.uri}:${at.line}:${at.column}: ${why}`;
  });
  const changes: FileChange[] = [];
  for (const file of files) {
    const edits = selection.edits.get(file);
    const text = ws.getFile(file)?.text;
    if (!edits?.length || text === undefined) continue;
    const result = applyEdits(text, edits);
    // selectFixes has checked every range and overlap, so a refusal here is a bug: fail loudly, write nothing.
    if (!result.ok) throw new Error(`the fixes of ${file} cannot be applied: ${result.problem}`);
    if (result.text !== text) changes.push({ file, text, newText: result.text, edits });
  }
  return { fixed: selection.accepted.length, skipped, changes };
}
