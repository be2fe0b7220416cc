// The workspace index: every manifest file of a workspace, parsed once per text, with StatefulSets and
// Services indexed so that a StatefulSet in one file finds its Service in another. Per-file analyses are
// cached and reused until the file's text, the settings or the cross-file facts they depend on change.
// Long-lived state lives in this class (not in module globals); it does no IO.
import type { AnalysisSettings, FileAnalysis, ParsedFile, Resource, ResourceKind, StatefulSetIdentity, WorkspaceView } from './model';
import { parseFile } from './parse';
import { buildIdentity } from './identity';
import { withDefaultNamespace } from './resources';
import { getPath, toPlain } from './yamlTree';
import { checkFile } from './rules/index';
import { KustomizeRenders } from './kustomizeRender';

/** Resource kinds whose content can change the analysis of *other* files. */
const CROSS_FILE_KINDS = new Set(['Service', 'PodDisruptionBudget', 'StorageClass', 'Kustomization']);

interface ResourceIndex {
  revision: number;
  byKind: Map<ResourceKind, Resource[]>;
  byName: Map<string, Resource[]>;
}

const indexKey = (kind: ResourceKind, namespace: string, name: string) => `${kind}\u0000${namespace}\u0000${name}`;

function push<K>(map: Map<K, Resource[]>, key: K, r: Resource): void {
  const list = map.get(key);
  if (list) list.push(r);
  else map.set(key, [r]);
}

interface CachedAnalysis {
  file: ParsedFile;
  crossFileRevision: number;
  settingsKey: string;
  result: FileAnalysis;
}

export class ManifestWorkspace implements WorkspaceView {
  private readonly parsed = new Map<string, ParsedFile>();
  private readonly crossFileFacts = new Map<string, string>();
  private readonly analyses = new Map<string, CachedAnalysis>();
  private defaultNamespace = 'default';
  private index: ResourceIndex | undefined;
  private _revision = 0;
  private _crossFileRevision = 0;
  /** Overlay renders by Kustomize (inputs set by the renderer) and their analysis: see kustomizeRender.ts. */
  readonly kustomize: KustomizeRenders = new KustomizeRenders(this);
  /** How many times a file was parsed (for tests and the benchmark: unchanged files are never re-parsed). */
  parseCount = 0;

  /** Bumped by every change to any file. */
  get revision(): number {
    return this._revision;
  }

  /** Bumped only when a change can affect other files' analyses (Services, PDBs, StorageClasses, kustomizations). */
  get crossFileRevision(): number {
    return this._crossFileRevision;
  }

  /** Adds or replaces a file; returns false (and parses nothing) when its text is unchanged. */
  setFile(uri: string, text: string): boolean {
    const old = this.parsed.get(uri);
    if (old && old.text === text) return false;
    this.parseCount++;
    const file = parseFile(uri, text, this.defaultNamespace);
    this.parsed.set(uri, file);
    this._revision++;
    this.updateCrossFileFacts(uri, file);
    return true;
  }

  removeFile(uri: string): boolean {
    if (!this.parsed.delete(uri)) return false;
    this.analyses.delete(uri);
    this._revision++;
    this.updateCrossFileFacts(uri, undefined);
    return true;
  }

  getFile(uri: string): ParsedFile | undefined {
    return this.parsed.get(uri);
  }

  files(): ParsedFile[] {
    return [...this.parsed.values()];
  }

  uris(): string[] {
    return [...this.parsed.keys()];
  }

  resources(kind: ResourceKind): Resource[] {
    return this.indexed().byKind.get(kind) ?? [];
  }

  /** Services with this name in this namespace; the one in `preferUri` first. */
  findServices(name: string, namespace: string, preferUri?: string): Resource[] {
    const found = this.indexed().byName.get(indexKey('Service', namespace, name)) ?? [];
    return preferUri === undefined ? found : [...found].sort((a, b) => Number(b.uri === preferUri) - Number(a.uri === preferUri));
  }

  /** StatefulSets with this name in this namespace, in file order. */
  findStatefulSets(name: string, namespace: string): Resource[] {
    return this.indexed().byName.get(indexKey('StatefulSet', namespace, name)) ?? [];
  }

  /** Resources by kind and by (kind, namespace, name), rebuilt lazily after a change. */
  private indexed(): ResourceIndex {
    if (this.index && this.index.revision === this._revision) return this.index;
    const byKind = new Map<ResourceKind, Resource[]>();
    const byName = new Map<string, Resource[]>();
    for (const f of this.parsed.values()) {
      for (const r of f.resources) {
        push(byKind, r.recognized, r);
        if (r.name !== undefined && r.recognized !== 'other') push(byName, indexKey(r.recognized, r.namespace, r.name), r);
      }
    }
    this.index = { revision: this._revision, byKind, byName };
    return this.index;
  }

