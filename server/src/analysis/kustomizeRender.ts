// What an overlay really deploys: the YAML that Kustomize rendered (by the renderer outside analysis/) read as a
// workspace of its own, so identities resolve the *rendered* Service and the rule catalogue runs on the rendered
// objects. Each rendered object is mapped back to the file it came from through the origin annotation Kustomize
// adds (`config.kubernetes.io/origin`), which is removed before analysis. A finding that only exists after
// rendering is reported in the user's files: on the patch node, or the kustomization line (namePrefix, namespace,
// replicas, labels …) that caused it, saying which overlay. Pure: renders enter as data (KustomizeRenders).
import { parseAllDocuments } from 'yaml';
import type { AnalysisSettings, Finding, ParsedFile, Resource, Span, StatefulSetIdentity, WorkspaceView, YNode } from './model';
import { ManifestWorkspace } from './workspace';
import { asMap, asSeq, getPair, getPath, scalarText } from './yamlTree';
import { baseName, kustomizationGraph, type Kustomization, type KustomizationGraph } from './kustomizeGraph';
import { normalizePath } from './rules/kustomize';

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';
export const TRANSFORMATIONS_ANNOTATION = 'alpha.config.kubernetes.io/transformations';

/** One render of an overlay, as the renderer hands it to the analysis. */
export interface KustomizeRenderInput {
  /** The overlay's folder, spelled as the workspace spells its files (URI or path), without a trailing slash. */
  dir: string;
  /** What Kustomize printed on success. */
  text?: string;
  /** What Kustomize printed on failure (or why it was not run), shown as it is. */
  error?: string;
  /**
   * The folder the origin paths are relative to (the temporary kustomization's), absolute and spelled as the
   * workspace spells files: `file:///tmp/r1` in the server, `/tmp/r1` in the CLI.
   */
  originRoot: string;
  /** When the workspace names files by relative paths: the absolute folder they are relative to. */
  relativeTo?: string;
}

/** A rendered StatefulSet and where it came from. */
export interface RenderedStatefulSet {
  identity: StatefulSetIdentity;
  /** The file and StatefulSet it was rendered from, when the origin annotation names a workspace file. */
  source?: { uri: string; resource: Resource };
  /** The rendered text's findings on it (spans in the rendered text). */
  findings: Finding[];
}

export interface RenderedOverlay {
  dir: string;
  /** The overlay's name: its folder's name (`prod`). */
  name: string;
  /** The overlay's kustomization file. */
  kustomizationUri: string | undefined;
  /** The render failed: Kustomize's message. */
  error?: string;
  /** The cleaned rendered text (origin annotations removed) and its parse. */
  rendered?: ParsedFile;
  statefulSets: RenderedStatefulSet[];
  /** Findings in the user's files: the render's error on the kustomization, and findings only the render has. */
  findings: Finding[];
  /**
   * Everything the rendered StatefulSets are reported for, placed in the user's files: the findings the
   * sources have too (as the sources report them) and the rendered-only ones (for `check --kustomize`).
   */
  deployedFindings: Finding[];
  /** The workspace file each rendered document came from (by document index), when the origin names one. */
  origins: (string | undefined)[];
}

/** The URI of the rendered text of an overlay: not a file on disk. */
export function renderedUri(dir: string): string {
  return `${dir}/.statefulset-lens-rendered.yaml`;
}

interface Origin {
  path: string;
  uri: string;
}

