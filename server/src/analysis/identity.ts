// Derives what a StatefulSet will produce, exactly as the Kubernetes controller does: pod names and ordinals,
// PVC names, DNS and SRV names through the governing Service, start / scale-down order, the rolling-update
// set under the partition, and the PVC retention outcomes. Pure; invalid values fall back to the API defaults.
import type {
  AnalysisSettings,
  ClaimTemplateIdentity,
  InvalidEnumValue,
  Located,
  PodIdentity,
  PodManagementPolicy,
  PvcOutcome,
  ResolvedService,
  Resource,
  RetentionAction,
  ServicePort,
  Span,
  SrvRecord,
  StatefulSetIdentity,
  UpdateStrategyType,
  YNode,
} from './model';
import { asNumber, asSeq, getPair, getPath, scalarText, toStringMap } from './yamlTree';

/**
 * Pods listed by name at most; a StatefulSet with more replicas still reports the true count in
 * `replicas`, and its lists stop here so that `replicas: 100000000` cannot exhaust memory.
 */
export const MAX_LISTED_PODS = 1000;

/**
 * PVC names listed at most (pods listed × claim templates): a StatefulSet with thousands of claim templates
 * lists fewer pods rather than millions of names. Each listed pod keeps all its PVCs.
 */
export const MAX_LISTED_PVCS = 20_000;

/**
 * Characters of the names one listing holds at most (each listed pod's name, DNS name and PVC names): with
 * 10,000-character names a thousand pods would be a model of a hundred megabytes, so fewer are listed.
 */
export const MAX_LISTED_NAME_CHARS = 2_000_000;

/** Finds the Service a StatefulSet's serviceName resolves to (same namespace), preferring the same file. */
export type ServiceLookup = (name: string, namespace: string, preferUri: string) => Resource | undefined;

