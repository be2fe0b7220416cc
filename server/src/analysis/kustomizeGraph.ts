// The graph of the workspace's kustomizations: what each one reads (resources, components, patches, generator
// files, …), which files a render of an overlay depends on, and which overlays (kustomizations no other one
// includes) include a given manifest, directly or through bases and components. Pure: paths are resolved on the
// URI strings, the way rules/kustomize.ts resolves them; the renderer (server/src/kustomize/) does the IO.
import type { ParsedFile, Span, WorkspaceView, YMap, YNode } from './model';
import { asMap, asSeq, asString, getPath, scalarText } from './yamlTree';
import { normalizePath } from './rules/kustomize';

export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** What a kustomization refers to, with the node that names it. */
export interface KustomizationReference {
  /** `resource` (a file or a folder), `component` (a folder), `patch` (a file) or `file` (anything else it reads). */
  role: 'resource' | 'component' | 'patch' | 'file';
  /** The path as written. */
  path: string;
  /** Resolved against the kustomization's folder and normalised. */
  target: string;
  /** A URL or git reference: Kustomize would fetch it over the network. */
  remote: boolean;
  span: Span;
}

export interface Kustomization {
  file: ParsedFile;
  /** The folder (URI or path without the trailing slash). */
  dir: string;
  root: YMap;
  references: KustomizationReference[];
}

/** Everything a render of one overlay reads, as far as the workspace shows it. */
export interface KustomizationInputs {
  /** Every kustomization file the render reads, the overlay's first. */
  kustomizations: string[];
  /** Every other file it names (manifests, patches, generator sources), whether or not it is in the workspace. */
  files: string[];
  /** Remote resources (URLs, git references): refused, since a render must not use the network. */
  remote: { reference: KustomizationReference; kustomization: string }[];
}

/** A remote base: `https://…`, `git@…`, `github.com/…`, or anything with a `?ref=`. */
export function isRemoteReference(path: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path) || /^git@/.test(path) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(path) || /[?&](ref|version|timeout|submodules)=/.test(path);
}

export function dirOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/'));
}

export function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function isKustomizationFile(file: ParsedFile): YMap | undefined {
  const name = baseName(file.uri);
  for (const doc of file.documents) {
    const root = asMap(doc.root);
    if (!root) continue;
    const kind = asString(getPath(root, 'kind'));
    if (kind === 'Kustomization' || kind === 'Component') return root;
    if (kind === undefined && (KUSTOMIZATION_FILE_NAMES as readonly string[]).includes(name)) return root;
  }
  return undefined;
}

function referencesOf(dir: string, root: YMap): KustomizationReference[] {
  const out: KustomizationReference[] = [];
  const add = (role: KustomizationReference['role'], node: YNode | undefined) => {
    const path = scalarText(node);
    if (!node || path === undefined || path === '' || path.includes('\n')) return;
    const remote = isRemoteReference(path);
    out.push({ role, path, target: remote ? path : normalizePath(`${dir}/${path}`).replace(/\/+$/, ''), remote, span: node.span });
  };
  const items = (key: string) => asSeq(getPath(root, key))?.items ?? [];
  for (const r of items('resources')) add('resource', r);
  for (const r of items('bases')) add('resource', r);
  for (const c of items('components')) add('component', c);
  for (const p of items('patches')) add('patch', getPath(p, 'path'));
  for (const p of items('patchesStrategicMerge')) if (p.kind === 'scalar' && !String(p.source).includes('\n')) add('patch', p);
  for (const p of items('patchesJson6902')) add('patch', getPath(p, 'path'));
  for (const key of ['crds', 'configurations', 'transformers', 'generators', 'validators']) for (const f of items(key)) if (f.kind === 'scalar') add('file', f);
  for (const p of items('replacements')) add('file', getPath(p, 'path'));
  add('file', getPath(root, 'openapi', 'path'));
  for (const key of ['configMapGenerator', 'secretGenerator']) {
    for (const g of items(key)) {
      for (const f of asSeq(getPath(g, 'files'))?.items ?? []) {
        const text = scalarText(f);
        if (text === undefined) continue;
        // `key=path` names the key explicitly.
        const eq = text.indexOf('=');
        const path = eq >= 0 ? text.slice(eq + 1) : text;
        out.push({ role: 'file', path, target: normalizePath(`${dir}/${path}`), remote: false, span: f.span });
      }
      for (const e of asSeq(getPath(g, 'envs'))?.items ?? []) add('file', e);
      add('file', getPath(g, 'env'));
    }
  }
  return out;
}