/** Removes the origin and transformation annotations (and an `annotations` map left empty); keeps the origins. */
export function stripOrigins(text: string, originRoot: string, relativeTo?: string): { text: string; origins: (Origin | undefined)[] } {
  const docs = parseAllDocuments(text, { uniqueKeys: false });
  if (!Array.isArray(docs)) return { text, origins: [] };
  const origins: (Origin | undefined)[] = [];
  const out: string[] = [];
  for (const doc of docs) {
    if (doc.errors.length) return { text, origins: [] };
    const annotations = ['metadata', 'annotations'];
    const origin = doc.getIn([...annotations, ORIGIN_ANNOTATION]);
    let path: string | undefined;
    if (typeof origin === 'string') {
      const m = /^path:\s*(.+?)\s*$/m.exec(origin);
      path = m?.[1].replace(/^(['"])(.*)\1$/, '$2');
    }
    origins.push(path === undefined ? undefined : { path, uri: resolveOrigin(originRoot, path, relativeTo) });
    if (doc.hasIn([...annotations, ORIGIN_ANNOTATION])) doc.deleteIn([...annotations, ORIGIN_ANNOTATION]);
    if (doc.hasIn([...annotations, TRANSFORMATIONS_ANNOTATION])) doc.deleteIn([...annotations, TRANSFORMATIONS_ANNOTATION]);
    const left = doc.getIn(annotations, true) as { items?: unknown[] } | undefined;
    if (left && Array.isArray(left.items) && left.items.length === 0) doc.deleteIn(annotations);
    const str = doc.toString({ lineWidth: 0 });
    out.push(out.length === 0 || str.startsWith('---') ? str : `---\n${str}`);
  }
  return { text: out.join(''), origins };
}

function resolveOrigin(originRoot: string, path: string, relativeTo?: string): string {
  // Workspace URIs are percent-encoded; plain paths are not.
  const encoded = originRoot.includes('://') ? path.split('/').map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s))).join('/') : path;
  const absolute = normalizePath(`${originRoot}/${encoded}`);
  return relativeTo === undefined ? absolute : relativePath(normalizePath(relativeTo), absolute);
}

/** `to` relative to the folder `from` (both absolute, `/`-separated), with `..` where needed. */
function relativePath(from: string, to: string): string {
  const a = from.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/') || '.';
}

/** The analysis of one render, against the workspace the user's files are in. */
export function analyzeRender(input: KustomizeRenderInput, workspace: ManifestWorkspace, settings: AnalysisSettings): RenderedOverlay {
  const graph = kustomizationGraph(workspace);
  const overlay = graph.at(input.dir);
  const name = baseName(input.dir);
  const kustomizationUri = overlay?.file.uri;
  const result: RenderedOverlay = { dir: input.dir, name, kustomizationUri, statefulSets: [], findings: [], deployedFindings: [], origins: [] };
  if (input.error !== undefined || input.text === undefined) {
    result.error = input.error ?? 'Kustomize printed nothing.';
    if (kustomizationUri) {
      // A refused remote base is reported on its own line; anything else on the kustomization's first key.
      const remote = graph.inputs(input.dir).remote.find((r) => r.kustomization === kustomizationUri);
      result.findings.push({
        ruleId: 'kustomize-build',
        severity: 'error',
        message: `Overlay ${name}: kustomize could not render it: ${result.error}`,
        uri: kustomizationUri,
        span: remote && input.error?.startsWith('remote base') ? remote.reference.span : firstKeySpan(overlay!.root),
      });
    }
    result.deployedFindings = [...result.findings];
    return result;
  }
  const { text, origins } = stripOrigins(input.text, input.originRoot, input.relativeTo);
  result.origins = origins.map((o) => (o && workspace.getFile(o.uri) ? o.uri : undefined));
  const uri = renderedUri(input.dir);
  const rendered = new ManifestWorkspace();
  rendered.setFile(uri, text);
  const analysis = rendered.analyzeFile(uri, settings);
  const file = rendered.getFile(uri)!;
  result.rendered = file;
  for (const identity of analysis.identities) {
    const resource = file.resources.find((r) => r.recognized === 'StatefulSet' && r.node.span.start === identity.span.start)!;
    const origin = origins[resource.documentIndex];
    const source = origin ? sourceStatefulSet(workspace, origin.uri, identity.name) : undefined;
    const findings = analysis.findings.filter((f) => f.span.start >= identity.span.start && f.span.end <= identity.span.end);
    result.statefulSets.push({ identity, source, findings });
    if (!source) continue;
    // What the source already reports is shown there; only what rendering adds is attributed to its cause.
    const sourceFindings = workspace.analyzeFile(source.uri, settings).findings.filter((f) => f.span.start >= source.resource.node.span.start && f.span.end <= source.resource.node.span.end);
    const known = new Set(sourceFindings.map((f) => f.ruleId));
    const chain = graph.chainTo(input.dir, source.uri) ?? (overlay ? [overlay] : []);
    const reported = new Set<string>();
    for (const f of findings) {
      if (known.has(f.ruleId)) {
        if (!reported.has(f.ruleId)) result.deployedFindings.push(...sourceFindings.filter((s) => s.ruleId === f.ruleId));
        reported.add(f.ruleId);
        continue;
      }
      const path = pathTo(resource.node, f.span);
      const cause = causeOf(f.ruleId, path, chain, source.resource, graph, workspace);
      const at = cause ?? { uri: source.uri, span: getPath(source.resource.node, 'metadata', 'name')?.span ?? source.resource.node.span };
      const message = f.message.split(` (${baseName(uri)})`).join(' (rendered)');
      const placed = { ruleId: f.ruleId, severity: f.severity, message: `Overlay ${name} (rendered by kustomize): ${message}`, uri: at.uri, span: at.span };
      result.findings.push(placed);
      result.deployedFindings.push(placed);
    }
  }
  return result;
}