export function buildIdentity(sts: Resource, findService: ServiceLookup, settings: AnalysisSettings, replicasOverride?: number): StatefulSetIdentity {
  const node = sts.node;
  const spec = getPath(node, 'spec');
  const name = sts.name ?? '';
  const namespace = sts.namespace;
  const domain = settings.clusterDomain;

  const replicasNode = getPath(spec, 'replicas');
  const declared = nonNegativeInt(replicasNode);
  const replicas: Located<number> =
    replicasOverride !== undefined && Number.isInteger(replicasOverride) && replicasOverride >= 0
      ? { value: replicasOverride, span: replicasNode?.span }
      : { value: declared ?? 1, span: declared === undefined ? undefined : replicasNode!.span };

  const templated: { field: string; expression: string }[] = [];
  for (const [field, path] of [
    ['replicas', ['replicas']],
    ['ordinals.start', ['ordinals', 'start']],
    ['podManagementPolicy', ['podManagementPolicy']],
    ['updateStrategy.type', ['updateStrategy', 'type']],
    ['updateStrategy.rollingUpdate.partition', ['updateStrategy', 'rollingUpdate', 'partition']],
  ] as const) {
    const v = scalarText(getPath(spec, ...path));
    if (v !== undefined && v.includes('{{')) templated.push({ field, expression: v });
  }

  const templatedNames: NonNullable<StatefulSetIdentity['templatedNames']> = [];
  for (const [field, owner, key] of [['name', node, 'metadata'], ['serviceName', spec, undefined]] as const) {
    const v = scalarText(key ? getPath(owner, key, 'name') : getPath(owner, field));
    if (v !== undefined && v.includes('{{')) templatedNames.push({ field, expression: v });
  }

  // Enum values the API server rejects; templated ones are unknown, not invalid.
  const invalid: InvalidEnumValue[] = [];
  for (const [field, path, allowed] of [
    ['podManagementPolicy', ['podManagementPolicy'], ['OrderedReady', 'Parallel']],
    ['updateStrategy.type', ['updateStrategy', 'type'], ['RollingUpdate', 'OnDelete']],
    ['persistentVolumeClaimRetentionPolicy.whenScaled', ['persistentVolumeClaimRetentionPolicy', 'whenScaled'], ['Retain', 'Delete']],
    ['persistentVolumeClaimRetentionPolicy.whenDeleted', ['persistentVolumeClaimRetentionPolicy', 'whenDeleted'], ['Retain', 'Delete']],
  ] as const) {
    const n = getPath(spec, ...path);
    const v = scalarText(n);
    if (n && v !== undefined && v !== '' && !v.includes('{{') && !(allowed as readonly string[]).includes(v)) invalid.push({ field, value: v, allowed: [...allowed], span: n.span });
  }

  const startNode = getPath(spec, 'ordinals', 'start');
  const start = nonNegativeInt(startNode);
  const startOrdinal: Located<number> = { value: start ?? 0, span: start === undefined ? undefined : startNode!.span };

  const serviceNameNode = getPath(spec, 'serviceName');
  const serviceNameValue = (scalarText(serviceNameNode) ?? '').trim();
  const serviceName: Located<string> = { value: serviceNameValue, span: serviceNameNode?.span };

  const serviceResource = serviceNameValue ? findService(serviceNameValue, namespace, sts.uri) : undefined;
  const service = serviceResource ? resolveService(serviceResource) : undefined;
  const serviceDns = serviceNameValue ? `${serviceNameValue}.${namespace}.svc.${domain}` : undefined;
  const srvRecords: SrvRecord[] = [];
  if (service && serviceDns) {
    for (const p of service.ports) {
      if (!p.name) continue;
      const protocol = p.protocol.toLowerCase();
      srvRecords.push({ portName: p.name, protocol, port: p.port, record: `_${p.name}._${protocol}.${serviceDns}` });
    }
  }

  const claims = claimTemplatesOf(spec);
  const ordinalChars = 12;
  const perPod =
    name.length + ordinalChars +
    (serviceNameValue ? name.length + ordinalChars + serviceNameValue.length + namespace.length + domain.length + 6 : 0) +
    claims.reduce((n, c) => n + c.name.length + name.length + ordinalChars + 1, 0);
  const listed = Math.min(
    replicas.value,
    MAX_LISTED_PODS,
    Math.max(1, Math.floor(MAX_LISTED_PVCS / Math.max(1, claims.length))),
    Math.max(1, Math.floor(MAX_LISTED_NAME_CHARS / perPod)),
  );
  const pods: PodIdentity[] = [];
  for (let i = 0; i < listed; i++) {
    const ordinal = startOrdinal.value + i;
    const pod = `${name}-${ordinal}`;
    pods.push({
      ordinal,
      name: pod,
      dns: serviceNameValue ? `${pod}.${serviceNameValue}.${namespace}.svc.${domain}` : undefined,
      pvcs: claims.map((c) => `${c.name}-${name}-${ordinal}`),
    });
  }
  const claimTemplates: ClaimTemplateIdentity[] = claims.map((c, index) => ({
    ...c,
    pvcs: pods.map((p) => p.pvcs[index]),
  }));

  const pmpNode = getPath(spec, 'podManagementPolicy');
  const podManagementPolicy: Located<PodManagementPolicy> = {
    value: scalarText(pmpNode) === 'Parallel' ? 'Parallel' : 'OrderedReady',
    span: pmpNode?.span,
  };
  const names = pods.map((p) => p.name);
  // Orders that start at the highest ordinal must name the true highest pods, even when only the first pods
  // are listed (replicas beyond the listing cap): count down from the last ordinal, as many as are listed.
  const lastOrdinal = startOrdinal.value + replicas.value - 1;
  const downFrom = (top: number, bottom: number) => {
    const out: string[] = [];
    for (let o = top; o >= bottom && out.length < pods.length; o--) out.push(`${name}-${o}`);
    return out;
  };
  const reversed = downFrom(lastOrdinal, startOrdinal.value);
  const startOrder = podManagementPolicy.value === 'Parallel' ? (names.length ? [names] : []) : names.map((n) => [n]);
  const scaleDownOrder = podManagementPolicy.value === 'Parallel' ? (reversed.length ? [reversed] : []) : reversed.map((n) => [n]);

  const strategyNode = getPath(spec, 'updateStrategy');
  const typeNode = getPath(strategyNode, 'type');
  const type: Located<UpdateStrategyType> = { value: scalarText(typeNode) === 'OnDelete' ? 'OnDelete' : 'RollingUpdate', span: typeNode?.span };
  const partitionNode = getPath(strategyNode, 'rollingUpdate', 'partition');
  const partitionValue = asNumber(partitionNode);
  const partition: Located<number> = {
    value: partitionValue !== undefined && Number.isInteger(partitionValue) ? partitionValue : 0,
    span: partitionValue !== undefined && Number.isInteger(partitionValue) ? partitionNode!.span : undefined,
  };
  const maxUnavailableNode = getPath(strategyNode, 'rollingUpdate', 'maxUnavailable');
  const maxUnavailableValue = asNumber(maxUnavailableNode) ?? scalarText(maxUnavailableNode);
  let updated: string[] = [];
  let kept: string[] = [];
  if (type.value === 'OnDelete') {
    kept = names;
  } else {
    // The controller compares `ordinal < start + partition` (partition counts from ordinals.start).
    const cut = startOrdinal.value + Math.max(0, partition.value);
    updated = downFrom(lastOrdinal, cut);
    kept = pods.filter((p) => p.ordinal < cut).map((p) => p.name);
  }

  const retentionNode = getPath(spec, 'persistentVolumeClaimRetentionPolicy');
  const whenScaled = retentionAction(getPath(retentionNode, 'whenScaled'));
  const whenDeleted = retentionAction(getPath(retentionNode, 'whenDeleted'));
  const last = pods[pods.length - 1];
  const onScaleDown: { pod: string | undefined; pvcs: PvcOutcome[] } =
    replicas.value > 0 && last && pods.length === replicas.value
      ? { pod: last.name, pvcs: last.pvcs.map((pvc) => ({ pvc, action: whenScaled.value })) }
      : replicas.value > 0
        ? highestPodBeyondList(name, startOrdinal.value + replicas.value - 1, claims, whenScaled.value)
        : { pod: undefined, pvcs: [] };
  const onDelete: PvcOutcome[] = pods.flatMap((p) => p.pvcs.map((pvc) => ({ pvc, action: whenDeleted.value })));

  const metadataName = getPath(node, 'metadata', 'name');
  return {
    uri: sts.uri,
    documentIndex: sts.documentIndex,
    name,
    namespace,
    nameSpan: metadataName?.span ?? getPair(node, 'metadata')?.key.span ?? spanStart(node.span),
    span: node.span,
    replicas,
    ...(templated.length ? { templated } : {}),
    ...(templatedNames.length ? { templatedNames } : {}),
    ...(invalid.length ? { invalid } : {}),
    startOrdinal,
    serviceName,
    service,
    serviceDns,
    srvRecords,
    pods,
    claimTemplates,
    podManagementPolicy,
    startOrder,
    scaleDownOrder,
    update: {
      type,
      partition,
      updated,
      kept,
      maxUnavailable: maxUnavailableValue === undefined ? undefined : { value: maxUnavailableValue, span: maxUnavailableNode!.span },
      span: strategyNode?.span,
    },
    retention: { whenScaled, whenDeleted, onScaleDown, onDelete, span: retentionNode?.span },
  };
}

