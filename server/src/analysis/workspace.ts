// The workspace index: every manifest file of a workspace, parsed once per text, with StatefulSets and
// Services indexed so that a StatefulSet in one file finds its Service in another. Per-file analyses are
// cached and reused until the file's text, the settings or the cross-file facts they depend on change.
// An edit inside one YAML document re-parses that document only (parse.ts `reparseFile`), and the StatefulSets
// of unchanged documents reuse their identities and check findings (`StatefulSetResults`).
// Long-lived state lives in this class (not in module globals); it does no IO.
import type { AnalysisSettings, Finding, FileAnalysis, ManifestDocument, ParsedFile, Resource, ResourceKind, StatefulSetIdentity, WorkspaceView, YNode } from './model';
import { parseWholeFile, reparseFile, type ParseLayout, type ParseResult } from './parse';
import { anchorSpans, resolveAnchors, type Anchored } from './spanAnchors';
import { buildIdentity } from './identity';
import { withDefaultNamespace } from './resources';
import { getPath, toPlain } from './yamlTree';
import { checkFile, statefulSetChecker } from './rules/index';
import { Baseline, type BaselineInput } from './baseline';
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

/** One StatefulSet's identity and check findings, kept while its document is unchanged (see analyzeFile). */
interface StatefulSetResults {
  key: string;
  identity: Anchored<StatefulSetIdentity>;
  findings: Anchored<Finding[]> | undefined;
}

/** One StatefulSet analysed ahead by `prepareAnalysis`: valid for that parse of its file and that key only. */
interface PreparedStatefulSet {
  file: ParsedFile;
  key: string;
  identity: StatefulSetIdentity;
  findings: Finding[];
}

interface CachedAnalysis {
  file: ParsedFile;
  crossFileRevision: number;
  settingsKey: string;
  result: FileAnalysis;
}

export class ManifestWorkspace implements WorkspaceView {
  private readonly parsed = new Map<string, ParsedFile>();
  private readonly crossFileFacts = new Map<string, CrossFileFacts>();
  /** Per file, how often the cross-file revision moved only because its own facts moved to other offsets. */
  private readonly ownPositionMoves = new Map<string, number>();
  /** The segment layout of each file's parse, keyed on its documents array (kept by a namespace change). */
  private readonly layouts = new WeakMap<ManifestDocument[], ParseLayout>();
  /** Identities and findings of StatefulSets in unchanged documents (Resource objects live as long as their document). */
  private readonly statefulSetResults = new WeakMap<Resource, StatefulSetResults>();
  private readonly factsOfResource = new WeakMap<Resource, { positioned: string; content: string }>();
  /** StatefulSets analysed by `prepareAnalysis`, taken as they are by the next `analyzeFile` of the same parse. */
  private readonly prepared = new WeakMap<Resource, PreparedStatefulSet>();
  private readonly analyses = new Map<string, CachedAnalysis>();
  private defaultNamespace = 'default';
  private index: ResourceIndex | undefined;
  private _revision = 0;
  private _crossFileRevision = 0;
  private readonly baselines = new Map<string, Baseline>();
  /** One Baseline (with its parsed files) per input, however many roots share it. */
  private readonly baselineOf = new WeakMap<BaselineInput, Baseline>();
  /** Overlay renders by Kustomize (inputs set by the renderer) and their analysis: see kustomizeRender.ts. */
  readonly kustomize: KustomizeRenders = new KustomizeRenders(this);
  /** How many times a file was parsed (for tests and the benchmark: unchanged files are never re-parsed). */
  parseCount = 0;
  /** How many YAML documents were parsed (an edit inside one document of a file parses that one). */
  documentParseCount = 0;
  /** How many StatefulSets were checked (an edit inside one document re-checks the StatefulSets there). */
  statefulSetCheckCount = 0;