/**
 * A rendered StatefulSet's identity placed in its source file: the rendered names and values, with every span
 * moved to the same field of the source StatefulSet (or, for a field only the render has, to its name), and the
 * rendered Service moved to the file it came from. This is what the preview and the CLI show for an overlay.
 */
export function sourceIdentity(overlay: RenderedOverlay, rendered: RenderedStatefulSet, workspace: WorkspaceView): StatefulSetIdentity | undefined {
  const source = rendered.source;
  const file = overlay.rendered;
  if (!source || !file) return undefined;
  const id = rendered.identity;
  const renderedNode = file.resources.find((r) => r.node.span.start === id.span.start)?.node;
  const srcNode = source.resource.node;
  const nameSpan = getPath(srcNode, 'metadata', 'name')?.span ?? srcNode.span;
  const move = (span: Span | undefined): Span | undefined => {
    if (!span || !renderedNode) return undefined;
    const path = pathTo(renderedNode, span);
    const node = path.length ? getPath(srcNode, ...path) : undefined;
    return node?.span;
  };
  const located = <T>(l: { value: T; span: Span | undefined }) => ({ value: l.value, span: move(l.span) });
  let service = id.service;
  if (service) {
    const svcResource = file.resources.find((r) => r.recognized === 'Service' && r.name === service!.name && r.namespace === service!.namespace);
    const svcUri = svcResource ? overlay.origins[svcResource.documentIndex] : undefined;
    const svcSource = svcUri ? workspace.getFile(svcUri)?.resources.filter((r) => r.recognized === 'Service' && r.name !== undefined && service!.name.includes(r.name)).sort((a, b) => b.name!.length - a.name!.length)[0] : undefined;
    service = { ...service, uri: svcSource ? svcUri! : source.uri, span: svcSource ? (getPath(svcSource.node, 'metadata', 'name')?.span ?? svcSource.node.span) : nameSpan };
  }
  return {
    ...id,
    uri: source.uri,
    documentIndex: source.resource.documentIndex,
    nameSpan,
    span: srcNode.span,
    replicas: located(id.replicas),
    startOrdinal: located(id.startOrdinal),
    serviceName: located(id.serviceName),
    service,
    claimTemplates: id.claimTemplates.map((c) => ({ ...c, span: move(c.span) ?? nameSpan })),
    podManagementPolicy: located(id.podManagementPolicy),
    update: {
      ...id.update,
      type: located(id.update.type),
      partition: located(id.update.partition),
      maxUnavailable: id.update.maxUnavailable && located(id.update.maxUnavailable),
      span: move(id.update.span),
    },
    retention: { ...id.retention, whenScaled: located(id.retention.whenScaled), whenDeleted: located(id.retention.whenDeleted), span: move(id.retention.span) },
  };
}

/** The StatefulSet of `uri` that rendered to `renderedName`: the one whose name it contains (prefix/suffix added). */
function sourceStatefulSet(workspace: WorkspaceView, uri: string, renderedName: string): { uri: string; resource: Resource } | undefined {
  const file = workspace.getFile(uri);
  if (!file) return undefined;
  const candidates = file.resources.filter((r) => r.recognized === 'StatefulSet');
  const exact = candidates.find((r) => r.name === renderedName);
  const contained = candidates.filter((r) => r.name && renderedName.includes(r.name)).sort((a, b) => (b.name!.length - a.name!.length));
  const resource = exact ?? contained[0] ?? (candidates.length === 1 ? candidates[0] : undefined);
  return resource && { uri, resource };
}