/** Whether a Service is headless: `clusterIP` (or the first of `clusterIPs`) is `None`. */
export function isHeadless(svc: Resource): boolean {
  const spec = getPath(svc.node, 'spec');
  return scalarText(getPath(spec, 'clusterIP')) === 'None' || scalarText(getPath(spec, 'clusterIPs', 0)) === 'None';
}

/** Reads a Service object into the shape identity and rules need. */
export function resolveService(svc: Resource): ResolvedService {
  const spec = getPath(svc.node, 'spec');
  const ports: ServicePort[] = (asSeq(getPath(spec, 'ports'))?.items ?? []).map((p) => {
    const port = asNumber(getPath(p, 'port'));
    return {
      name: scalarText(getPath(p, 'name')) || undefined,
      port,
      protocol: (scalarText(getPath(p, 'protocol')) ?? 'TCP').toUpperCase(),
    };
  });
  const selectorNode = getPath(spec, 'selector');
  const nameNode = getPath(svc.node, 'metadata', 'name');
  return {
    uri: svc.uri,
    name: svc.name ?? '',
    namespace: svc.namespace,
    headless: isHeadless(svc),
    ports,
    selector: selectorNode && selectorNode.kind === 'map' ? toStringMap(selectorNode) : undefined,
    span: nameNode?.span ?? svc.node.span,
  };
}

interface ClaimTemplateBase {
  name: string;
  span: Span;
  storage: string | undefined;
  accessModes: string[];
  storageClassName: string | undefined;
}

function claimTemplatesOf(spec: YNode | undefined): ClaimTemplateBase[] {
  const out: ClaimTemplateBase[] = [];
  for (const item of asSeq(getPath(spec, 'volumeClaimTemplates'))?.items ?? []) {
    const nameNode = getPath(item, 'metadata', 'name');
    const name = scalarText(nameNode);
    if (name === undefined || name === '') continue;
    out.push({
      name,
      span: nameNode!.span,
      storage: scalarText(getPath(item, 'spec', 'resources', 'requests', 'storage')),
      accessModes: (asSeq(getPath(item, 'spec', 'accessModes'))?.items ?? []).map((m) => scalarText(m)).filter((m): m is string => m !== undefined),
      storageClassName: scalarText(getPath(item, 'spec', 'storageClassName')),
    });
  }
  return out;
}

function nonNegativeInt(node: YNode | undefined): number | undefined {
  const n = asNumber(node);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
}

function retentionAction(node: YNode | undefined): Located<RetentionAction> {
  return { value: scalarText(node) === 'Delete' ? 'Delete' : 'Retain', span: node?.span };
}

function highestPodBeyondList(name: string, ordinal: number, claims: ClaimTemplateBase[], action: RetentionAction) {
  return { pod: `${name}-${ordinal}`, pvcs: claims.map((c) => ({ pvc: `${c.name}-${name}-${ordinal}`, action })) };
}

function spanStart(span: Span): Span {
  return { start: span.start, end: span.start };
}
