// The one table of every rule the catalogue can report: stable id, default severity, a one-line summary and
// the anchor of its documentation (docs/rules.md#<id>). Check logic does not live here; the checks under
// checks/ report by id, and settings, suppressions, SARIF metadata and the docs all key off this table.
import type { Severity } from '../model';

export interface RuleInfo {
  /** Stable kebab-case id; doubles as the settings key. Never rename one. */
  id: string;
  defaultSeverity: Severity;
  /** One sentence: what the rule catches. */
  description: string;
}

/** Where rule documentation lives, relative to the repository root; the anchor is the rule id. */
export const RULES_DOC_PATH = 'docs/rules.md';

const table: RuleInfo[] = [
  // Parse level and meta rules.
  { id: 'yaml-syntax', defaultSeverity: 'error', description: 'The file is not valid YAML.' },
  { id: 'helm-template', defaultSeverity: 'information', description: 'The file is a Helm template; only the parts that are plain YAML are checked.' },
  { id: 'unknown-rule-in-comment', defaultSeverity: 'warning', description: 'A statefulset-lens suppression comment names a rule id that does not exist.' },

  // Errors the API server or the StatefulSet controller would hit.
  { id: 'deprecated-api-version', defaultSeverity: 'error', description: 'apps/v1beta1 and apps/v1beta2 StatefulSets were removed in Kubernetes 1.16.' },
  { id: 'invalid-name', defaultSeverity: 'error', description: 'metadata.name is not a DNS-1123 label.' },
  { id: 'name-too-long', defaultSeverity: 'warning', description: 'A StatefulSet name over 52 characters: the API server accepts it, but every pod fails to create.' },
  { id: 'invalid-label', defaultSeverity: 'error', description: 'A label key or value in metadata.labels or the pod template is not valid.' },
  { id: 'invalid-annotation', defaultSeverity: 'error', description: 'An annotation key in metadata or the pod template is not valid, a value is not a string, or they total over 256 KiB.' },
  { id: 'missing-selector', defaultSeverity: 'error', description: 'spec.selector is required in apps/v1.' },
  { id: 'empty-selector', defaultSeverity: 'error', description: 'spec.selector has neither matchLabels nor matchExpressions.' },
  { id: 'invalid-selector', defaultSeverity: 'error', description: 'spec.selector has a bad operator, values, label key or label value.' },
  { id: 'selector-mismatch', defaultSeverity: 'error', description: 'spec.selector does not select the pod template labels.' },
  { id: 'invalid-restart-policy', defaultSeverity: 'error', description: 'The pod template restartPolicy is not Always.' },
  { id: 'active-deadline-forbidden', defaultSeverity: 'error', description: 'The pod template sets activeDeadlineSeconds, which StatefulSets forbid.' },
  { id: 'invalid-pod-management-policy', defaultSeverity: 'error', description: 'podManagementPolicy is neither OrderedReady nor Parallel.' },
  { id: 'invalid-update-strategy', defaultSeverity: 'error', description: 'updateStrategy.type is neither RollingUpdate nor OnDelete.' },
  { id: 'rolling-update-with-on-delete', defaultSeverity: 'error', description: 'updateStrategy.rollingUpdate is set with type OnDelete.' },
  { id: 'negative-value', defaultSeverity: 'error', description: 'replicas, partition, minReadySeconds or ordinals.start is negative (or not a whole number).' },
  { id: 'invalid-max-unavailable', defaultSeverity: 'error', description: 'maxUnavailable is 0, negative, a bad percent string or over 100%.' },
  { id: 'invalid-retention-policy', defaultSeverity: 'error', description: 'persistentVolumeClaimRetentionPolicy values are not Retain or Delete.' },
  { id: 'unknown-volume-mount', defaultSeverity: 'error', description: 'A container mounts a volume that is neither a pod volume nor a claim template.' },
  { id: 'duplicate-claim-template', defaultSeverity: 'error', description: 'Two volumeClaimTemplates have the same name.' },
  { id: 'invalid-claim-template-name', defaultSeverity: 'error', description: 'A claim template name is missing or not a DNS-1123 label.' },
  { id: 'claim-template-missing-storage', defaultSeverity: 'error', description: 'A claim template has no resources.requests.storage.' },
  { id: 'invalid-storage-quantity', defaultSeverity: 'error', description: 'A claim template storage request is not a Kubernetes quantity greater than zero.' },
  { id: 'invalid-access-modes', defaultSeverity: 'error', description: 'A claim template has no access mode, an unknown one, or ReadWriteOncePod mixed with others.' },
  { id: 'invalid-service-name', defaultSeverity: 'error', description: 'serviceName is not a DNS-1123 label, or starts with a digit so no Service can have that name.' },
  { id: 'pvc-name-too-long', defaultSeverity: 'warning', description: 'A PVC name derived from a claim template is over 253 characters or not a DNS-1123 subdomain: the API server accepts the StatefulSet, but the PVC is never created.' },

  // Accepted by the API server but almost always a mistake.
  { id: 'missing-service-name', defaultSeverity: 'warning', description: 'No serviceName: the pods get no DNS names (required in the OpenAPI document, not by the API server, up to Kubernetes 1.32).' },
  { id: 'service-not-found', defaultSeverity: 'warning', description: 'No Service named serviceName exists in the StatefulSet namespace in the workspace.' },
  { id: 'service-in-other-namespace', defaultSeverity: 'warning', description: 'The Service named serviceName exists only in another namespace.' },
  { id: 'service-not-headless', defaultSeverity: 'warning', description: 'The governing Service has a cluster IP, so no per-pod DNS records exist.' },
  { id: 'service-selector-mismatch', defaultSeverity: 'warning', description: 'The governing Service has no selector or does not select the pod template labels.' },
  { id: 'service-port-unnamed', defaultSeverity: 'information', description: 'The governing Service has no named port, so no SRV records exist.' },
  { id: 'unused-claim-template', defaultSeverity: 'warning', description: 'No container mounts a claim template: a PVC is created per pod and never used.' },
  { id: 'claim-template-shadows-volume', defaultSeverity: 'warning', description: 'A pod volume has the same name as a claim template and is replaced by it.' },
  { id: 'partition-skips-all', defaultSeverity: 'warning', description: 'The rolling-update partition is at or above the replica count, so no pod is updated.' },
  { id: 'max-unavailable-ignored', defaultSeverity: 'warning', description: 'maxUnavailable is dropped before Kubernetes 1.35 or has little effect with OrderedReady.' },
  { id: 'hostname-overwritten', defaultSeverity: 'warning', description: 'The pod template hostname or subdomain is overwritten by the controller.' },
  { id: 'per-pod-label-in-selector', defaultSeverity: 'warning', description: 'The selector uses a label whose value differs per pod.' },
  { id: 'negative-revision-history-limit', defaultSeverity: 'warning', description: 'A negative revisionHistoryLimit retains every revision.' },
  { id: 'zero-termination-grace', defaultSeverity: 'warning', description: 'terminationGracePeriodSeconds: 0 is unsafe for StatefulSet pods.' },
  { id: 'fqdn-too-long', defaultSeverity: 'warning', description: 'A pod FQDN is over 253 characters, or over 64 with setHostnameAsFQDN.' },
  { id: 'no-pod-anti-affinity', defaultSeverity: 'information', description: 'Several replicas without pod anti-affinity or topology spread constraints may share a node.' },
  { id: 'no-pod-disruption-budget', defaultSeverity: 'information', description: 'No PodDisruptionBudget in the workspace selects the pods.' },

  // The apply plan (analysis/plan.ts): what kubectl apply does to the StatefulSet running as the git baseline.
  { id: 'immutable-field-changed', defaultSeverity: 'error', description: 'A field the API server refuses to update changed since the baseline (selector, serviceName, podManagementPolicy, volumeClaimTemplates).' },
  { id: 'statefulset-renamed', defaultSeverity: 'warning', description: 'The StatefulSet was renamed or moved to another namespace since the baseline: new pods and empty PVCs, the old PVCs stay behind.' },
  { id: 'statefulset-scale-down', defaultSeverity: 'warning', description: 'replicas dropped since the baseline: which pods go, and whether whenScaled: Delete deletes their PVCs.' },
  { id: 'apply-plan', defaultSeverity: 'information', description: 'What applying a change since the baseline does: scale-up, rolling update, new ordinals, update strategy or retention changes.' },
];

/** Every rule, in documentation order. */
export const RULES: readonly RuleInfo[] = Object.freeze(table.map((r) => Object.freeze(r)));

const byId = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): RuleInfo | undefined {
  return byId.get(id);
}

export function isRuleId(id: string): boolean {
  return byId.has(id);
}

/** The documentation anchor of a rule, relative to the repository root (`docs/rules.md#<id>`). */
export function ruleDocAnchor(id: string): string {
  return `${RULES_DOC_PATH}#${id}`;
}