function firstKeySpan(root: { pairs: { key: { span: Span } }[]; span: Span }): Span {
  return root.pairs[0]?.key.span ?? { start: root.span.start, end: root.span.start };
}

/** The keys (and sequence indices) from `node` down to the deepest node containing `span`. */
export function pathTo(node: YNode, span: Span): (string | number)[] {
  const path: (string | number)[] = [];
  let current: YNode | undefined = node;
  while (current) {
    let next: YNode | undefined;
    if (current.kind === 'map') {
      for (const p of current.pairs) {
        const inKey = p.key.span.start <= span.start && span.end <= p.key.span.end;
        const inValue = p.value && p.value.span.start <= span.start && span.end <= p.value.span.end;
        if (inKey) {
          path.push(String(p.key.value));
          return path;
        }
        if (inValue) {
          path.push(String(p.key.value));
          next = p.value;
          break;
        }
      }
    } else if (current.kind === 'seq') {
      const i = current.items.findIndex((it) => it.span.start <= span.start && span.end <= it.span.end);
      if (i >= 0) {
        path.push(i);
        next = current.items[i];
      }
    }
    current = next;
  }
  return path;
}

const NAME_RULES = new Set(['invalid-name', 'name-too-long', 'pvc-name-too-long']);
const NAMESPACE_RULES = new Set(['fqdn-too-long', 'service-not-found', 'service-in-other-namespace']);
const REPLICA_RULES = new Set(['partition-skips-all', 'no-pod-anti-affinity']);
const LABEL_RULES = new Set(['selector-mismatch', 'invalid-label', 'service-selector-mismatch', 'per-pod-label-in-selector', 'no-pod-disruption-budget']);

type Location = { uri: string; span: Span };

/** Where in the user's files the change that produced a rendered-only finding was written. */
function causeOf(ruleId: string, path: (string | number)[], chain: Kustomization[], source: Resource, graph: KustomizationGraph, workspace: WorkspaceView): Location | undefined {
  // Components run inside the kustomization that lists them: search them right after it.
  const all: Kustomization[] = [];
  for (const k of chain) {
    all.push(k);
    for (const r of k.references) if (r.role === 'component') {
      const c = graph.at(r.target);
      if (c) all.push(c);
    }
  }
  const fieldPath = path.map(String);
  // 1. A patch that writes the field (or a field around it). Label findings are about the pod labels and the
  // selectors together, so a patch of either is the cause.
  const paths = LABEL_RULES.has(ruleId) ? [['spec', 'template', 'metadata', 'labels'], ['spec', 'selector'], fieldPath] : [fieldPath];
  for (const p of paths) {
    for (const k of all) {
      const hit = patchTouching(k, p, source, workspace);
      if (hit) return hit;
    }
  }
  const key = (names: string[]) => {
    for (const k of all) for (const n of names) {
      const pair = getPair(k.root, n);
      if (pair) return { uri: k.file.uri, span: pair.key.span };
    }
    return undefined;
  };
  const under = (...prefix: string[]) => prefix.every((p, i) => fieldPath[i] === p);
  // 2. The transformer the field belongs to.
  if (NAME_RULES.has(ruleId) || under('metadata', 'name')) return key(['namePrefix', 'nameSuffix']);
  if (NAMESPACE_RULES.has(ruleId) || under('metadata', 'namespace') || under('spec', 'serviceName')) return key(['namespace', 'namePrefix', 'nameSuffix']);
  if (under('spec', 'replicas') || REPLICA_RULES.has(ruleId)) return key(['replicas']) ?? key(['namePrefix']);
  if (LABEL_RULES.has(ruleId) || under('spec', 'selector') || under('spec', 'template', 'metadata', 'labels') || under('metadata', 'labels')) return key(['labels', 'commonLabels']);
  if (under('spec', 'template', 'spec', 'containers') && fieldPath.includes('image')) return key(['images']);
  return undefined;
}

/** Does the patch name this StatefulSet (by target or by its own metadata.name)? */
function targets(entry: YNode | undefined, patchRoot: YNode | undefined, source: Resource): boolean {
  const target = getPath(entry, 'target');
  if (target) {
    const kind = scalarText(getPath(target, 'kind'));
    const name = scalarText(getPath(target, 'name'));
    if (kind !== undefined && kind !== 'StatefulSet') return false;
    if (name !== undefined && source.name !== undefined && !safeMatch(name, source.name)) return false;
    return true;
  }
  const kind = scalarText(getPath(patchRoot, 'kind'));
  const name = scalarText(getPath(patchRoot, 'metadata', 'name'));
  return (kind === undefined || kind === 'StatefulSet') && (name === undefined || name === source.name);
}

