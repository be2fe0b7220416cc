// `statefulset-lens preview --kustomize DIR` and `check --kustomize DIR`: renders each overlay with the real
// Kustomize (kustomize/overlayWorkspace.ts) and prints what it deploys in the usual formats. Names and values are
// the rendered ones; locations are the user's files (the source StatefulSet, the kustomization or patch line that
// caused a finding). Exit status as for files: 0, 1 (check: an error-level finding, a failed render), 2 (usage,
// unreadable folder, Kustomize not installed, preview of an overlay that does not render).
import { sourceIdentity, type AnalysisSettings, type Finding, type StatefulSetIdentity } from '../analysis/index';
import { previewJson, renderFindingsText, renderPreviewText, spanJson, type Paint } from './output';
import { loadOverlay, type LoadedOverlay } from '../kustomize/overlayWorkspace';
import type { KustomizeCommand } from '../kustomize/render';
import { buildSarifLog } from './sarif';

export interface KustomizeRun {
  command: 'preview' | 'check';
  dirs: string[];
  format: 'text' | 'json' | 'sarif';
  paint: Paint;
  settings: AnalysisSettings;
  engine: Exclude<KustomizeCommand, 'off'>;
  toolVersion: string;
  write(stream: 'stdout' | 'stderr', text: string): void;
}

export async function runKustomize(run: KustomizeRun): Promise<number> {
  const loaded: LoadedOverlay[] = [];
  for (const dir of run.dirs) {
    try {
      const o = await loadOverlay(dir, run.engine);
      if (o.missing) {
        run.write('stderr', `statefulset-lens: ${o.missing}\n`);
        return 2;
      }
      loaded.push(o);
    } catch (err) {
      run.write('stderr', `statefulset-lens: ${(err as Error).message}\n`);
      return 2;
    }
  }
  const overlays = loaded.map((o) => ({ loaded: o, result: o.workspace.kustomize.overlay(o.dir, run.settings)! }));

  if (run.command === 'preview') {
    let failed = false;
    const json: unknown[] = [];
    const text: string[] = [];
    for (const { loaded: o, result } of overlays) {
      const ids = result.statefulSets
        .map((s) => sourceIdentity(result, s, o.workspace))
        .filter((id): id is StatefulSetIdentity => id !== undefined);
      if (result.error !== undefined) {
        failed = true;
        run.write('stderr', `statefulset-lens: overlay ${o.dir}: kustomize could not render it: ${result.error}\n`);
      }
      json.push({ overlay: result.name, dir: o.dir, renderedBy: run.engine, error: result.error ?? null, ...previewJson(o.workspace, ids) });
      text.push(run.paint.bold(`Overlay ${result.name}`) + run.paint.dim(`  ${o.dir}  (rendered by ${run.engine})`));
      if (result.error === undefined) text.push(renderPreviewText(o.workspace, ids, run.paint));
    }
    run.write('stdout', run.format === 'json' ? JSON.stringify({ overlays: json }, null, 2) + '\n' : text.join('\n') + '\n');
    return failed ? 2 : 0;
  }

  const all: { o: LoadedOverlay; f: Finding }[] = [];
  for (const { loaded: o, result } of overlays) {
    const seen = new Set<string>();
    for (const f of result.deployedFindings) {
      const key = `${f.uri}\u0000${f.span.start}\u0000${f.span.end}\u0000${f.ruleId}\u0000${f.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      all.push({ o, f });
    }
  }
  if (run.format === 'json') {
    const out = all.map(({ o, f }) => ({ file: f.uri, ...spanJson(o.workspace, f.uri, f.span), severity: f.severity, rule: f.ruleId, message: f.message }));
    run.write('stdout', JSON.stringify(out, null, 2) + '\n');
  } else if (run.format === 'sarif') {
    const byUri = new Map<string, { uri: string; text: string; findings: Finding[] }>();
    for (const { o, f } of all) {
      let entry = byUri.get(f.uri);
      if (!entry) byUri.set(f.uri, (entry = { uri: f.uri, text: o.workspace.getFile(f.uri)?.text ?? '', findings: [] }));
      entry.findings.push(f);
    }
    run.write('stdout', JSON.stringify(buildSarifLog([...byUri.values()], { baseUri: process.cwd(), toolVersion: run.toolVersion }), null, 2) + '\n');
  } else if (all.length) {
    run.write('stdout', overlays.map(({ loaded: o }) => renderFindingsText(o.workspace, all.filter((a) => a.o === o).map((a) => a.f), run.paint)).filter(Boolean).join('\n') + '\n');
  }
  const errors = all.filter(({ f }) => f.severity === 'error').length;
  if (run.format === 'text') {
    const warnings = all.filter(({ f }) => f.severity === 'warning').length;
    const n = overlays.length;
    run.write('stderr', `${n} overlay${n === 1 ? '' : 's'} rendered and checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${all.length - errors - warnings} other\n`);
  }
  return errors > 0 ? 1 : 0;
}
