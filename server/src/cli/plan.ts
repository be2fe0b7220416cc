// The command line's apply plan: `statefulset-lens plan [--baseline REV] FILES…` and the `--baseline REV` of
// `check`. It loads the baseline of each file's repository with isomorphic-git (gitBaseline.ts; the git binary
// is never run), hands it to the workspace as an input and renders the pure plan (analysis/plan.ts) as text
// or JSON. cli.ts only routes here; the rendering functions are pure.
import path from 'node:path';
import { planFile, type AnalysisSettings, type FileAnalysis, type FilePlan, type ManifestWorkspace } from '../analysis/index';
import { position, type Paint } from './output';
import { GitBaselines } from '../workspace/gitBaseline';

/** Takes `--baseline REV` (or `--baseline=REV`) out of the arguments; `revision` undefined when absent. */
export function extractBaselineFlag(argv: string[]): { argv: string[]; revision?: string; error?: string } {
  const out: string[] = [];
  let revision: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--baseline' || arg.startsWith('--baseline=')) {
      const value = arg === '--baseline' ? argv[++i] : arg.slice('--baseline='.length);
      if (value === undefined || value === '' || value.startsWith('--')) return { argv, error: '--baseline needs a revision (HEAD, origin/main, a commit id)' };
      revision = value;
    } else out.push(arg);
  }
  return { argv: out, revision };
}

/**
 * Loads the baseline of every file's repository into the workspace (keys are the files' CLI paths) and
 * returns the one-line reasons of files that get none (no repository, unknown revision, shallow clone).
 */
export async function loadCliBaselines(ws: ManifestWorkspace, files: string[], revision: string): Promise<string[]> {
  const byAbsolute = new Map(files.map((f) => [path.resolve(f), f]));
  const keyOf = (root: string, relative: string) => {
    const abs = path.join(root, ...relative.split('/'));
    return byAbsolute.get(abs) ?? path.relative(process.cwd(), abs);
  };
  const git = new GitBaselines();
  const reasons = new Set<string>();
  const byDir = new Map<string, Awaited<ReturnType<GitBaselines['load']>>>();
  for (const f of files) {
    const dir = path.dirname(path.resolve(f));
    let loaded = byDir.get(dir);
    if (!loaded) byDir.set(dir, (loaded = await git.load(dir, revision, keyOf)));
    // Every file gets the baseline of its own repository (one parsed Baseline per repository and revision).
    ws.setBaseline(f, loaded.input);
    if ('reason' in loaded.input) reasons.add(loaded.input.reason);
  }
  return [...reasons];
}

/** The analyses with each file's plan findings added (check --baseline). */
export function withPlanFindings(ws: ManifestWorkspace, analyses: FileAnalysis[], settings: AnalysisSettings): FileAnalysis[] {
  return analyses.map((a) => {
    const extra = planFile(ws, a.uri, settings).findings;
    if (!extra.length) return a;
    const findings = [...a.findings, ...extra].sort((x, y) => x.span.start - y.span.start || x.span.end - y.span.end || x.ruleId.localeCompare(y.ruleId));
    return { ...a, findings };
  });
}

const MARK = { error: 'refused', warning: 'warning', information: 'info', hint: 'hint' } as const;

/** The plan as text: per StatefulSet its baseline and the steps, refused changes first, each with its full message. */
export function renderPlanText(ws: ManifestWorkspace, plans: FilePlan[], paint: Paint): string {
  const lines: string[] = [];
  for (const plan of plans) {
    if (plan.note && plan.statefulSets.length === 0) {
      lines.push(`${paint.bold(plan.uri)}: ${plan.note}`);
      continue;
    }
    for (const sts of plan.statefulSets) {
      const at = position(ws, plan.uri, sts.nameSpan.start);
      const against = plan.revision ? ` against ${plan.revision}${plan.commit ? ` (${plan.commit.slice(0, 12)})` : ''}` : '';
      lines.push(paint.bold(`StatefulSet ${sts.namespace}/${sts.name || '(unnamed)'}`) + paint.dim(`  ${plan.uri}:${at.line}:${at.column}${against}`));
      if (sts.note) {
        lines.push(`  ${sts.note}`);
        continue;
      }
      if (sts.steps.length === 0) {
        lines.push(`  no change: apply leaves the pods as they are`);
        continue;
      }
      sts.steps.forEach((step, i) => {
        const where = position(ws, plan.uri, step.span.start);
        lines.push(`  ${i + 1}. ${paint.severity(step.severity, MARK[step.severity])} ${step.summary} ${paint.dim(`[${step.ruleId}] line ${where.line}`)}`);
        lines.push(`     ${step.message}`);
      });
    }
  }
  return lines.join('\n');
}

/** The plan as JSON: one entry per file, positions 1-based. */
export function planJson(ws: ManifestWorkspace, plans: FilePlan[]): unknown {
  return plans.map((plan) => ({
    file: plan.uri,
    ...(plan.revision ? { baseline: { revision: plan.revision, ...(plan.commit ? { commit: plan.commit } : {}) } } : {}),
    ...(plan.note ? { note: plan.note } : {}),
    statefulSets: plan.statefulSets.map((sts) => ({
      name: sts.name,
      namespace: sts.namespace,
      ...position(ws, plan.uri, sts.nameSpan.start),
      ...(sts.baseline ? { baselineObject: sts.baseline } : {}),
      ...(sts.note ? { note: sts.note } : {}),
      lens: sts.lens,
      steps: sts.steps.map((s) => ({ kind: s.kind, rule: s.ruleId, severity: s.severity, summary: s.summary, message: s.message, ...position(ws, plan.uri, s.span.start) })),
    })),
  }));
}