function safeMatch(pattern: string, name: string): boolean {
  if (pattern === name) return true;
  // Kustomize reads target names as regular expressions; one with a quantified group could take exponential
  // time on a crafted name, so such a pattern matches only itself.
  if (pattern.length > 200 || /\)[*+?{]/.test(pattern)) return false;
  try {
    return new RegExp(`^(?:${pattern})$`).test(name);
  } catch {
    return false;
  }
}

function related(a: string[], b: string[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return n > 0;
}

/** The deepest node of a strategic-merge patch on `path` (sequence items matched by position or `name`). */
function deepestOnPath(node: YNode | undefined, path: string[]): { node: YNode; depth: number } | undefined {
  let best: { node: YNode; depth: number } | undefined;
  let current = node;
  for (let i = 0; i < path.length && current; i++) {
    let next: YNode | undefined;
    if (current.kind === 'map') {
      const pair = getPair(current, path[i]);
      if (pair) {
        // A scalar is the value written; a map or list is pointed at by its key.
        best = { node: pair.value?.kind === 'scalar' ? pair.value : pair.key, depth: i + 1 };
        next = pair.value;
      }
    } else if (current.kind === 'seq') next = current.items[Number(path[i])] ?? (current.items.length === 1 ? current.items[0] : undefined);
    current = next;
  }
  return best;
}

function patchTouching(k: Kustomization, fieldPath: string[], source: Resource, workspace: WorkspaceView): Location | undefined {
  const dir = k.dir;
  const entries: { entry: YNode; pathNode?: YNode; inline?: YNode; json6902: boolean }[] = [];
  for (const e of asSeq(getPath(k.root, 'patches'))?.items ?? []) entries.push({ entry: e, pathNode: getPath(e, 'path'), inline: getPath(e, 'patch'), json6902: false });
  for (const e of asSeq(getPath(k.root, 'patchesStrategicMerge'))?.items ?? []) {
    if (e.kind === 'scalar' && String(e.source).includes('\n')) entries.push({ entry: e, inline: e, json6902: false });
    else entries.push({ entry: e, pathNode: e, json6902: false });
  }
  for (const e of asSeq(getPath(k.root, 'patchesJson6902'))?.items ?? []) entries.push({ entry: e, pathNode: getPath(e, 'path'), inline: getPath(e, 'patch'), json6902: true });
  const minDepth = Math.min(2, fieldPath.length);
  for (const { entry, pathNode, inline } of entries) {
    const here: Location = { uri: k.file.uri, span: (pathNode ?? inline ?? entry).span };
    if (pathNode) {
      const file = workspace.getFile(normalizePath(`${dir}/${scalarText(pathNode) ?? ''}`)) ?? workspace.files().find((f) => normalizePath(f.uri) === normalizePath(`${dir}/${scalarText(pathNode) ?? ''}`));
      if (!file) continue;
      for (const doc of file.documents) {
        const root = doc.root;
        const ops = asSeq(root);
        if (ops) {
          // JSON 6902: a list of operations, each with a JSON pointer.
          if (!targets(entry, undefined, source)) continue;
          for (const op of ops.items) {
            const p = scalarText(getPath(op, 'path'));
            if (p !== undefined && related(jsonPointer(p), fieldPath)) return { uri: file.uri, span: getPath(op, 'path')!.span };
          }
        } else if (asMap(root) && targets(entry, root, source)) {
          const hit = deepestOnPath(root, fieldPath);
          if (hit && hit.depth >= minDepth) return { uri: file.uri, span: hit.node.span };
        }
      }
    } else if (inline) {
      const text = scalarText(inline) ?? '';
      const docs = parseAllDocuments(text);
      if (!Array.isArray(docs)) continue;
      for (const d of docs) {
        const value = d.toJS() as unknown;
        if (Array.isArray(value)) {
          if (!targets(entry, undefined, source)) continue;
          for (const op of value) if (op && typeof op.path === 'string' && related(jsonPointer(op.path), fieldPath)) return here;
        } else if (value && typeof value === 'object') {
          const md = (value as { metadata?: { name?: unknown } }).metadata;
          const fake = { kind: 'map', pairs: [], span: here.span } as YNode;
          if (!targets(entry, fake, source) && !(typeof md?.name === 'string' && md.name === source.name)) continue;
          let v: unknown = value;
          let depth = 0;
          for (const seg of fieldPath) {
            if (v && typeof v === 'object' && seg in (v as object)) {
              v = (v as Record<string, unknown>)[seg];
              depth++;
            } else break;
          }
          if (depth >= minDepth) return here;
        }
      }
    }
  }
  return undefined;
}

function jsonPointer(p: string): string[] {
  return p.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The renders of the workspace's overlays, kept as inputs of the analysis (set by the renderer). */
export class KustomizeRenders {
  private readonly inputs = new Map<string, KustomizeRenderInput>();
  private readonly analyses = new Map<string, { key: string; files: (ParsedFile | undefined)[]; result: RenderedOverlay }>();
  private _revision = 0;

  constructor(private readonly workspace: ManifestWorkspace) {}

  /** Bumped by every render set or dropped. */
  get revision(): number {
    return this._revision;
  }

  /** Sets (or with undefined, drops) the render of an overlay folder. Returns false when nothing changed. */
  set(dir: string, render: KustomizeRenderInput | undefined): boolean {
    const old = this.inputs.get(dir);
    if (render === undefined ? old === undefined : old !== undefined && old.text === render.text && old.error === render.error && old.originRoot === render.originRoot && old.relativeTo === render.relativeTo) return false;
    if (render === undefined) this.inputs.delete(dir);
    else this.inputs.set(dir, render);
    this.analyses.delete(dir);
    this._revision++;
    return true;
  }

  get(dir: string): KustomizeRenderInput | undefined {
    return this.inputs.get(dir);
  }

  dirs(): string[] {
    return [...this.inputs.keys()].sort();
  }

  /**
   * The analysis of an overlay's render; cached until the render, the settings, the cross-file facts or one of
   * the files the render reads changes (an edit elsewhere in the workspace costs nothing here).
   */
  overlay(dir: string, settings: AnalysisSettings): RenderedOverlay | undefined {
    const input = this.inputs.get(dir);
    if (!input) return undefined;
    const key = `${this.workspace.crossFileRevision}\u0000${JSON.stringify(settings)}`;
    const inputs = kustomizationGraph(this.workspace).inputs(dir);
    const files = [...inputs.kustomizations, ...inputs.files].map((uri) => this.workspace.getFile(uri));
    const cached = this.analyses.get(dir);
    if (cached && cached.key === key && cached.files.length === files.length && cached.files.every((f, i) => f === files[i])) return cached.result;
    const result = analyzeRender(input, this.workspace, settings);
    this.analyses.set(dir, { key, files, result });
    return result;
  }

  /** Overlays (folders) that include the file, rendered or not. */
  overlaysIncluding(uri: string): string[] {
    return kustomizationGraph(this.workspace).overlaysIncluding(uri);
  }

  /** Every rendered StatefulSet that came from the StatefulSet at `sourceSpanStart` of `uri`, per overlay. */
  renderedFrom(uri: string, sourceSpanStart: number, settings: AnalysisSettings): { overlay: RenderedOverlay; statefulSet: RenderedStatefulSet }[] {
    const out: { overlay: RenderedOverlay; statefulSet: RenderedStatefulSet }[] = [];
    for (const dir of this.overlaysIncluding(uri)) {
      const overlay = this.overlay(dir, settings);
      for (const s of overlay?.statefulSets ?? []) {
        if (s.source && normalizePath(s.source.uri) === normalizePath(uri) && s.source.resource.node.span.start === sourceSpanStart) out.push({ overlay: overlay!, statefulSet: s });
      }
    }
    return out;
  }

  /** Findings the renders place in `uri` (render errors on kustomizations, rendered-only findings). */
  findingsIn(uri: string, settings: AnalysisSettings): Finding[] {
    const out: Finding[] = [];
    const key = normalizePath(uri);
    for (const dir of this.inputs.keys()) {
      for (const f of this.overlay(dir, settings)?.findings ?? []) if (normalizePath(f.uri) === key) out.push({ ...f, uri });
    }
    return out;
  }
}

