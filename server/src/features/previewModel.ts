// A StatefulSet's identity (and optionally its what-if identity) → the PreviewModel of protocol.ts, which the
// preview panel renders without computing anything. Pure: no LSP package, no IO.
import type { FileAnalysis, ParsedFile, Span, StatefulSetIdentity } from '../analysis/index';
import type { PreviewModel, PreviewPod, PreviewRange, StatefulSetSummary } from '../protocol';
import { spanToRange } from './ranges';
import { templatedField, valuesPath } from './templated';

/** A what-if names at most this many created or removed pods; the counts stay exact. */
const MAX_WHAT_IF_LISTED = 1000;

const SEVERITY_ORDER = { error: 0, warning: 1, information: 2, hint: 3 } as const;

/** Ranges of other files (the Service's) need their text; the caller supplies a lookup. */
export type TextOf = (uri: string) => string | undefined;

function rangeIn(textOf: TextOf, uri: string, span: Span): PreviewRange {
  const text = textOf(uri);
  return text === undefined ? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } : spanToRange(text, span);
}

function pods(id: StatefulSetIdentity): PreviewPod[] {
  const stepOf = new Map<string, number>();
  id.startOrder.forEach((step, i) => step.forEach((pod) => stepOf.set(pod, i + 1)));
  // By ordinal, as the controller decides (the `updated` list names at most as many pods as are listed, from the top).
  const cut = id.startOrdinal.value + Math.max(0, id.update.partition.value);
  return id.pods.map((p) => ({
    ordinal: p.ordinal,
    name: p.name,
    dns: p.dns,
    pvcs: p.pvcs,
    startStep: stepOf.get(p.name) ?? 1,
    update: id.update.type.value === 'OnDelete' ? 'on-delete' : p.ordinal >= cut ? 'updated' : 'kept',
  }));
}

/**
 * The preview model of `id`. With `declared` (the identity without the replicas override) the model is a
 * what-if: pods that only the override creates are `added`, pods it removes are listed as `removed`.
 */
export function buildPreviewModel(file: ParsedFile, analysis: FileAnalysis, id: StatefulSetIdentity, textOf: TextOf, declared?: StatefulSetIdentity): PreviewModel {
  const own = (span: Span) => spanToRange(file.text, span);
  const podList = pods(id);
  let whatIf: PreviewModel['whatIf'];
  if (declared && declared.replicas.value !== id.replicas.value) {
    const now = new Set(id.pods.map((p) => p.name));
    const before = new Set(declared.pods.map((p) => p.name));
    for (const p of podList) if (!before.has(p.name)) p.change = 'added';
    for (const p of pods(declared)) if (!now.has(p.name)) podList.push({ ...p, change: 'removed' });
    // Worked out from the ordinals, not from the identities' lists, which stop at the first 1000 pods.
    const from = declared.replicas.value;
    const to = id.replicas.value;
    const first = id.startOrdinal.value;
    const claims = id.claimTemplates.map((c) => c.name);
    const podName = (ordinal: number) => `${id.name}-${ordinal}`;
    const createdCount = Math.max(0, to - from);
    const removedCount = Math.max(0, from - to);
    const created = Array.from({ length: Math.min(createdCount, MAX_WHAT_IF_LISTED) }, (_, i) => podName(first + from + i));
    const removed = Array.from({ length: Math.min(removedCount, MAX_WHAT_IF_LISTED) }, (_, i) => podName(first + from - 1 - i));
    whatIf = {
      from,
      to,
      created,
      createdCount,
      ...(createdCount ? { createdLast: podName(first + to - 1) } : {}),
      createdPvcCount: createdCount * claims.length,
      removed,
      removedCount,
      ...(removedCount ? { removedLast: podName(first + to) } : {}),
      pvcs: removed.flatMap((pod) => claims.map((claim) => ({ pvc: `${claim}-${pod}`, action: id.retention.whenScaled.value }))),
      removedPvcCount: removedCount * claims.length,
    };
  }
  const templated = [...(id.templatedNames ?? []), ...(id.templated ?? [])].map((t) => {
    const values = valuesPath(t.expression);
    return { field: t.field, source: t.expression, ...(values ? { values } : {}) };
  });
  // A templated serviceName names no Service we could know: claim none, and no DNS names.
  const serviceNameTemplated = id.templatedNames?.some((t) => t.field === 'serviceName') ?? false;
  const service = serviceNameTemplated ? undefined : id.service;
  if (serviceNameTemplated) for (const p of podList) delete p.dns;
  return withPlaceholders(id, {
    uri: file.uri,
    name: id.name,
    namespace: id.namespace,
    nameRange: own(id.nameSpan),
    replicas: id.replicas.value,
    ...(file.isTemplate ? { template: true } : {}),
    ...(templated.length ? { templated } : {}),
    ...(id.invalid?.length ? { invalid: id.invalid.map((v) => ({ field: v.field, value: v.value, allowed: v.allowed, range: own(v.span) })) } : {}),
    declaredReplicas: (declared ?? id).replicas.value,
    startOrdinal: id.startOrdinal.value,
    serviceName: id.serviceName.value,
    service: service && {
      name: service.name,
      namespace: service.namespace,
      uri: service.uri,
      headless: service.headless,
      ports: service.ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol })),
      range: rangeIn(textOf, service.uri, service.span),
    },
    serviceDns: serviceNameTemplated ? undefined : id.serviceDns,
    srvRecords: (serviceNameTemplated ? [] : id.srvRecords).map((r) => ({ portName: r.portName, protocol: r.protocol, port: r.port, record: r.record })),
    podManagementPolicy: id.podManagementPolicy.value,
    updateStrategy: id.update.type.value,
    partition: id.update.partition.value,
    pods: podList,
    claimTemplates: id.claimTemplates.map((c) => ({
      name: c.name, range: own(c.span), pvcs: c.pvcs, storage: c.storage, accessModes: c.accessModes, storageClassName: c.storageClassName,
    })),
    startOrder: id.startOrder,
    scaleDownOrder: id.scaleDownOrder,
    updateOrder: id.update.updated,
    keptRevision: id.update.kept,
    retention: {
      whenScaled: id.retention.whenScaled.value,
      whenDeleted: id.retention.whenDeleted.value,
      onScaleDown: { pod: id.retention.onScaleDown.pod, pvcs: id.retention.onScaleDown.pvcs },
      onDelete: id.retention.onDelete,
    },
    whatIf,
    problems: analysis.findings
      .filter((f) => f.uri === file.uri && f.span.start >= id.span.start && f.span.end <= id.span.end)
      .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.span.start - b.span.start || a.span.end - b.span.end)
      .map((f) => ({ severity: f.severity, ruleId: f.ruleId, message: f.message, range: own(f.span) })),
  });
}