/** The workspace's kustomizations by folder, rebuilt when the workspace's revision moves. */
export class KustomizationGraph {
  readonly byDir = new Map<string, Kustomization>();
  /** Folders of kustomizations some other kustomization lists as a resource or component. */
  private readonly included = new Set<string>();
  private readonly overlaysOf = new Map<string, string[]>();

  constructor(files: ParsedFile[]) {
    for (const file of files) {
      const root = isKustomizationFile(file);
      if (!root) continue;
      const dir = dirOf(normalizePath(file.uri));
      // Kustomize refuses a folder with two kustomization files; the first one found stands for it.
      if (this.byDir.has(dir)) continue;
      this.byDir.set(dir, { file, dir, root, references: referencesOf(dir, root) });
    }
    for (const k of this.byDir.values()) {
      for (const r of k.references) if ((r.role === 'resource' || r.role === 'component') && this.byDir.has(r.target)) this.included.add(r.target);
    }
  }

  /** The kustomization of a folder, if the workspace holds one. */
  at(dir: string): Kustomization | undefined {
    return this.byDir.get(normalizePath(dir).replace(/\/+$/, ''));
  }

  /** Kustomizations that no other kustomization includes: the ones that get rendered and deployed. */
  overlays(): Kustomization[] {
    return [...this.byDir.values()].filter((k) => !this.included.has(k.dir) && asString(getPath(k.root, 'kind')) !== 'Component');
  }

  /** Everything a render of `dir` reads, transitively. */
  inputs(dir: string): KustomizationInputs {
    const kustomizations: string[] = [];
    const files = new Set<string>();
    const remote: KustomizationInputs['remote'] = [];
    const seen = new Set<string>();
    const visit = (k: Kustomization) => {
      if (seen.has(k.dir)) return;
      seen.add(k.dir);
      kustomizations.push(k.file.uri);
      for (const r of k.references) {
        if (r.remote) {
          remote.push({ reference: r, kustomization: k.file.uri });
          continue;
        }
        const sub = (r.role === 'resource' || r.role === 'component') ? this.byDir.get(r.target) : undefined;
        if (sub) visit(sub);
        else files.add(r.target);
      }
    };
    const k = this.at(dir);
    if (k) visit(k);
    return { kustomizations, files: [...files], remote };
  }

  /**
   * The chain of kustomizations from the overlay `dir` down to the one that lists `uri` (overlay first), or
   * undefined when the overlay does not include it.
   */
  chainTo(dir: string, uri: string): Kustomization[] | undefined {
    const target = normalizePath(uri);
    const seen = new Set<string>();
    const walk = (k: Kustomization): Kustomization[] | undefined => {
      if (seen.has(k.dir)) return undefined;
      seen.add(k.dir);
      for (const r of k.references) {
        if (r.remote) continue;
        if (r.target === target) return [k];
        const sub = (r.role === 'resource' || r.role === 'component') ? this.byDir.get(r.target) : undefined;
        const below = sub && walk(sub);
        if (below) return [k, ...below];
      }
      return undefined;
    };
    const k = this.at(dir);
    return k && walk(k);
  }

  /** Folders of the overlays that include `uri` (through any number of bases and components), sorted. */
  overlaysIncluding(uri: string): string[] {
    const key = normalizePath(uri);
    let found = this.overlaysOf.get(key);
    if (!found) {
      found = this.overlays().filter((o) => this.chainTo(o.dir, key) !== undefined).map((o) => o.dir).sort();
      this.overlaysOf.set(key, found);
    }
    return found;
  }
}

const graphs = new WeakMap<WorkspaceView, { revision: number; graph: KustomizationGraph }>();

/** The graph of a workspace, built once per workspace revision. */
export function kustomizationGraph(workspace: WorkspaceView): KustomizationGraph {
  const revision = (workspace as { revision?: unknown }).revision;
  const cached = graphs.get(workspace);
  if (typeof revision === 'number' && cached && cached.revision === revision) return cached.graph;
  const graph = new KustomizationGraph(workspace.files());
  if (typeof revision === 'number') graphs.set(workspace, { revision, graph });
  return graph;
}
