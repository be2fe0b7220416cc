// A StatefulSet's identity (and optionally its what-if identity) → the PreviewModel of protocol.ts, which the
// preview panel renders without computing anything. Pure: no LSP package, no IO.
import type { FileAnalysis, ParsedFile, Span, StatefulSetIdentity } from '../analysis/index';
import type { PreviewModel, PreviewPod, PreviewRange, StatefulSetSummary } from '../protocol';
import { spanToRange } from './ranges';

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
    const removedPods = declared.pods.filter((p) => !now.has(p.name));
    for (const p of pods(declared)) if (!now.has(p.name)) podList.push({ ...p, change: 'removed' });
    whatIf = {
      from: declared.replicas.value,
      to: id.replicas.value,
      created: id.pods.filter((p) => !before.has(p.name)).map((p) => p.name),
      removed: [...removedPods].reverse().map((p) => p.name),
      pvcs: [...removedPods].reverse().flatMap((p) => p.pvcs.map((pvc) => ({ pvc, action: id.retention.whenScaled.value }))),
    };
  }
  const service = id.service;
  return {
    uri: file.uri,
    name: id.name,
    namespace: id.namespace,
    nameRange: own(id.nameSpan),
    replicas: id.replicas.value,
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
    serviceDns: id.serviceDns,
    srvRecords: id.srvRecords.map((r) => ({ portName: r.portName, protocol: r.protocol, port: r.port, record: r.record })),
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
      .map((f) => ({ severity: f.severity, ruleId: f.ruleId, message: f.message, range: own(f.span) })),
  };
}

export function summarize(file: ParsedFile, identities: StatefulSetIdentity[]): StatefulSetSummary[] {
  return identities.map((id) => ({ name: id.name, namespace: id.namespace, range: spanToRange(file.text, id.nameSpan) }));
}
