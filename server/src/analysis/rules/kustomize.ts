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

/** Facts per normalized file path, from every kustomization of the workspace. */
type KustomizeIndex = Map<string, KustomizeFacts>;

/**
 * The index of a workspace, rebuilt when its revision moves: building it reads every file once, so asking for
 * each file's facts stays linear in the workspace (reading every kustomization per file was quadratic). A
 * workspace with a cross-file revision (ManifestWorkspace: it moves whenever a kustomization changes, see
 * `crossFileFingerprint`) keys it on that one, so an edit of a StatefulSet's replicas does not read every
 * document of the workspace again.
 */
const indexes = new WeakMap<WorkspaceView, { revision: number; index: KustomizeIndex }>();

export function kustomizeFactsFor(file: ParsedFile, workspace: WorkspaceView): KustomizeFacts {
  const view = workspace as { revision?: unknown; crossFileRevision?: unknown };
  const revision = typeof view.crossFileRevision === 'number' ? view.crossFileRevision : view.revision;
  let index: KustomizeIndex;
  const cached = indexes.get(workspace);
  if (typeof revision === 'number' && cached && cached.revision === revision) index = cached.index;
  else {
    index = buildIndex(workspace);
    if (typeof revision === 'number') indexes.set(workspace, { revision, index });
  }
  const facts = index.get(normalizePath(file.uri));
  return facts ? { listedAsPatch: facts.listedAsPatch, addedLabels: { ...facts.addedLabels } } : { listedAsPatch: false, addedLabels: {} };
}

function buildIndex(workspace: WorkspaceView): KustomizeIndex {
  const index: KustomizeIndex = new Map();
  const factsOf = (path: string) => {
    let f = index.get(path);
    if (!f) index.set(path, (f = { listedAsPatch: false, addedLabels: {} }));
    return f;
  };
  for (const k of workspace.files()) {
    const self = normalizePath(k.uri);
    for (const doc of k.documents) {
      const root = asMap(doc.root);
      if (!root) continue;
      const kind = asString(getPath(root, 'kind'));
      if (kind !== 'Kustomization' && !(kind === undefined && KUSTOMIZATION_FILE.test(k.uri))) continue;
      const dir = k.uri.slice(0, k.uri.lastIndexOf('/') + 1);
      // The listed file's normalized path; a kustomization never describes itself.
      const resolve = (p: string | undefined) => {
        if (p === undefined || p.includes('\n')) return undefined;
        const target = normalizePath(dir + p);
        return target === self ? undefined : target;
      };
      const patchPaths: (string | undefined)[] = [];
      for (const item of asSeq(getPath(root, 'patches'))?.items ?? []) patchPaths.push(scalarText(getPath(item, 'path')) ?? scalarText(item));
      for (const item of asSeq(getPath(root, 'patchesStrategicMerge'))?.items ?? []) patchPaths.push(scalarText(item));
      for (const item of asSeq(getPath(root, 'patchesJson6902'))?.items ?? []) patchPaths.push(scalarText(getPath(item, 'path')));
      for (const p of patchPaths) {
        const target = resolve(p);
        if (target !== undefined) factsOf(target).listedAsPatch = true;
      }
      const added: Record<string, string> = {};
      for (const p of asMap(getPath(root, 'commonLabels'))?.pairs ?? []) {
        const v = scalarText(p.value);
        if (v !== undefined) added[String(p.key.value)] = v;
      }
      for (const entry of asSeq(getPath(root, 'labels'))?.items ?? []) {
        // `labels` reach pod templates only with includeTemplates or includeSelectors.
        const t = getPath(entry, 'includeTemplates');
        const s = getPath(entry, 'includeSelectors');
        if (!(t?.kind === 'scalar' && t.value === true) && !(s?.kind === 'scalar' && s.value === true)) continue;
        for (const p of asMap(getPath(entry, 'pairs'))?.pairs ?? []) {
          const v = scalarText(p.value);
          if (v !== undefined) added[String(p.key.value)] = v;
        }
      }
      const targets = new Set<string>();
      for (const r of asSeq(getPath(root, 'resources'))?.items ?? []) {
        const target = resolve(scalarText(r));
        if (target !== undefined) targets.add(target);
      }
      for (const target of targets) Object.assign(factsOf(target).addedLabels, added);
    }
  }
  return index;
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
