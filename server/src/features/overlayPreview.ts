// Kustomize overlays in the editor: one lens per overlay on a StatefulSet of a base (`prod: prod-rg-0 …
// prod-rg-3 in shop`), and the preview model of the StatefulSet as an overlay deploys it, with the overlay
// selector's choices. Reads the renders the workspace holds (analysis/kustomizeRender.ts); never waits for one.
// Pure: no LSP runtime, no IO.
import type { CodeLens } from 'vscode-languageserver-types';
import { sourceIdentity, type AnalysisSettings, type ManifestWorkspace, type ParsedFile, type StatefulSetIdentity } from '../analysis/index';
import { ShowPreviewCommand, type PreviewModel, type PreviewOverlays, type ShowPreviewArguments } from '../protocol';
import { buildPreviewModel } from './previewModel';
import { spanToRange } from './ranges';

/** `prod-rg-0`, `prod-rg-0, prod-rg-1` or `prod-rg-0 … prod-rg-3`; the last ordinal even beyond the listing cap. */
function podRange(id: StatefulSetIdentity): string {
  const n = id.replicas.value;
  if (n === 0) return 'no pods (replicas: 0)';
  const first = `${id.name}-${id.startOrdinal.value}`;
  const last = `${id.name}-${id.startOrdinal.value + n - 1}`;
  return n === 1 ? first : n === 2 ? `${first}, ${last}` : `${first} … ${last}`;
}

export function overlayLensTitle(overlay: string, id: StatefulSetIdentity): string {
  return `${overlay}: ${podRange(id)} in ${id.namespace}`;
}

/** One lens per overlay that deploys each StatefulSet of the file, on its name; rendered overlays only. */
export function overlayLenses(file: ParsedFile, identities: StatefulSetIdentity[], workspace: ManifestWorkspace, settings: AnalysisSettings): CodeLens[] {
  const lenses: CodeLens[] = [];
  if (workspace.kustomize.overlaysIncluding(file.uri).length === 0) return lenses;
  for (const id of identities) {
    const range = spanToRange(file.text, id.nameSpan);
    const rendered = workspace.kustomize.renderedFrom(file.uri, id.span.start, settings);
    for (const { overlay, statefulSet } of rendered) {
      const args: ShowPreviewArguments = [file.uri, id.name, overlay.dir];
      lenses.push({ range, command: { title: overlayLensTitle(overlay.name, statefulSet.identity), command: ShowPreviewCommand, arguments: args } });
    }
    // An overlay that failed to render says so once, so its absence is not a mystery.
    for (const dir of workspace.kustomize.overlaysIncluding(file.uri)) {
      const o = workspace.kustomize.overlay(dir, settings);
      if (o?.error === undefined) continue;
      const args: ShowPreviewArguments = [file.uri, id.name, dir];
      lenses.push({ range, command: { title: `${o.name}: kustomize could not render it (see its kustomization)`, command: ShowPreviewCommand, arguments: args } });
    }
  }
  return lenses;
}

/** The overlay selector of a StatefulSet's preview: undefined when no overlay includes its file. */
export function overlayChoices(workspace: ManifestWorkspace, uri: string, settings: AnalysisSettings, note: string | undefined, selected?: string): PreviewOverlays | undefined {
  const dirs = workspace.kustomize.overlaysIncluding(uri);
  if (dirs.length === 0) return undefined;
  const choices = dirs.map((dir) => {
    const o = workspace.kustomize.overlay(dir, settings);
    const name = dir.slice(dir.lastIndexOf('/') + 1);
    return o?.error !== undefined ? { dir, name, error: o.error } : { dir, name };
  });
  const rendered = dirs.some((d) => workspace.kustomize.get(d));
  return { choices, ...(selected ? { selected } : {}), ...(note ? { note } : !rendered ? { note: 'Rendering the overlays with Kustomize…' } : {}) };
}

/**
 * The preview of the StatefulSet whose object starts at `spanStart` in `file`, as the overlay `dir` deploys it;
 * undefined when that overlay has not rendered it (yet).
 */
export function overlayPreviewModel(file: ParsedFile, spanStart: number, dir: string, workspace: ManifestWorkspace, settings: AnalysisSettings): PreviewModel | undefined {
  const match = workspace.kustomize.renderedFrom(file.uri, spanStart, settings).find((r) => r.overlay.dir === dir);
  if (!match) return undefined;
  const id = sourceIdentity(match.overlay, match.statefulSet, workspace);
  if (!id) return undefined;
  // The rendered StatefulSet's findings, shown against its source name (the render is not a file to open).
  const findings = match.statefulSet.findings.map((f) => ({ ...f, uri: file.uri, span: id.nameSpan, message: `Overlay ${match.overlay.name}: ${f.message}` }));
  return buildPreviewModel(file, { uri: file.uri, identities: [id], findings }, id, (uri) => workspace.getFile(uri)?.text);
}
