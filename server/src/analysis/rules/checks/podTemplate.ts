// Checks of the pod template's spec: restartPolicy (R19), activeDeadlineSeconds (R20), hostname and
// subdomain the controller overwrites (N6), terminationGracePeriodSeconds 0 (O7), and spreading replicas
// over nodes (anti-affinity or topology spread, as kube-score and kube-linter suggest).
import { asScalar, getPair, getPath } from '../../yamlTree';
import type { StatefulSetCheck, StatefulSetContext } from '../checkContext';
import { changeToLater } from '../fixes';
import { q, readInt } from './checkHelpers';

function restartPolicy(ctx: StatefulSetContext): void {
  const node = getPath(ctx.podSpec, 'restartPolicy');
  if (!node || ctx.templated(node)) return;
  const s = asScalar(node);
  if (s && (s.value === null || s.value === '')) return;
  const text = s ? String(s.value) : node.kind;
  if (text === 'Always') return;
  ctx.report(
    'invalid-restart-policy',
    node.span,
    `restartPolicy ${q(text)} is not allowed in a StatefulSet pod template: the API server rejects the StatefulSet (supported values: "Always"). Remove restartPolicy or set it to Always.`,
    undefined,
    s ? changeToLater(node, 'Always') : undefined,
  );
}

function activeDeadline(ctx: StatefulSetContext): void {
  const pair = getPair(ctx.podSpec, 'activeDeadlineSeconds');
  if (!pair || (pair.value && asScalar(pair.value)?.value === null)) return;
  ctx.report(
    'active-deadline-forbidden',
    pair.value?.span ?? pair.key.span,
    'activeDeadlineSeconds is forbidden in a StatefulSet pod template: the API server rejects the StatefulSet (activeDeadlineSeconds in StatefulSet is not Supported). Remove it; StatefulSet pods are meant to run indefinitely.',
  );
}

function hostnameOverwritten(ctx: StatefulSetContext): void {
  for (const field of ['hostname', 'subdomain'] as const) {
    const pair = getPair(ctx.podSpec, field);
    if (!pair || !pair.value || asScalar(pair.value)?.value === null) continue;
    const actual = field === 'hostname' ? `the pod name (${ctx.name || '<name>'}-0, ${ctx.name || '<name>'}-1, …)` : `serviceName (${q(ctx.identity.serviceName.value)})`;
    ctx.report(
      'hostname-overwritten',
      pair.value.span,
      `spec.template.spec.${field} is ignored: the StatefulSet controller sets every pod's ${field} to ${actual}. Remove ${field} from the pod template${field === 'subdomain' ? ' and set spec.serviceName instead' : ''}.`,
    );
  }
}

function zeroTerminationGrace(ctx: StatefulSetContext): void {
  const node = getPath(ctx.podSpec, 'terminationGracePeriodSeconds');
  const r = readInt(node, ctx.templated(node));
  if (!r || r.kind !== 'int' || r.value !== 0 || !node) return;
  ctx.report(
    'zero-termination-grace',
    node.span,
    'terminationGracePeriodSeconds is 0: pods are killed without time to shut down, and a force-deleted pod may still run while its replacement with the same identity starts (the Kubernetes docs call this unsafe and strongly discouraged). Give the pods time to stop, e.g. 10 seconds or more.',
  );
}

function antiAffinity(ctx: StatefulSetContext): void {
  if (ctx.isPatch || ctx.isTemplate) return;
  const replicasNode = getPath(ctx.spec, 'replicas');
  const r = readInt(replicasNode, ctx.templated(replicasNode));
  if (!r || r.kind !== 'int' || r.value <= 1 || !replicasNode || !getPath(ctx.spec, 'template')) return;
  if (getPath(ctx.podSpec, 'affinity', 'podAntiAffinity') || getPath(ctx.podSpec, 'topologySpreadConstraints')) return;
  ctx.report(
    'no-pod-anti-affinity',
    replicasNode.span,
    `${r.value} replicas without pod anti-affinity or topology spread constraints: the scheduler may place several ${ctx.name ? `pods of ${q(ctx.name)}` : 'of these pods'} on one node, and losing that node takes them down together. Add spec.template.spec.affinity.podAntiAffinity or topologySpreadConstraints on kubernetes.io/hostname.`,
  );
}

export const podTemplateChecks: StatefulSetCheck[] = [
  { name: 'restartPolicy', run: restartPolicy },
  { name: 'activeDeadlineSeconds', run: activeDeadline },
  { name: 'hostnameOverwritten', run: hostnameOverwritten },
  { name: 'zeroTerminationGrace', run: zeroTerminationGrace },
  { name: 'antiAffinity', run: antiAffinity },
];
