// Checks of StatefulSet spec scalars the API server validates (R4, R5, R10, R11, R12, R23) and of the
// apiVersion (removed beta versions). One function per rule family; all of them read values only, so they
// also run on Kustomize patches and Helm templates (skipping templated values).
import { asMap, asScalar, getPair, getPath } from '../../yamlTree';
import type { StatefulSetCheck, StatefulSetContext } from '../checkContext';
import { changeToLater, typoFixesLater } from '../fixes';
import { atLeast, formatVersion } from '../kubernetesVersion';
import { nearestValue } from '../nearestValue';
import { didYouMean, q, qList, readInt } from './checkHelpers';

const POD_MANAGEMENT_POLICIES = ['OrderedReady', 'Parallel'];
const RETENTION_ACTIONS = ['Retain', 'Delete'];

function deprecatedApiVersion(ctx: StatefulSetContext): void {
  const v = ctx.resource.apiVersion;
  if (v !== 'apps/v1beta1' && v !== 'apps/v1beta2') return;
  if (!atLeast(ctx.version, 1, 16)) return;
  const node = getPath(ctx.root, 'apiVersion');
  if (!node) return;
  const selectorHint = getPath(ctx.spec, 'selector') ? '' : ' and add spec.selector.matchLabels matching the pod template labels (apps/v1 requires it)';
  ctx.report(
    'deprecated-api-version',
    node.span,
    `apiVersion ${v} for StatefulSet was removed in Kubernetes 1.16: a ${formatVersion(ctx.version)} API server rejects this manifest (no matches for kind "StatefulSet" in version "${v}"). Use apiVersion: apps/v1${selectorHint}.`,
  );
}

function podManagementPolicy(ctx: StatefulSetContext): void {
  const node = getPath(ctx.spec, 'podManagementPolicy');
  const s = asScalar(node);
  if (!node || ctx.templated(node)) return;
  if (s && (s.value === null || s.value === '')) return; // defaulted to OrderedReady
  const text = s ? String(s.value) : node.kind;
  if (POD_MANAGEMENT_POLICIES.includes(text)) return;
  ctx.report(
    'invalid-pod-management-policy',
    node.span,
    `podManagementPolicy ${q(text)} is not valid: the API server rejects the StatefulSet (spec.podManagementPolicy must be 'OrderedReady' or 'Parallel').${didYouMean(text, POD_MANAGEMENT_POLICIES)}`,
    undefined,
    s ? typoFixesLater(node, text, POD_MANAGEMENT_POLICIES) : undefined,
  );
}

function nonNegative(ctx: StatefulSetContext, path: string[], what: string, consequence: string): void {
  const node = getPath(ctx.spec, ...path);
  const r = readInt(node, ctx.templated(node));
  if (!r || !node) return;
  if (r.kind === 'bad') {
    ctx.report('negative-value', node.span, `${what} ${r.text} ${r.why}: the API server rejects the StatefulSet. Write a whole number ≥ 0 without quotes.`);
  } else if (r.value < 0) {
    ctx.report('negative-value', node.span, `${what} is ${r.value}: the API server rejects the StatefulSet (must be greater than or equal to 0). ${consequence}`);
  }
}

function negativeValues(ctx: StatefulSetContext): void {
  nonNegative(ctx, ['replicas'], 'spec.replicas', 'Use 0 to stop every pod, or the number of pods you want.');
  nonNegative(ctx, ['minReadySeconds'], 'spec.minReadySeconds', 'Use 0 (the default) to count a pod available as soon as it is ready.');
  nonNegative(ctx, ['ordinals', 'start'], 'spec.ordinals.start', 'Use 0 (the default) or the first ordinal you want.');
  nonNegative(ctx, ['updateStrategy', 'rollingUpdate', 'partition'], 'spec.updateStrategy.rollingUpdate.partition', 'Use 0 to update every pod.');
}

