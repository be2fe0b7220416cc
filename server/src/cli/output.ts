// Renders analysis results for the command line: the preview as text or JSON, findings as
// `path:line:col severity rule-id message`. Pure functions of a workspace and its results (no IO), so the
// golden tests call them directly.
import { lineStarts, offsetToPosition, type Finding, type ManifestWorkspace, type Severity, type Span, type StatefulSetIdentity } from '../analysis/index';

export interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  severity(sev: Severity, s: string): string;
  green(s: string): string;
}

export function painter(color: boolean): Paint {
  const wrap = (code: string) => (s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sevColor: Record<Severity, (s: string) => string> = { error: wrap('31'), warning: wrap('33'), information: wrap('36'), hint: wrap('2') };
  return { bold: wrap('1'), dim: wrap('2'), green: wrap('32'), severity: (sev, s) => sevColor[sev](s) };
}

/** Line starts per file text, computed once: a file with thousands of findings must not rescan its text each time. */
const lineStartsCache = new WeakMap<object, number[]>();

export function position(ws: ManifestWorkspace, uri: string, offset: number): { line: number; column: number } {
  const file = ws.getFile(uri);
  let starts = file ? lineStartsCache.get(file) : [0];
  if (!starts) {
    starts = lineStarts(file!.text);
    lineStartsCache.set(file!, starts);
  }
  const p = offsetToPosition(starts, offset);
  return { line: p.line + 1, column: p.character + 1 };
}

const arrow = ' → ';

function describeOrder(steps: string[][]): string {
  if (steps.length === 0) return '(no pods)';
  return steps.map((s) => (s.length > 1 ? `{${s.join(', ')}}` : s[0])).join(arrow);
}

export function renderPreviewText(ws: ManifestWorkspace, ids: StatefulSetIdentity[], paint: Paint): string {
  const lines: string[] = [];
  for (const id of ids) {
    const at = position(ws, id.uri, id.nameSpan.start);
    lines.push(paint.bold(`StatefulSet ${id.namespace}/${id.name || '(unnamed)'}`) + paint.dim(`  ${id.uri}:${at.line}:${at.column}`));
    const shown = id.pods.length < id.replicas.value ? ` (first ${id.pods.length} listed)` : '';
    lines.push(
      `  replicas ${id.replicas.value}${shown}, ordinals from ${id.startOrdinal.value}, ${id.podManagementPolicy.value}, ${id.update.type.value}` +
        (id.update.type.value === 'RollingUpdate' && id.update.partition.value ? ` partition ${id.update.partition.value}` : ''),
    );
    for (const t of id.templated ?? []) {
      lines.push(`  ${paint.dim(`${t.field} is the template expression ${t.expression}: shown with the field's Kubernetes default until rendered`)}`);
    }
    // A templated serviceName names no Service that could be known before rendering (as in the preview panel).
    const serviceNameTemplated = id.templatedNames?.some((t) => t.field === 'serviceName') ?? false;
    if (!id.serviceName.value) {
      lines.push(`  Service   ${paint.severity('warning', 'none: serviceName is empty, so the pods get no DNS names')}`);
    } else if (serviceNameTemplated) {
      lines.push(`  Service   ${paint.dim(`serviceName is the template expression ${id.serviceName.value}: the Service and the pods' DNS names are known once rendered`)}`);
    } else if (!id.service) {
      lines.push(`  Service   ${id.serviceDns}  ${paint.severity('warning', `(no Service '${id.serviceName.value}' in namespace ${id.namespace} among the files read)`)}`);
    } else {
      const sat = position(ws, id.service.uri, id.service.span.start);
      const kind = id.service.headless ? paint.green('headless') : paint.severity('warning', 'NOT headless: no per-pod DNS records');
      lines.push(`  Service   ${id.serviceDns}  ${kind}  ${paint.dim(`${id.service.uri}:${sat.line}`)}`);
    }
    for (const srv of id.srvRecords) lines.push(`  SRV       ${srv.record}${srv.port !== undefined ? ` → port ${srv.port}` : ''}`);
    if (id.service && id.srvRecords.length === 0) lines.push(`  SRV       ${paint.dim('none (the Service has no named port)')}`);
    lines.push('');
    lines.push(`  ${paint.bold('Pods')}`);
    const podWidth = Math.max(3, ...id.pods.map((p) => p.name.length));
    const dnsOf = (p: (typeof id.pods)[number]) => (serviceNameTemplated ? undefined : p.dns) ?? '-';
    const dnsWidth = Math.max(3, ...id.pods.map((p) => dnsOf(p).length));
    for (const p of id.pods) {
      const pvcs = p.pvcs.length ? `PVCs: ${p.pvcs.join(', ')}` : paint.dim('no PVCs');
      lines.push(`    ${p.name.padEnd(podWidth)}  ${dnsOf(p).padEnd(dnsWidth)}  ${pvcs}`);
    }
    if (id.pods.length === 0) lines.push(`    ${paint.dim('(replicas is 0: no pods)')}`);
    lines.push('');
    const parallel = id.podManagementPolicy.value === 'Parallel';
    lines.push(`  Start order        ${describeOrder(id.startOrder)}${parallel ? '  (Parallel: all at once)' : id.pods.length > 1 ? '  (one at a time, each Running and Ready first)' : ''}`);
    lines.push(`  Scale-down order   ${describeOrder(id.scaleDownOrder)}`);
    if (id.update.type.value === 'OnDelete') {
      lines.push(`  Rolling update     OnDelete: pods update only when deleted`);
    } else {
      const upd = id.update.updated.length ? id.update.updated.join(arrow) : '(no pod: the partition is above every ordinal)';
      const kept = id.update.kept.length ? `; keeps the current revision: ${id.update.kept.join(', ')}` : '';
      lines.push(`  Rolling update     ${upd}${kept}`);
    }
    const sd = id.retention.onScaleDown;
    if (sd.pod) {
      const fate = sd.pvcs.length
        ? sd.pvcs.map((p) => `${p.pvc} ${p.action === 'Delete' ? 'deleted' : 'kept'}`).join(', ')
        : 'no PVCs';
      lines.push(`  Scale down by one  ${sd.pod} removed; ${fate} (whenScaled: ${id.retention.whenScaled.value})`);
    } else {
      lines.push(`  Scale down by one  nothing to remove (replicas is 0)`);
    }
    const del = id.retention.onDelete;
    if (del.length) {
      const verb = id.retention.whenDeleted.value === 'Delete' ? 'deleted' : 'kept';
      lines.push(`  On delete          PVCs ${verb}: ${del.map((d) => d.pvc).join(', ')} (whenDeleted: ${id.retention.whenDeleted.value})`);
    } else {
      lines.push(`  On delete          no PVCs (no volumeClaimTemplates)`);
    }
    lines.push('');
  }
  if (ids.length === 0) lines.push('No StatefulSet found in the files read.');
  return lines.join('\n');
}

export function spanJson(ws: ManifestWorkspace, uri: string, span: Span | undefined) {
  if (!span) return undefined;
  const s = position(ws, uri, span.start);
  const e = position(ws, uri, span.end);
  return { start: s, end: e };
}

/** The preview as JSON: the same content as the text, with spans as 1-based line/column. */
export function previewJson(ws: ManifestWorkspace, ids: StatefulSetIdentity[]) {
  return {
    statefulSets: ids.map((id) => ({
      file: id.uri,
      name: id.name,
      namespace: id.namespace,
      location: spanJson(ws, id.uri, id.nameSpan),
      replicas: id.replicas.value,
      startOrdinal: id.startOrdinal.value,
      serviceName: id.serviceName.value,
      serviceDns: id.serviceDns ?? null,
      service: id.service
        ? { file: id.service.uri, name: id.service.name, namespace: id.service.namespace, headless: id.service.headless, ports: id.service.ports }
        : null,
      srvRecords: id.srvRecords,
      pods: id.pods.map((p) => ({ ordinal: p.ordinal, name: p.name, dns: p.dns ?? null, pvcs: p.pvcs })),
      claimTemplates: id.claimTemplates.map((c) => ({ name: c.name, pvcs: c.pvcs, storage: c.storage ?? null, accessModes: c.accessModes, storageClassName: c.storageClassName ?? null })),
      podManagementPolicy: id.podManagementPolicy.value,
      startOrder: id.startOrder,
      scaleDownOrder: id.scaleDownOrder,
      update: {
        type: id.update.type.value,
        partition: id.update.partition.value,
        maxUnavailable: id.update.maxUnavailable?.value ?? null,
        updated: id.update.updated,
        kept: id.update.kept,
      },
      retention: {
        whenScaled: id.retention.whenScaled.value,
        whenDeleted: id.retention.whenDeleted.value,
        onScaleDown: id.retention.onScaleDown,
        onDelete: id.retention.onDelete,
      },
    })),
  };
}

export function renderFindingsText(ws: ManifestWorkspace, findings: Finding[], paint: Paint): string {
  return findings
    .map((f) => {
      const at = position(ws, f.uri, f.span.start);
      return `${f.uri}:${at.line}:${at.column} ${paint.severity(f.severity, f.severity)} ${f.ruleId} ${f.message}`;
    })
    .join('\n');
}


/**
 * Writes `JSON.stringify(value, null, 2)` and a line break, in pieces: the arrays and objects of the first
 * `depth` levels are written member by member, so a report of thousands of entries is never one giant string.
 * The text is exactly what JSON.stringify gives (plain data: no toJSON, no cycles).
 */
export function writeJson(value: unknown, write: (chunk: string) => void, depth = 3): void {
  let buffer = '';
  const out = (s: string) => {
    buffer += s;
    if (buffer.length >= 1 << 16) {
      write(buffer);
      buffer = '';
    }
  };
  const emit = (v: unknown, level: number, indent: string): void => {
    const inner = indent + '  ';
    if (level > 0 && v !== null && typeof v === 'object' && !('toJSON' in v)) {
      if (Array.isArray(v)) {
        if (v.length === 0) return out('[]');
        out('[');
        v.forEach((item, i) => {
          out(`${i ? ',' : ''}\n${inner}`);
          // As in JSON.stringify: an element that has no JSON form reads as null.
          if (item === undefined || typeof item === 'function' || typeof item === 'symbol') out('null');
          else emit(item, level - 1, inner);
        });
        return out(`\n${indent}]`);
      }
      // As in JSON.stringify: members that have no JSON form are left out.
      const members = Object.entries(v).filter(([, m]) => m !== undefined && typeof m !== 'function' && typeof m !== 'symbol');
      if (members.length === 0) return out('{}');
      out('{');
      members.forEach(([key, m], i) => {
        out(`${i ? ',' : ''}\n${inner}${JSON.stringify(key)}: `);
        emit(m, level - 1, inner);
      });
      return out(`\n${indent}}`);
    }
    // A JSON text holds line breaks only between tokens (never inside a string): indenting them is exact.
    const text = JSON.stringify(v, null, 2);
    out(indent ? text.replace(/\n/g, `\n${indent}`) : text);
  };
  emit(value, depth, '');
  out('\n');
  if (buffer) write(buffer);
}
