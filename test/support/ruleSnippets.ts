// Runs the short bad/good YAML snippets of the rule documentation (docs/rules.md, the README rule table)
// through the real analysis: a snippet is a fragment, so it is merged into a clean workspace at the place
// its keys belong (a Service, a PodDisruptionBudget and a StatefulSet that produce no finding at all).
// No rule logic lives here; the only per-rule knowledge is the context a snippet's comment states in words.
import { parseAllDocuments, stringify } from 'yaml';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace, planFile } from '../../server/src/analysis/index';

type Plain = Record<string, unknown>;
type Path = (string | number)[];

/** A workspace in which every rule is quiet: the snippets' vocabulary (Service web, app: web, claim www). */
const CLEAN_WORKSPACE: Plain[] = [
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web' },
    spec: { clusterIP: 'None', selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] },
  },
  {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web' },
    spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web' },
    spec: {
      serviceName: 'web',
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                { weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } } },
              ],
            },
          },
          containers: [{ name: 'nginx', image: 'nginx:1.27', volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }],
        },
      },
      volumeClaimTemplates: [
        { metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
      ],
    },
  },
];

export interface Home {
  kind: string;
  path: Path;
}

const POD_SPEC: Path = ['spec', 'template', 'spec'];
const CLAIM_SPEC: Path = ['spec', 'volumeClaimTemplates', 0, 'spec'];

/**
 * Where a top-level key of a snippet lives. A snippet's keys must all share one home; a snippet document
 * with `kind` is a whole resource and replaces the resource of that kind. `type` is taken as
 * updateStrategy.type (a Service's type needs `kind: Service` in the snippet).
 */
const KEY_HOMES: Record<string, Home> = {};
function homes(kind: string, path: Path, keys: string[]): void {
  for (const k of keys) KEY_HOMES[k] = { kind, path };
}
homes('StatefulSet', [], ['apiVersion', 'metadata', 'spec']);
homes('StatefulSet', ['metadata'], ['name', 'namespace', 'labels']);
homes('StatefulSet', ['spec'], [
  'serviceName', 'replicas', 'selector', 'template', 'volumeClaimTemplates', 'podManagementPolicy', 'updateStrategy',
  'ordinals', 'persistentVolumeClaimRetentionPolicy', 'revisionHistoryLimit', 'minReadySeconds',
]);
homes('StatefulSet', ['spec', 'updateStrategy'], ['rollingUpdate', 'type']);
homes('StatefulSet', ['spec', 'selector'], ['matchLabels', 'matchExpressions']);
homes('StatefulSet', POD_SPEC, [
  'containers', 'initContainers', 'volumes', 'restartPolicy', 'activeDeadlineSeconds', 'hostname', 'subdomain',
  'terminationGracePeriodSeconds', 'setHostnameAsFQDN', 'affinity', 'topologySpreadConstraints',
]);
homes('StatefulSet', [...POD_SPEC, 'containers', 0], ['volumeMounts', 'image']);
homes('StatefulSet', CLAIM_SPEC, ['accessModes', 'resources']);
homes('StatefulSet', [...CLAIM_SPEC, 'resources', 'requests'], ['storage']);
homes('Service', ['spec'], ['clusterIP', 'ports']);

/**
 * The situation a snippet's comment describes in words ("# no serviceName", "Service web in namespace
 * shop"), applied to the clean workspace before the snippet is merged; the same for the bad and the good one.
 */
export interface SnippetContext {
  /** Run the snippet as a whole file instead of merging it (parse-level rules, comments). */
  wholeFile?: boolean;
  /** Resource kinds to remove from the clean workspace. */
  withoutKinds?: string[];
  /** Paths in the StatefulSet to delete. */
  withoutPaths?: Path[];
  /** Namespace of the Service. */
  serviceNamespace?: string;
  /** Namespace of every resource of the clean workspace. */
  namespace?: string;
  /** Where a snippet without `kind` goes when it is about another resource than its keys suggest. */
  home?: Home;
  /** The clean workspace (in this context) is the git baseline and the snippet the change: the apply plan's rules. */
  againstBaseline?: boolean;
}

/** What each rule's snippets take for granted beyond the clean workspace. */
export const SNIPPET_CONTEXTS: Record<string, SnippetContext> = {
  'yaml-syntax': { wholeFile: true },
  'helm-template': { wholeFile: true },
  'unknown-rule-in-comment': { wholeFile: true },
  'missing-selector': { withoutPaths: [['spec', 'selector']] },
  'missing-service-name': { withoutPaths: [['spec', 'serviceName']] },
  'service-not-found': { withoutKinds: ['Service'] },
  'service-in-other-namespace': { serviceNamespace: 'shop' },
  'no-pod-disruption-budget': { withoutKinds: ['PodDisruptionBudget'] },
  'no-pod-anti-affinity': { withoutPaths: [[...POD_SPEC, 'affinity']] },
  'service-selector-mismatch': { home: { kind: 'Service', path: ['spec'] } },
  'fqdn-too-long': { namespace: 'payments-processing-production-eu-west-1' },
  'immutable-field-changed': { againstBaseline: true },
  'statefulset-renamed': { againstBaseline: true },
  'statefulset-scale-down': { againstBaseline: true },
  'apply-plan': { againstBaseline: true },
};