  /** Identities and findings of one file (empty for unknown files). Cached until something relevant changes. */
  analyzeFile(uri: string, settings: AnalysisSettings): FileAnalysis {
    this.applyDefaultNamespace(settings.defaultNamespace);
    const file = this.parsed.get(uri);
    if (!file) return { uri, identities: [], findings: [] };
    const settingsKey = JSON.stringify(settings);
    const cached = this.analyses.get(uri);
    if (cached && cached.file === file && cached.crossFileRevision === this._crossFileRevision && cached.settingsKey === settingsKey) {
      return cached.result;
    }
    const statefulSets = file.resources
      .filter((r) => r.recognized === 'StatefulSet')
      .map((resource) => ({ resource, identity: this.identityOf(resource, settings) }));
    let findings;
    try {
      findings = checkFile({ file, workspace: this, settings, statefulSets });
    } catch (err) {
      // A defect in a check must not cost the user the rest of the analysis.
      findings = [
        ...file.problems,
        { ruleId: 'internal-error', severity: 'information' as const, message: `StatefulSet Lens could not finish checking this file: ${String((err as Error)?.message ?? err)}`, uri, span: { start: 0, end: 0 } },
      ];
    }
    const result: FileAnalysis = { uri, identities: statefulSets.map((s) => s.identity), findings };
    this.analyses.set(uri, { file, crossFileRevision: this._crossFileRevision, settingsKey, result });
    return result;
  }

  /** One StatefulSet's identity, optionally as if `spec.replicas` were `replicasOverride` (what-if). */
  identityOf(resource: Resource, settings: AnalysisSettings, replicasOverride?: number): StatefulSetIdentity {
    this.applyDefaultNamespace(settings.defaultNamespace);
    const current = this.parsed.get(resource.uri)?.resources.find((r) => r.node === resource.node) ?? resource;
    return buildIdentity(current, (name, namespace, preferUri) => this.findServices(name, namespace, preferUri)[0], settings, replicasOverride);
  }

  /** The StatefulSet whose object contains `offset` in `uri`, if any. */
  statefulSetAt(uri: string, offset: number): Resource | undefined {
    return this.parsed.get(uri)?.resources.find((r) => r.recognized === 'StatefulSet' && r.node.span.start <= offset && offset <= r.node.span.end);
  }

  private applyDefaultNamespace(ns: string): void {
    if (ns === this.defaultNamespace) return;
    this.defaultNamespace = ns;
    for (const [uri, file] of this.parsed) {
      const updated = { ...file, resources: withDefaultNamespace(file.resources, ns) };
      this.parsed.set(uri, updated);
      this.updateCrossFileFacts(uri, updated);
    }
    this._revision++;
    this._crossFileRevision++;
  }

  private updateCrossFileFacts(uri: string, file: ParsedFile | undefined): void {
    const facts = file ? crossFileFingerprint(file) : '';
    if ((this.crossFileFacts.get(uri) ?? '') !== facts) this._crossFileRevision++;
    if (facts) this.crossFileFacts.set(uri, facts);
    else this.crossFileFacts.delete(uri);
  }
}

/**
 * What other files can see of this one: its Services (spans included), PDBs, StorageClasses and kustomizations
 * as data, and of its StatefulSets only what a Service's checks may read (name, serviceName, selector, template
 * labels).
 */
function crossFileFingerprint(file: ParsedFile): string {
  const facts: unknown[] = [];
  if (/(^|[\\/])kustomization\.ya?ml$/i.test(file.uri)) facts.push(file.text);
  for (const r of file.resources) {
    // A Service's spans too: other files' results point into it (the resolved Service's name, the quick fix
    // that makes it headless), so a line added above it must re-analyse them.
    if (r.recognized === 'Service') facts.push([r.kind, r.namespace, r.node]);
    else if (CROSS_FILE_KINDS.has(r.recognized) || CROSS_FILE_KINDS.has(r.kind)) facts.push([r.kind, r.namespace, toPlain(r.node)]);
    else if (r.recognized === 'StatefulSet') {
      facts.push([r.kind, r.namespace, r.name, toPlain(getPath(r.node, 'spec', 'serviceName')), toPlain(getPath(r.node, 'spec', 'selector')), toPlain(getPath(r.node, 'spec', 'template', 'metadata', 'labels'))]);
    }
  }
  return facts.length ? JSON.stringify(facts) : '';
}