  /**
   * `keepForEdits: false` for a one-shot analysis (the CLI): no StatefulSet's identity and findings are kept for
   * reuse after an edit (copies with anchored spans, some 50 MB for 3000 StatefulSets). The results are the same.
   */
  constructor(private readonly options: { keepForEdits?: boolean } = {}) {}

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
    let old = this.parsed.get(uri);
    if (old && old.text === text) return false;
    // The old text's analysis is never reused: it (and through it the old tree) can go before the new parse.
    this.analyses.delete(uri);
    // A one-shot workspace (the CLI) parses a new text whole: re-parsing a segment would keep the old file alive
    // beside the new one, and its results are not kept for reuse anyway.
    let result = this.options.keepForEdits === false ? undefined : this.reparse(old, text);
    if (!result) {
      const replacing = old !== undefined;
      old = undefined;
      result = this.parseWhole(uri, text, replacing);
    }
    this.putParsed(uri, result);
    return true;
  }

  private reparse(old: ParsedFile | undefined, text: string): ParseResult | undefined {
    const layout = old && this.layouts.get(old.documents);
    return old && layout ? reparseFile(old, layout, text, this.defaultNamespace) : undefined;
  }

  /** A whole-file parse reads nothing of the old file: that is let go first (an empty file keeps its place). */
  private parseWhole(uri: string, text: string, replacing: boolean): ParseResult {
    if (replacing) {
      this.parsed.set(uri, { uri, text: '', documents: [], resources: [], problems: [], isTemplate: false });
      // The resource index (rebuilt on its next use anyway) holds the old file's resources and trees.
      this.index = undefined;
    }
    return parseWholeFile(uri, text, this.defaultNamespace);
  }

  /** The namespace resources that name none are parsed with (what a parse made elsewhere must be given). */
  get parseNamespace(): string {
    return this.defaultNamespace;
  }

  /**
   * Sets the file when the edit from its current text to `text` re-parses one segment (parse.ts `reparseFile`);
   * false, changing nothing, when it needs a whole-file parse (which the server may make off its main thread).
   */
  setFileIfIncremental(uri: string, text: string): boolean {
    const old = this.parsed.get(uri);
    const result = old && old.text !== text ? this.reparse(old, text) : undefined;
    if (!result) return false;
    this.putParsed(uri, result);
    return true;
  }

  /**
   * Sets a file from a whole-file parse of `text` made elsewhere (`parseWholeFile(uri, text, namespace)`, in the
   * server's parse worker): as `setFile`, without parsing here. False when the file already holds `text`.
   */
  setParsed(uri: string, text: string, result: ParseResult, namespace: string): boolean {
    const old = this.parsed.get(uri);
    if (old && old.text === text) return false;
    const file = { ...result.file, text };
    // The default namespace moved while it was parsed elsewhere.
    if (namespace !== this.defaultNamespace) file.resources = withDefaultNamespace(file.resources, this.defaultNamespace);
    this.putParsed(uri, { ...result, file });
    return true;
  }

  /** Sets a file's new parse (setFile has dropped its old analysis before parsing, to free it sooner). */
  private putParsed(uri: string, result: ParseResult): void {
    this.parseCount++;
    this.analyses.delete(uri);
    this.documentParseCount += result.parsedDocuments;
    // The resource index is of the previous revision (rebuilt on its next use): its resources and trees can go now.
    this.index = undefined;
    const { file } = result;
    if (result.layout) this.layouts.set(file.documents, result.layout);
    this.parsed.set(uri, file);
    this._revision++;
    this.updateCrossFileFacts(uri, file);
  }

  /**
   * Counts a file that holds nothing other files depend on, without parsing it (the server's scan skips such
   * files until they are opened). It reads as an empty file; `setFile` replaces it with the real text.
   */
  setUnparsed(uri: string): boolean {
    const old = this.parsed.get(uri);
    if (old && old.text === '') return false;
    this.parsed.set(uri, { uri, text: '', documents: [], resources: [], problems: [], isTemplate: false });
    this.analyses.delete(uri);
    this._revision++;
    this.updateCrossFileFacts(uri, undefined);
    this.ownPositionMoves.delete(uri);
    return true;
  }

  /**
   * Sets the git baseline (an input, like the files) of the files whose key starts with `root`, or removes it
   * with `undefined`; the apply plan (plan.ts) compares with it. False when that input is already set.
   */
  setBaseline(root: string, input: BaselineInput | undefined): boolean {
    if (this.baselines.get(root)?.input === input) return false;
    if (input) {
      let baseline = this.baselineOf.get(input);
      if (!baseline) this.baselineOf.set(input, (baseline = new Baseline(input)));
      this.baselines.set(root, baseline);
    } else this.baselines.delete(root);
    // Plans of every file may change: it moves what clients key diagnostics by.
    this._revision++;
    this._crossFileRevision++;
    return true;
  }

  /** The baseline of a file: the one whose root is the longest prefix of its key. */
  baselineFor(uri: string): Baseline | undefined {
    let best: [string, Baseline] | undefined;
    for (const entry of this.baselines) if (uri.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
    return best?.[1];
  }

  removeFile(uri: string): boolean {
    if (!this.parsed.delete(uri)) return false;
    this.analyses.delete(uri);
    this._revision++;
    this.updateCrossFileFacts(uri, undefined);
    this.ownPositionMoves.delete(uri);
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
    const cached = this.currentAnalysis(uri, file, settingsKey);
    if (cached) return cached.result;
    // A StatefulSet's results depend on its document, the settings, the file's kind (template or not), how many
    // files there are (messages count them) and what it can see of other documents: other files' facts, and this
    // file's facts apart from their offsets (spans into this file are anchored to their documents).
    const key = this.resultsKey(uri, file, settingsKey);
    const cache = this.statefulSetResults;
    const statefulSets = file.resources
      .filter((r) => r.recognized === 'StatefulSet')
      .map((resource) => {
        const ready = this.preparedFor(resource, file, key);
        if (ready) return { resource, identity: ready.identity };
        const kept = cache.get(resource);
        const reused = kept?.key === key ? resolveAnchors(kept.identity, file) : undefined;
        if (reused) return { resource, identity: reused };
        const identity = this.buildIdentityOf(resource, settings);
        const anchored = this.keepsResultsOf(file) ? anchorSpans(identity, file, resource.documentIndex) : undefined;
        if (anchored) cache.set(resource, { key, identity: anchored, findings: undefined });
        else cache.delete(resource);
        return { resource, identity };
      });
    const checked = (resource: Resource, run: () => Finding[]): Finding[] => {
      const ready = this.preparedFor(resource, file, key);
      // Taken once: what is kept for later edits is the anchored copy (statefulSetResults).
      this.prepared.delete(resource);
      if (ready) return ready.findings;
      const entry = cache.get(resource);
      const reused = entry?.key === key && entry.findings ? resolveAnchors(entry.findings, file) : undefined;
      if (reused) return reused;
      this.statefulSetCheckCount++;
      const findings = run();
      if (entry?.key === key) {
        entry.findings = anchorSpans(findings, file, resource.documentIndex);
        if (!entry.findings) cache.delete(resource);
      }
      return findings;
    };
    let findings;
    try {
      findings = checkFile({ file, workspace: this, settings, statefulSets, checked });
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

  /**
   * `analyzeFile` in steps, for a caller that must not hold its thread for long (the server): each step
   * analyses one StatefulSet of the file's current parse (identity and check findings, exactly as
   * `analyzeFile` computes them, kept as it keeps them) and the `analyzeFile` that follows takes them as they
   * are, leaving it the file-level steps. It stops early when the file, the settings or the cross-file facts
   * change between steps (what is left is then `analyzeFile`'s to compute).
   */
  *prepareAnalysis(uri: string, settings: AnalysisSettings): Generator<void, void, void> {
    this.applyDefaultNamespace(settings.defaultNamespace);
    const file = this.parsed.get(uri);
    if (!file) return;
    const settingsKey = JSON.stringify(settings);
    if (this.currentAnalysis(uri, file, settingsKey)) return;
    const key = this.resultsKey(uri, file, settingsKey);
    let check: ReturnType<typeof statefulSetChecker> | undefined;
    for (const resource of file.resources) {
      if (resource.recognized !== 'StatefulSet' || this.preparedFor(resource, file, key)) continue;
      const kept = this.statefulSetResults.get(resource);
      if (kept?.key === key && kept.findings) continue; // analyzeFile reuses it as it is
      let identity: StatefulSetIdentity;
      let findings: Finding[];
      try {
        identity = this.buildIdentityOf(resource, settings);
        check ??= statefulSetChecker({ file, workspace: this, settings });
        findings = check(resource, identity);
      } catch {
        return; // analyzeFile reports a defect of a check as it does
      }
      this.statefulSetCheckCount++;
      const identityAnchored = this.keepsResultsOf(file) ? anchorSpans(identity, file, resource.documentIndex) : undefined;
      const findingsAnchored = identityAnchored ? anchorSpans(findings, file, resource.documentIndex) : undefined;
      if (identityAnchored && findingsAnchored) this.statefulSetResults.set(resource, { key, identity: identityAnchored, findings: findingsAnchored });
      this.prepared.set(resource, { file, key, identity, findings });
      yield;
      if (this.parsed.get(uri) !== file || this.resultsKey(uri, file, settingsKey) !== key) return;
    }
  }

  /** The cached analysis of the file's current parse, when the cross-file facts and settings are those it had. */
  private currentAnalysis(uri: string, file: ParsedFile, settingsKey: string): CachedAnalysis | undefined {
    const cached = this.analyses.get(uri);
    return cached && cached.file === file && cached.crossFileRevision === this._crossFileRevision && cached.settingsKey === settingsKey ? cached : undefined;
  }

  private buildIdentityOf(resource: Resource, settings: AnalysisSettings, replicasOverride?: number): StatefulSetIdentity {
    return buildIdentity(resource, (name, namespace, preferUri) => this.findServices(name, namespace, preferUri)[0], settings, replicasOverride);
  }

  /**
   * Whether StatefulSets' results are kept for reuse after edits: not in a one-shot workspace, and not for a single
   * document, which any edit re-parses (nothing of it could be reused).
   */
  private keepsResultsOf(file: ParsedFile): boolean {
    return this.options.keepForEdits !== false && file.documents.length > 1;
  }

  /** What a StatefulSet's kept results depend on besides its document (see analyzeFile). */
  private resultsKey(uri: string, file: ParsedFile, settingsKey: string): string {
    return `${this._crossFileRevision - (this.ownPositionMoves.get(uri) ?? 0)}\u0000${this.parsed.size}\u0000${file.isTemplate}\u0000${settingsKey}`;
  }

  private preparedFor(resource: Resource, file: ParsedFile, key: string): PreparedStatefulSet | undefined {
    const ready = this.prepared.get(resource);
    return ready && ready.file === file && ready.key === key ? ready : undefined;
  }

  /** One StatefulSet's identity, optionally as if `spec.replicas` were `replicasOverride` (what-if). */
  identityOf(resource: Resource, settings: AnalysisSettings, replicasOverride?: number): StatefulSetIdentity {
    this.applyDefaultNamespace(settings.defaultNamespace);
    const current = this.parsed.get(resource.uri)?.resources.find((r) => r.node === resource.node) ?? resource;
    return this.buildIdentityOf(current, settings, replicasOverride);
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
    const facts = file ? this.crossFileFingerprint(file) : undefined;
    const old = this.crossFileFacts.get(uri);
    const moved = !sameItems(old?.offsets, facts?.offsets) || !sameItems(old?.positioned, facts?.positioned);
    const changed = !sameItems(old?.content, facts?.content);
    if (moved || changed) this._crossFileRevision++;
    // Moved, not changed: this file's own cached StatefulSet results stay valid (their spans are anchored).
    if (moved && !changed && file) this.ownPositionMoves.set(uri, (this.ownPositionMoves.get(uri) ?? 0) + 1);
    if (facts && facts.content.length > 0) this.crossFileFacts.set(uri, facts);
    else this.crossFileFacts.delete(uri);
  }

  /**
   * What other files can see of this one: its Services (spans included), PDBs, StorageClasses and kustomizations
   * as data, and of its StatefulSets only what a Service's checks may read (name, serviceName, selector, template
   * labels); with their documents' offsets, and without positions (`content`). Each resource's part is computed
   * once (spans relative to its document), so an edit costs the resources it touches.
   */
  private crossFileFingerprint(file: ParsedFile): CrossFileFacts {
    const facts: CrossFileFacts = { offsets: [], positioned: [], content: [] };
    // Every file whose documents a kustomization index reads without a `kind` (rules/kustomize.ts).
    if (/(^|[\\/])(kustomization\.ya?ml|kustomization)$/i.test(file.uri)) {
      facts.positioned.push(file.text);
      facts.content.push(file.text);
    }
    for (const r of file.resources) {
      let own = this.factsOfResource.get(r);
      if (!own) {
        own = resourceFacts(r, file.documents[r.documentIndex]?.span.start ?? 0);
        this.factsOfResource.set(r, own);
      }
      if (!own.content) continue;
      facts.offsets.push(file.documents[r.documentIndex]?.span.start ?? 0);
      facts.positioned.push(own.positioned);
      facts.content.push(own.content);
    }
    return facts;
  }
}

interface CrossFileFacts {
  offsets: number[];
  positioned: string[];
  content: string[];
}

function sameItems<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/**
 * One resource's part of the cross-file facts: a Service with its spans (other files' results point into it:
 * the resolved Service's name, the quick fix that makes it headless), relative to its document's offset `base`.
 * Other kinds hold no span, so what they show is the same with and without positions.
 */
function resourceFacts(r: Resource, base: number): { positioned: string; content: string } {
  if (r.recognized === 'Service') {
    const content = JSON.stringify([r.kind, r.namespace, toPlain(r.node)]);
    return { positioned: `${JSON.stringify([r.kind, r.namespace])}${positionedNode(r.node, base)}`, content };
  }
  let data: unknown;
  if (CROSS_FILE_KINDS.has(r.recognized) || CROSS_FILE_KINDS.has(r.kind)) data = [r.kind, r.namespace, toPlain(r.node)];
  else if (r.recognized === 'StatefulSet') {
    data = [r.kind, r.namespace, r.name, toPlain(getPath(r.node, 'spec', 'serviceName')), toPlain(getPath(r.node, 'spec', 'selector')), toPlain(getPath(r.node, 'spec', 'template', 'metadata', 'labels'))];
  } else return { positioned: '', content: '' };
  const positioned = JSON.stringify(data);
  return { positioned, content: positioned };
}

/**
 * A node's tree as text with every span relative to `base`: two trees give the same text exactly when they have
 * the same keys, values, sources and relative spans. Written out rather than through JSON.stringify with a
 * replacer, which calls back for every key of every node (a Service per document of a large file adds up).
 */
function positionedNode(node: YNode | undefined, base: number): string {
  if (node === undefined) return '~';
  const at = `${node.span.start - base},${node.span.end - base}`;
  switch (node.kind) {
    case 'scalar':
      return `s${at}${JSON.stringify([node.value, node.source])}`;
    case 'seq': {
      let out = `[${at}`;
      for (const item of node.items) out += ` ${positionedNode(item, base)}`;
      return `${out}]`;
    }
    case 'map': {
      let out = `{${at}`;
      for (const p of node.pairs) out += ` ${positionedNode(p.key, base)}:${positionedNode(p.value, base)}`;
      return `${out}}`;
    }
  }
}