function revisionHistoryLimit(ctx: StatefulSetContext): void {
  const node = getPath(ctx.spec, 'revisionHistoryLimit');
  const r = readInt(node, ctx.templated(node));
  if (!r || !node) return;
  if (r.kind === 'bad') {
    ctx.report('negative-value', node.span, `spec.revisionHistoryLimit ${r.text} ${r.why}: the API server rejects the StatefulSet. Write a whole number ≥ 0 without quotes (10 is the default).`);
  } else if (r.value < 0) {
    // The create/update warning arrived in 1.33 (R23); older API servers take the value silently.
    const warned = atLeast(ctx.version, 1, 33)
      ? 'the API server warns: a value >= 0 is recommended'
      : `Kubernetes ${formatVersion(ctx.version)} accepts it without a warning; 1.33+ warns that a value >= 0 is recommended`;
    ctx.report(
      'negative-revision-history-limit',
      node.span,
      `spec.revisionHistoryLimit is ${r.value}: a negative value retains every ControllerRevision forever (${warned}). Use 10 (the default) or another limit ≥ 0.`,
    );
  }
}

function retentionPolicy(ctx: StatefulSetContext): void {
  const policy = getPath(ctx.spec, 'persistentVolumeClaimRetentionPolicy');
  if (!policy || ctx.templated(policy)) return;
  const policyMap = asMap(policy);
  if (!policyMap) {
    if (asScalar(policy)?.value === null) return;
    ctx.report('invalid-retention-policy', policy.span, 'spec.persistentVolumeClaimRetentionPolicy must be a mapping with whenDeleted and whenScaled: the API server rejects the StatefulSet. Write e.g. whenDeleted: Retain and whenScaled: Retain.');
    return;
  }
  for (const field of ['whenDeleted', 'whenScaled'] as const) {
    const pair = getPair(policy, field);
    const node = pair?.value;
    if (!node || ctx.templated(node)) continue;
    const s = asScalar(node);
    if (s && (s.value === null || s.value === '')) continue; // defaulted to Retain
    const text = s ? String(s.value) : node.kind;
    if (RETENTION_ACTIONS.includes(text)) continue;
    ctx.report(
      'invalid-retention-policy',
      node.span,
      `persistentVolumeClaimRetentionPolicy.${field} ${q(text)} is not supported: the API server rejects the StatefulSet (supported values: ${qList(RETENTION_ACTIONS)}).${didYouMean(text, RETENTION_ACTIONS)}`,
      undefined,
      s ? typoFixesLater(node, text, RETENTION_ACTIONS) : undefined,
    );
  }
  // Unknown keys are rejected by strict field validation; a misspelled key leaves the default (Retain) in place.
  for (const p of policyMap.pairs) {
    const key = String(p.key.value);
    if (key === 'whenDeleted' || key === 'whenScaled') continue;
    const near = didYouMean(key, ['whenDeleted', 'whenScaled']);
    if (near) {
      // Renaming the key is right only when the intended field is not there already (that would be a
      // duplicate key) and the value is one the field accepts (else the rename trades one error for another).
      const intended = nearestValue(key, ['whenDeleted', 'whenScaled']);
      const value = asScalar(p.value);
      const acceptable = !p.value || value?.value === null || value?.value === '' || RETENTION_ACTIONS.includes(String(value?.value));
      const renameTo = intended && !getPair(policyMap, intended) && acceptable && !ctx.templated(p.value) ? intended : undefined;
      ctx.report(
        'invalid-retention-policy',
        p.key.span,
        `persistentVolumeClaimRetentionPolicy has no field ${q(key)}: kubectl rejects it under strict validation, otherwise it is ignored and the PVCs are retained.${near}`,
        undefined,
        renameTo ? changeToLater(p.key, renameTo) : undefined,
      );
    }
  }
}

export const specFieldChecks: StatefulSetCheck[] = [
  { name: 'deprecatedApiVersion', run: deprecatedApiVersion },
  { name: 'podManagementPolicy', run: podManagementPolicy },
  { name: 'negativeValues', run: negativeValues },
  { name: 'revisionHistoryLimit', run: revisionHistoryLimit },
  { name: 'retentionPolicy', run: retentionPolicy },
];
