// What the workspace's kustomization files say about a manifest: whether it is listed as a patch (so it is a
// partial object), and which labels `commonLabels` / `labels` add to a listed resource's pod template.
// Paths are resolved relative to the kustomization's folder, purely on the URI strings.
import type { ParsedFile, WorkspaceView } from '../model';
import { asMap, asSeq, asString, getPath, scalarText } from '../yamlTree';

export interface KustomizeFacts {
  /** The file is listed under patches / patchesStrategicMerge / patchesJson6902 of some kustomization. */
  listedAsPatch: boolean;
  /** Labels a kustomization that lists the file as a resource adds to pod templates and selectors. */
  addedLabels: Record<string, string>;
}

const KUSTOMIZATION_FILE = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

export function kustomizeFactsFor(file: ParsedFile, workspace: WorkspaceView): KustomizeFacts {
  const facts: KustomizeFacts = { listedAsPatch: false, addedLabels: {} };
  const target = normalizePath(file.uri);
  for (const k of workspace.files()) {
    if (k.uri === file.uri) continue;
    for (const doc of k.documents) {
      const root = asMap(doc.root);
      if (!root) continue;
      const kind = asString(getPath(root, 'kind'));
      if (kind !== 'Kustomization' && !(kind === undefined && KUSTOMIZATION_FILE.test(k.uri))) continue;
      const dir = k.uri.slice(0, k.uri.lastIndexOf('/') + 1);
      const resolves = (p: string | undefined) => p !== undefined && !p.includes('\n') && normalizePath(dir + p) === target;
      const patchPaths: (string | undefined)[] = [];
      for (const item of asSeq(getPath(root, 'patches'))?.items ?? []) patchPaths.push(scalarText(getPath(item, 'path')) ?? scalarText(item));
      for (const item of asSeq(getPath(root, 'patchesStrategicMerge'))?.items ?? []) patchPaths.push(scalarText(item));
      for (const item of asSeq(getPath(root, 'patchesJson6902'))?.items ?? []) patchPaths.push(scalarText(getPath(item, 'path')));
      if (patchPaths.some(resolves)) facts.listedAsPatch = true;
      const resources = asSeq(getPath(root, 'resources'))?.items ?? [];
      if (resources.some((r) => resolves(scalarText(r)))) {
        for (const p of asMap(getPath(root, 'commonLabels'))?.pairs ?? []) {
          const v = scalarText(p.value);
          if (v !== undefined) facts.addedLabels[String(p.key.value)] = v;
        }
        for (const entry of asSeq(getPath(root, 'labels'))?.items ?? []) {
          // `labels` reach pod templates only with includeTemplates or includeSelectors.
          const t = getPath(entry, 'includeTemplates');
          const s = getPath(entry, 'includeSelectors');
          if (!(t?.kind === 'scalar' && t.value === true) && !(s?.kind === 'scalar' && s.value === true)) continue;
          for (const p of asMap(getPath(entry, 'pairs'))?.pairs ?? []) {
            const v = scalarText(p.value);
            if (v !== undefined) facts.addedLabels[String(p.key.value)] = v;
          }
        }
      }
    }
  }
  return facts;
}

/** Collapses `./` and `x/../` segments so that two spellings of one path compare equal. */
export function normalizePath(p: string): string {
  const schemeEnd = p.indexOf('://');
  const prefixEnd = schemeEnd >= 0 ? p.indexOf('/', schemeEnd + 3) : 0;
  const prefix = prefixEnd > 0 ? p.slice(0, prefixEnd) : '';
  const rest = prefixEnd > 0 ? p.slice(prefixEnd) : p;
  const out: string[] = [];
  for (const seg of rest.split('/')) {
    if (seg === '.') continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..' && out[out.length - 1] !== '') out.pop();
    else out.push(seg);
  }
  return prefix + out.join('/');
}
