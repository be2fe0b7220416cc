// The apply plan (analysis/plan.ts) → editor values: its findings as diagnostics, a lens over each
// StatefulSet's name (`apply: refused — serviceName changed`), and the preview's "Apply plan (against HEAD)"
// section. Pure: no LSP package (only its types), no IO.
import type { CodeLens, Diagnostic } from 'vscode-languageserver-types';
import { planFile, type AnalysisSettings, type FilePlan, type ManifestWorkspace, type ParsedFile } from '../analysis/index';
import { ShowPreviewCommand, type PreviewPlan, type ShowPreviewArguments } from '../protocol';
import { findingToDiagnostic } from './diagnostics';
import { spanToRange } from './ranges';

/** The plan of one file of the workspace (empty when no baseline is set for it). */
export function planOf(workspace: ManifestWorkspace, uri: string, settings: AnalysisSettings): FilePlan {
  return planFile(workspace, uri, settings);
}

export function planDiagnostics(file: ParsedFile, plan: FilePlan, rulesDocUri: string | undefined): Diagnostic[] {
  return plan.findings.filter((f) => f.uri === file.uri).map((f) => findingToDiagnostic(file, f, rulesDocUri));
}

/** One lens per planned StatefulSet, over its name; it opens the preview like the other lenses. */
export function planLenses(file: ParsedFile, plan: FilePlan): CodeLens[] {
  return plan.statefulSets
    .filter((s) => s.lens !== '')
    .map((s) => {
      const args: ShowPreviewArguments = [file.uri, s.name];
      return { range: spanToRange(file.text, s.nameSpan), command: { title: s.lens, command: ShowPreviewCommand, arguments: args } };
    });
}

/** The preview section of the StatefulSet whose object starts at `spanStart`; undefined without a baseline. */
export function previewPlan(file: ParsedFile, plan: FilePlan, spanStart: number): PreviewPlan | undefined {
  if (plan.revision === undefined) return undefined;
  const title = `Apply plan (against ${plan.revision})`;
  const base = { title, revision: plan.revision, ...(plan.commit ? { commit: plan.commit } : {}) };
  if (plan.note) return { ...base, note: plan.note, steps: [] };
  const sts = plan.statefulSets.find((s) => s.span.start === spanStart);
  if (!sts) return { ...base, note: `No plan for this StatefulSet.`, steps: [] };
  if (sts.note) return { ...base, note: sts.note, steps: [] };
  return {
    ...base,
    ...(sts.steps.length === 0 ? { note: `No change since ${plan.revision}: apply leaves the pods as they are.` } : {}),
    steps: sts.steps.map((s) => ({ severity: s.severity, kind: s.kind, ruleId: s.ruleId, summary: s.summary, message: s.message, range: spanToRange(file.text, s.span) })),
  };
}
