// The result model of the pure analysis: what the CLI prints and the language server turns into LSP values.
// Everything here is plain JSON-serialisable data; positions are UTF-16 offsets into the document text
// (what JavaScript strings, the `yaml` parser and LSP's default encoding all count). No LSP types here.

/** A half-open range `[start, end)` of UTF-16 code-unit offsets into one document's text. */
export interface Span {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** One problem found in a manifest: a YAML error, or a rule from the catalogue. */
export interface Finding {
  /** Stable kebab-case id (`yaml-syntax` for parse errors; catalogue ids otherwise). */
  ruleId: string;
  severity: Severity;
  /** What is wrong, what happens in the cluster, what to do. Names the values involved. */
  message: string;
  /** URI (or path) of the file the finding is in. */
  uri: string;
  /** The offending node: the value, or the key when the value is missing. */
  span: Span;
  /**
   * Edits that resolve the finding, when the analysis knows the right one (a typo with one nearest valid
   * value, a block the API server forbids, a missing Service to create), plus a suppression comment for
   * every catalogue rule. Absent when there is none. The editor offers them as quick fixes; applying any
   * one of them and analysing again makes this finding disappear without adding an error.
   */
  fixes?: Fix[];
}

/** One way to resolve a finding: a titled set of text edits, possibly in several files. */
export interface Fix {
  /** Imperative and short, quoting the new value: `Change to 'Parallel'`. */
  title: string;
  /** Non-overlapping edits, each against the text the finding was computed from (spans of that file's text). */
  edits: FixEdit[];
  /** The fix an editor may apply on its own ("auto fix"): the one obvious correction, never a suppression. */
  isPreferred?: boolean;
}

/** Replace `span` of the file `uri` with `newText` (an empty span inserts). */
export interface FixEdit {
  uri: string;
  span: Span;
  newText: string;
}

/** Settings the analysis depends on, already normalised (see server/src/settings.ts for the editor side). */
export interface AnalysisSettings {
  /** Cluster DNS domain, `cluster.local` by default. */
  clusterDomain: string;
  /** Namespace of resources that do not name one, `default` by default. */
  defaultNamespace: string;
  /** Target Kubernetes version as `major.minor`, `1.35` by default. */
  kubernetesVersion: string;
  /** Per-rule severity overrides; `off` disables a rule. */
  rules: Record<string, Severity | 'off'>;
}

export const DEFAULT_ANALYSIS_SETTINGS: AnalysisSettings = Object.freeze({
  clusterDomain: 'cluster.local',
  defaultNamespace: 'default',
  kubernetesVersion: '1.35',
  rules: Object.freeze({}) as Record<string, Severity | 'off'>,
}) as AnalysisSettings;

// ---------------------------------------------------------------------------------------------
// The YAML tree the analysis reads: the `yaml` CST/AST reduced to maps, sequences and scalars,
// with aliases resolved (per document) and a span on every node.

export type YNode = YMap | YSeq | YScalar;

export interface YScalar {
  kind: 'scalar';
  /** The scalar as YAML 1.2 core schema resolves it (`"1"` is a string, `1` a number, `~` null). */
  value: string | number | boolean | null;
  /** The source text of the scalar, without quotes (what a message should quote back). */
  source: string;
  span: Span;
}

export interface YPair {
  key: YScalar;
  /** `undefined` when the key has no value (`serviceName:` alone parses as null, which is a YScalar). */
  value: YNode | undefined;
}

export interface YMap {
  kind: 'map';
  pairs: YPair[];
  span: Span;
}

export interface YSeq {
  kind: 'seq';
  items: YNode[];
  span: Span;
}

// ---------------------------------------------------------------------------------------------
// Parsed files and recognised resources.

/** One YAML document of a file (between `---` markers). */
export interface ManifestDocument {
  /** 0-based position of the document in its file. */
  index: number;
  span: Span;
  /** The root node, or `undefined` for an empty document. */
  root: YNode | undefined;
}

/** The kinds the analysis understands; anything else is `other`. */
export type ResourceKind = 'StatefulSet' | 'Service' | 'PersistentVolumeClaim' | 'StorageClass' | 'PodDisruptionBudget' | 'other';

/** A Kubernetes object found in a document (directly, or as an item of `kind: List`). */
export interface Resource {
  uri: string;
  documentIndex: number;
  /** Index inside a `kind: List`'s `items`, else undefined. */
  listItem?: number;
  /** apiVersion and kind as written, trimmed and unquoted. */
  apiVersion: string;
  kind: string;
  recognized: ResourceKind;
  /** metadata.name, or undefined when absent or not a string. */
  name: string | undefined;
  /** metadata.namespace, or the configured default namespace. */
  namespace: string;
  /** True when the manifest names the namespace itself. */
  namespaceExplicit: boolean;
  /** The object's mapping node. */
  node: YMap;
}

/** Everything the analysis knows about one file, independent of the other files and of settings. */
export interface ParsedFile {
  uri: string;
  text: string;
  documents: ManifestDocument[];
  resources: Resource[];
  /** YAML syntax errors and other parse-level problems (rule id `yaml-syntax`, `yaml-alias-limit`, …). */
  problems: Finding[];
  /** True when the file looks like a Helm template (`{{ … }}` or under a chart's `templates/`). */
  isTemplate: boolean;
}

// ---------------------------------------------------------------------------------------------
// What a StatefulSet will produce: the identity, as the Kubernetes controller derives it.

/** A value with the span of the node it comes from; `span` is undefined when the value is a default. */
export interface Located<T> {
  value: T;
  span: Span | undefined;
}

export type PodManagementPolicy = 'OrderedReady' | 'Parallel';
export type UpdateStrategyType = 'RollingUpdate' | 'OnDelete';
export type RetentionAction = 'Retain' | 'Delete';

/** An enum field written with a value the API server does not accept. */
export interface InvalidEnumValue {
  /** The field's path under spec, e.g. `podManagementPolicy`, `updateStrategy.type`. */
  field: string;
  /** The value as written. */
  value: string;
  /** The values the API server accepts. */
  allowed: string[];
  span: Span;
}

export interface PodIdentity {
  ordinal: number;
  name: string;
  /** `<pod>.<serviceName>.<namespace>.svc.<clusterDomain>`, undefined when serviceName is empty. */
  dns: string | undefined;
  /** PVC names, one per claim template, in template order. */
  pvcs: string[];
}

export interface ClaimTemplateIdentity {
  name: string;
  span: Span;
  /** `<claim>-<sts>-<ordinal>` for each pod, in ordinal order. */
  pvcs: string[];
  /** The storage request as written (e.g. `10Mi`), if any. */
  storage: string | undefined;
  accessModes: string[];
  storageClassName: string | undefined;
}

export interface ServicePort {
  name: string | undefined;
  port: number | undefined;
  /** Upper-case as written, `TCP` when absent. */
  protocol: string;
}

/** The Service that `serviceName` resolves to in the workspace, if any. */
export interface ResolvedService {
  uri: string;
  name: string;
  namespace: string;
  /** `clusterIP: None` (or `clusterIPs: [None]`). */
  headless: boolean;
  ports: ServicePort[];
  /** The Service's `spec.selector`, or undefined when it has none. */
  selector: Record<string, string> | undefined;
  /** The Service's metadata.name node, for "go to" and hover. */
  span: Span;
}

export interface SrvRecord {
  portName: string;
  protocol: string;
  port: number | undefined;
  /** `_<port-name>._<protocol>.<serviceName>.<namespace>.svc.<clusterDomain>` */
  record: string;
}

export interface PvcOutcome {
  pvc: string;
  action: RetentionAction;
}

export interface StatefulSetIdentity {
  uri: string;
  documentIndex: number;
  name: string;
  namespace: string;
  /** The metadata.name value node (where the pods lens goes). */
  nameSpan: Span;
  /** The whole StatefulSet object's node. */
  span: Span;
  replicas: Located<number>;
  /**
   * Fields of a Helm template whose values are template expressions, unknown until rendering, e.g.
   * `{ field: 'replicas', expression: '{{ .Values.replicas }}' }`; the identity uses their defaults instead.
   */
  templated?: { field: string; expression: string }[];
  /**
   * Names of a Helm template that are template expressions (`name`, `serviceName`): unknown until rendering, so
   * the pod, PVC and DNS names built from them are placeholders and no Service can be looked up by them.
   */
  templatedNames?: { field: 'name' | 'serviceName'; expression: string }[];
  /**
   * Enum fields whose written value is none of the allowed ones (`podManagementPolicy: Paralel`). The API server
   * rejects the StatefulSet; the identity reads them as their defaults, so the views must say so.
   */
  invalid?: InvalidEnumValue[];
  startOrdinal: Located<number>;
  /** Empty string when absent or empty: the pods then get no DNS names. */
  serviceName: Located<string>;
  /** Found in the StatefulSet's namespace; undefined when no Service of that name is in the workspace. */
  service: ResolvedService | undefined;
  /** `<serviceName>.<namespace>.svc.<clusterDomain>`, undefined when serviceName is empty. */
  serviceDns: string | undefined;
  /** SRV records for the named ports of the resolved Service. */
  srvRecords: SrvRecord[];
  pods: PodIdentity[];
  claimTemplates: ClaimTemplateIdentity[];
  podManagementPolicy: Located<PodManagementPolicy>;
  /** Steps of pod creation: OrderedReady gives one pod per step ascending; Parallel one step with all. */
  startOrder: string[][];
  /** Steps of scale-down to zero: OrderedReady descending one by one; Parallel one step. */
  scaleDownOrder: string[][];
  update: {
    type: Located<UpdateStrategyType>;
    /** The partition as written (0 by default); pods with ordinal >= start + partition are updated. */
    partition: Located<number>;
    /** Pods a template change rolls out to, highest ordinal first (empty with OnDelete). */
    updated: string[];
    /** Pods that keep the current revision (all of them with OnDelete). */
    kept: string[];
    maxUnavailable: Located<number | string> | undefined;
    /** The updateStrategy node, or undefined when absent. */
    span: Span | undefined;
  };
  retention: {
    whenScaled: Located<RetentionAction>;
    whenDeleted: Located<RetentionAction>;
    /** What happens to the PVCs of the highest-ordinal pod when replicas drops by one (empty when replicas is 0). */
    onScaleDown: { pod: string | undefined; pvcs: PvcOutcome[] };
    /** What happens to every pod's PVCs when the StatefulSet is deleted. */
    onDelete: PvcOutcome[];
    span: Span | undefined;
  };
}

/** The analysis of one file in the context of its workspace. */
export interface FileAnalysis {
  uri: string;
  identities: StatefulSetIdentity[];
  findings: Finding[];
}

/** Read access to every parsed file of the workspace (implemented by ManifestWorkspace). */
export interface WorkspaceView {
  getFile(uri: string): ParsedFile | undefined;
  files(): ParsedFile[];
  /** Every recognised resource of that kind in the workspace, in file order. */
  resources(kind: ResourceKind): Resource[];
}

/** What the rule catalogue gets for one file (see rules/index.ts). */
export interface CheckInput {
  file: ParsedFile;
  workspace: WorkspaceView;
  settings: AnalysisSettings;
  /** The identity of each StatefulSet of the file, in document order. */
  statefulSets: { resource: Resource; identity: StatefulSetIdentity }[];
  /**
   * Runs one StatefulSet's checks (`run`) or gives back their earlier findings: the workspace reuses those of
   * StatefulSets whose document did not change. Absent, every check runs.
   */
  checked?: (resource: Resource, run: () => Finding[]) => Finding[];
}