function isPlain(v: unknown): v is Plain {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Maps merge key by key; anything else (a list, a scalar, an empty `{}`) replaces what was there. */
function merge(base: unknown, patch: unknown): unknown {
  if (!isPlain(base) || !isPlain(patch) || Object.keys(patch).length === 0) return patch;
  const out: Plain = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = k in base ? merge(base[k], v) : v;
  return out;
}

function getAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) node = node === null || node === undefined ? undefined : (node as Record<string | number, unknown>)[key];
  return node;
}

function setAt(root: Plain, path: Path, value: unknown): void {
  let node: Record<string | number, unknown> = root;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string | number, unknown>;
  }
  node[path[path.length - 1]] = value;
}

function deleteAt(root: Plain, path: Path): void {
  const parent = getAt(root, path.slice(0, -1));
  if (parent && typeof parent === 'object') delete (parent as Record<string | number, unknown>)[path[path.length - 1]];
}

function homeOf(snippet: Plain): Home {
  if (typeof snippet.kind === 'string') return { kind: snippet.kind, path: [] };
  const keys = Object.keys(snippet);
  const found = keys.map((k) => KEY_HOMES[k]);
  const first = found[0];
  if (!first || found.some((h) => !h || h.kind !== first.kind || h.path.join('.') !== first.path.join('.'))) {
    throw new Error(`cannot tell where the snippet keys ${keys.join(', ')} belong in a StatefulSet workspace`);
  }
  return first;
}

/** The workspace text a snippet stands for: the clean workspace in the rule's context, with the snippet merged in. */
export function snippetWorkspaceText(snippet: string, context: SnippetContext = {}): string {
  if (context.wholeFile) return snippet;
  const docs: Plain[] = structuredClone(CLEAN_WORKSPACE).filter((d) => !(context.withoutKinds ?? []).includes(String(d.kind)));
  const sts = docs.find((d) => d.kind === 'StatefulSet')!;
  for (const p of context.withoutPaths ?? []) deleteAt(sts, p);
  const service = docs.find((d) => d.kind === 'Service');
  if (context.namespace) for (const d of docs) setAt(d, ['metadata', 'namespace'], context.namespace);
  if (service && context.serviceNamespace) setAt(service, ['metadata', 'namespace'], context.serviceNamespace);

  const parsed = parseAllDocuments(snippet);
  if (!Array.isArray(parsed)) throw new Error('the snippet is not YAML documents');
  for (const doc of parsed) {
    if (doc.errors.length) throw new Error(`the snippet is not valid YAML: ${doc.errors[0].message}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue; // a comment-only document states context only
    if (!isPlain(value)) throw new Error('a snippet document must be a mapping');
    const home = typeof value.kind !== 'string' && context.home ? context.home : homeOf(value);
    const target = docs.find((d) => d.kind === home.kind);
    if (typeof value.kind === 'string') {
      // What the reader sees is the whole resource, so nothing of the clean one may linger.
      if (target) docs.splice(docs.indexOf(target), 1, value);
      else docs.push(value);
    } else if (!target) {
      throw new Error(`the snippet belongs in a ${home.kind}, which this rule's context removes`);
    } else if (home.path.length) setAt(target, home.path, merge(getAt(target, home.path), value));
    else docs.splice(docs.indexOf(target), 1, merge(target, value) as Plain);
  }
  return docs.map((d) => stringify(d)).join('---\n');
}

/** The rule ids the analysis reports for a snippet placed in its rule's context (sorted, unique). */
export function snippetRuleIds(ruleId: string, snippet: string): string[] {
  const context = SNIPPET_CONTEXTS[ruleId] ?? {};
  const uri = 'file:///snippets/manifest.yaml';
  const ws = new ManifestWorkspace();
  ws.setFile(uri, snippetWorkspaceText(snippet, context));
  const findings = [...ws.analyzeFile(uri, DEFAULT_ANALYSIS_SETTINGS).findings];
  if (context.againstBaseline) {
    ws.setBaseline('', { revision: 'HEAD', commit: 'f'.repeat(40), paths: new Set([uri]), texts: new Map([[uri, snippetWorkspaceText('', context)]]) });
    findings.push(...planFile(ws, uri, DEFAULT_ANALYSIS_SETTINGS).findings);
  }
  return [...new Set(findings.map((f) => f.ruleId))].sort();
}