/**
 * On a Helm template whose name (or a claim template's name) is an expression, the names built from it read
 * `<name>-0` and `<claim>-<name>-0` rather than repeating the expression in every cell. `name` keeps the text.
 */
function withPlaceholders(id: StatefulSetIdentity, m: PreviewModel): PreviewModel {
  const nameExpression = templatedField(id, 'name');
  const claims = id.claimTemplates.filter((c) => c.name.includes('{{')).map((c) => c.name);
  if (nameExpression === undefined && claims.length === 0) return m;
  const pod = (s: string) => (nameExpression === undefined ? s : s.split(nameExpression).join('<name>'));
  const pvc = (s: string) => {
    const claim = claims.find((c) => s.startsWith(`${c}-`));
    return claim === undefined ? pod(s) : `<claim>-${pod(s.slice(claim.length + 1))}`;
  };
  const outcome = <T extends { pvc: string }>(o: T): T => ({ ...o, pvc: pvc(o.pvc) });
  return {
    ...m,
    pods: m.pods.map((p) => ({ ...p, name: pod(p.name), pvcs: p.pvcs.map(pvc) })),
    claimTemplates: m.claimTemplates.map((c) => ({ ...c, name: claims.includes(c.name) ? '<claim>' : c.name, pvcs: c.pvcs.map(pvc) })),
    startOrder: m.startOrder.map((step) => step.map(pod)),
    scaleDownOrder: m.scaleDownOrder.map((step) => step.map(pod)),
    updateOrder: m.updateOrder.map(pod),
    keptRevision: m.keptRevision.map(pod),
    retention: {
      ...m.retention,
      onScaleDown: { ...m.retention.onScaleDown, ...(m.retention.onScaleDown.pod ? { pod: pod(m.retention.onScaleDown.pod) } : {}), pvcs: m.retention.onScaleDown.pvcs.map(outcome) },
      onDelete: m.retention.onDelete.map(outcome),
    },
    ...(m.whatIf
      ? {
          whatIf: {
            ...m.whatIf,
            created: m.whatIf.created.map(pod),
            removed: m.whatIf.removed.map(pod),
            pvcs: m.whatIf.pvcs.map(outcome),
            ...(m.whatIf.createdLast ? { createdLast: pod(m.whatIf.createdLast) } : {}),
            ...(m.whatIf.removedLast ? { removedLast: pod(m.whatIf.removedLast) } : {}),
          },
        }
      : {}),
  };
}

export function summarize(file: ParsedFile, identities: StatefulSetIdentity[]): StatefulSetSummary[] {
  return identities.map((id) => ({ name: id.name, namespace: id.namespace, range: spanToRange(file.text, id.nameSpan) }));
}
