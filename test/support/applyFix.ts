// Applies a quick fix (model.ts `Fix`) to a workspace of texts and analyses it again, so fix tests can state
// what a user sees: the finding is gone and nothing new is wrong. Findings are compared by (file, rule,
// message), since every offset after an edit moves. Edits are applied by the product's applyEdits, not a copy.
import assert from 'node:assert/strict';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace, type AnalysisSettings, type Finding, type Fix } from '../../server/src/analysis/index';
import { applyEdits } from '../../server/src/analysis/applyEdits';

/** uri → text */
export type Texts = Map<string, string>;

/** Every finding of every file, analysed as one workspace. */
export function analyzeTexts(texts: Texts, settings: AnalysisSettings = DEFAULT_ANALYSIS_SETTINGS): Finding[] {
  const ws = new ManifestWorkspace();
  for (const [uri, text] of texts) ws.setFile(uri, text);
  return [...texts.keys()].flatMap((uri) => ws.analyzeFile(uri, settings).findings);
}

/** The texts with the fix's edits applied (the product's applyEdits, which --fix uses too), per file. */
export function applyFix(texts: Texts, fix: Fix): Texts {
  const out = new Map(texts);
  const byUri = new Map<string, Fix['edits']>();
  for (const e of fix.edits) byUri.set(e.uri, [...(byUri.get(e.uri) ?? []), e]);
  for (const [uri, edits] of byUri) {
    const text = out.get(uri);
    assert.ok(text !== undefined, `the fix "${fix.title}" edits ${uri}, which is not in the workspace`);
    const result = applyEdits(text, edits);
    assert.ok(result.ok, `the fix "${fix.title}" cannot be applied to ${uri}: ${result.ok ? '' : result.problem}`);
    out.set(uri, result.text);
  }
  return out;
}

const key = (f: Finding) => `${f.uri} ${f.severity}[${f.ruleId}] ${f.message}`;

function counts(findings: Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) m.set(key(f), (m.get(key(f)) ?? 0) + 1);
  return m;
}

export interface FixOutcome {
  texts: Texts;
  /** Findings of the fixed workspace that were not there before (by file, rule and message). */
  added: Finding[];
}

/**
 * Applies `fix` of `finding` and analyses again; asserts that the finding is gone (one fewer finding with its
 * rule and message) and that no error or warning appeared. Returns the new texts and any added findings.
 */
export function checkFixResolves(texts: Texts, finding: Finding, fix: Fix, settings: AnalysisSettings = DEFAULT_ANALYSIS_SETTINGS): FixOutcome {
  const before = analyzeTexts(texts, settings);
  const fixed = applyFix(texts, fix);
  const after = analyzeTexts(fixed, settings);
  const beforeCounts = counts(before);
  const afterCounts = counts(after);
  const what = `"${fix.title}" for ${finding.ruleId} (${finding.message})`;
  assert.ok((afterCounts.get(key(finding)) ?? 0) < (beforeCounts.get(key(finding)) ?? 0), `${what} leaves the finding in place; fixed text:\n${[...fixed.values()].join('\n#----\n')}`);
  const added: Finding[] = [];
  const seen = new Map<string, number>();
  for (const f of after) {
    const n = (seen.get(key(f)) ?? 0) + 1;
    seen.set(key(f), n);
    if (n > (beforeCounts.get(key(f)) ?? 0)) added.push(f);
  }
  const serious = added.filter((f) => f.severity === 'error' || f.severity === 'warning');
  assert.deepEqual(serious.map(key), [], `${what} adds findings; fixed text:\n${[...fixed.values()].join('\n#----\n')}`);
  return { texts: fixed, added };
}
