// What the manifest will produce, for the field under the cursor: the resolved Service and the DNS names on
// serviceName, PVC names on a claim template, pod names on replicas, the update split on partition, the
// start / scale-down order on podManagementPolicy and PVC outcomes on the retention policy. On a Helm template a
// templated field is said to be unknown until rendering (with what the rest assumes); a value the API server
// rejects is said to be rejected rather than explained as the default it falls back to. Markdown. Pure.
import type { Range } from 'vscode-languageserver-types';
import type { ParsedFile, Span, StatefulSetIdentity, YNode } from '../analysis/index';
import { spanToRange } from './ranges';
import { templatedField, templateSource } from './templated';

interface Step {
  key: string | number;
  node: YNode | undefined;
  /** Span of the key (for map steps) or the item (for sequence steps). */
  span: Span;
}

/** The chain of keys and indexes from `root` down to the node under `offset` (keys included). */
export function pathAt(root: YNode, offset: number): Step[] {
  const steps: Step[] = [];
  let node: YNode | undefined = root;
  while (node && node.kind !== 'scalar') {
    let next: Step | undefined;
    if (node.kind === 'map') {
      for (const p of node.pairs) {
        const end = p.value ? Math.max(p.value.span.end, p.key.span.end) : p.key.span.end;
        if (p.key.span.start <= offset && offset <= end) {
          next = { key: String(p.key.value), node: p.value, span: p.key.span };
          break;
        }
      }
    } else {
      node.items.forEach((it, i) => {
        if (!next && it.span.start <= offset && offset <= it.span.end) next = { key: i, node: it, span: it.span };
      });
    }
    if (!next) break;
    steps.push(next);
    node = next.node;
  }
  return steps;
}

function code(s: string): string {
  return `\`${s}\``;
}

/**
 * Names in code spans, abbreviated past `max` with the count at the end; `total` and `last` describe a list
 * longer than the names given (at most 1000 pods are listed by name), `countShown` drops the count suffix.
 */
function list(names: string[], max = 6, total = names.length, last = names[names.length - 1], countShown = false): string {
  if (total <= max) return names.map(code).join(', ');
  return `${names.slice(0, max - 1).map(code).join(', ')}, … ${code(last)}${countShown ? '' : ` (${total})`}`;
}

/**
 * Names for `count` ordinals from `first` (counting up, or down with step -1), each passed through `nameOf`, as
 * a `list`. Built from the ordinals, not from the identity's lists, which stop at the first 1000 pods: past
 * that, the last name and the count would be wrong.
 */
function ordinalList(first: number, count: number, step: 1 | -1, nameOf: (ordinal: number) => string, max = 6): string {
  const names = Array.from({ length: Math.min(count, max) }, (_, i) => nameOf(first + step * i));
  return list(names, max, count, nameOf(first + step * (count - 1)));
}

/** `a → b → c`, or `a → … → z (N steps)` past four. */
function chain(first: number, count: number, step: 1 | -1, nameOf: (ordinal: number) => string, noun: string): string {
  if (count <= 4) return Array.from({ length: count }, (_, i) => code(nameOf(first + step * i))).join(' → ');
  return `${code(nameOf(first))} → … → ${code(nameOf(first + step * (count - 1)))} (${count} ${noun}s)`;
}

/** One step of pods started or removed together: `a + b`, or `a + b + … + z` (N pods) past four. */
function together(first: number, count: number, step: 1 | -1, nameOf: (ordinal: number) => string): string {
  if (count <= 4) return code(Array.from({ length: count }, (_, i) => nameOf(first + step * i)).join(' + '));
  return `${code(`${nameOf(first)} + ${nameOf(first + step)} + … + ${nameOf(first + step * (count - 1))}`)} (${count} pods)`;
}

/** Every PVC the StatefulSet owns (pod by pod, claim by claim), ending with the last pod's last claim. */
function onDeleteList(id: StatefulSetIdentity): string {
  const claims = id.claimTemplates.map((c) => c.name);
  const total = id.replicas.value * claims.length;
  if (total === 0) return '';
  const last = `${claims[claims.length - 1]}-${id.name}-${id.startOrdinal.value + id.replicas.value - 1}`;
  return list(id.retention.onDelete.map((p) => p.pvc), 6, total, last);
}

/** `field` is written as a template expression: what that leaves unknown. */
function templatedNote(field: string, expression: string, what: string): string {
  const source = templateSource(expression);
  return `${code(field)} ${source.startsWith('.Values') ? `comes from values ${code(source)}` : `is templated (${code(source)})`}: ${what} unknown until the chart is rendered.`;
}

/** The hover for an enum value the API server rejects, or undefined when the value is valid. */
function invalidNote(id: StatefulSetIdentity, field: string): string | undefined {
  const v = id.invalid?.find((i) => i.field === field);
  if (!v) return undefined;
  return `**Invalid**: ${code(v.value)} is not ${v.allowed.map(code).join(' or ')}. The API server rejects the StatefulSet, so nothing is created until it is fixed.`;
}

export interface ProducedHover {
  markdown: string;
  range: Range;
}

/** The "what it produces" part of a hover on a StatefulSet field, or undefined when there is nothing to add. */
export function producedHover(file: ParsedFile, resourceNode: YNode, id: StatefulSetIdentity, offset: number, fileNameOf: (uri: string) => string): ProducedHover | undefined {
  const steps = pathAt(resourceNode, offset);
  const keys = steps.map((s) => s.key);
  const at = (n: number) => spanToRange(file.text, steps[n - 1].span);
  const is = (...want: (string | number | null)[]) => want.length <= keys.length && want.every((w, i) => w === null || keys[i] === w);
  const replicas = id.replicas.value;
  const start = id.startOrdinal.value;
  const lastOrdinal = start + replicas - 1;
  const pod = (ordinal: number) => `${id.name}-${ordinal}`;

  const nameTemplated = templatedField(id, 'name');
  const replicasTemplated = templatedField(id, 'replicas');
  // With replicas templated, what the hover lists assumes the default.
  const assuming = replicasTemplated === undefined ? '' : `\n\nAssuming replicas = ${replicas}: ${templatedNote('replicas', replicasTemplated, 'the number of pods is')}`;

  if (is('spec', 'serviceName')) {
    const serviceNameTemplated = templatedField(id, 'serviceName');
    if (serviceNameTemplated !== undefined) {
      return { markdown: templatedNote('serviceName', serviceNameTemplated, 'the governing Service, and so the pods\' DNS names, are'), range: at(2) };
    }
    const lines: string[] = [];
    if (!id.serviceName.value) lines.push('No `serviceName`: the pods get no DNS names.');
    else if (!id.service) lines.push(`No Service ${code(id.serviceName.value)} in namespace ${code(id.namespace)} in the workspace.`);
    else {
      const s = id.service;
      const ports = s.ports.map((p) => `${p.name ? `${p.name} ` : ''}${p.port ?? '?'}/${p.protocol}`).join(', ') || 'none';
      lines.push(`**Service** ${code(s.name)} in ${fileNameOf(s.uri)}: ${s.headless ? 'headless' : '**not headless** (`clusterIP` is not `None`)'}, ports ${ports}.`);
    }
    if (id.serviceName.value && (!id.service || id.service.headless)) {
      // Every pod's DNS name is its name followed by the same domain (pod 0's tells which).
      const domain = id.pods[0]?.dns?.slice(id.pods[0].name.length) ?? '';
      lines.push('', `**DNS names**: ${ordinalList(start, replicas, 1, (o) => `${pod(o)}${domain}`)}`);
      if (id.serviceDns) lines.push('', `Service: ${code(id.serviceDns)}`);
      if (id.srvRecords.length) lines.push('', `SRV: ${list(id.srvRecords.map((r) => r.record))}`);
    }
    return { markdown: lines.join('\n'), range: at(2) };
  }
  if (is('spec', 'volumeClaimTemplates', null) && typeof keys[2] === 'number') {
    const item = steps[2].node;
    const claim = id.claimTemplates.find((c) => item && c.span.start >= item.span.start && c.span.end <= item.span.end);
    if (!claim) return undefined;
    const details = [claim.storage && `storage ${claim.storage}`, claim.accessModes.length ? claim.accessModes.join(', ') : undefined, claim.storageClassName && `class ${claim.storageClassName}`].filter(Boolean).join(' · ');
    return { markdown: `**PVCs** from claim template ${code(claim.name)}${details ? ` (${details})` : ''}: ${ordinalList(start, replicas, 1, (o) => `${claim.name}-${pod(o)}`) || 'none (replicas 0)'}`, range: at(3) };
  }
  if (is('spec', 'replicas')) {
    if (replicasTemplated !== undefined) {
      const names = nameTemplated === undefined ? ` ${code(pod(start))}` : '';
      return { markdown: `**Pods**: ${templatedNote('replicas', replicasTemplated, 'their number is')} With replicas = ${replicas} (assumed)${names ? ':' : ''}${names}`, range: at(2) };
    }
    if (nameTemplated !== undefined) return { markdown: `**Pods** (${replicas}): ${templatedNote('metadata.name', nameTemplated, 'their names are')}`, range: at(2) };
    return { markdown: `**Pods** (${replicas}): ${list(id.pods.map((p) => p.name), 6, replicas, pod(lastOrdinal), true) || 'none'}`, range: at(2) };
  }
  if (nameTemplated !== undefined && (is('spec', 'volumeClaimTemplates') || is('spec', 'updateStrategy') || is('spec', 'podManagementPolicy') || is('spec', 'persistentVolumeClaimRetentionPolicy') || is('metadata', 'name'))) {
    const invalid = invalidNote(id, keys[1] === 'updateStrategy' ? 'updateStrategy.type' : String(keys[1]));
    const policy = keys[1] === 'podManagementPolicy' ? templatedField(id, 'podManagementPolicy') : undefined;
    const strategy = keys[1] === 'updateStrategy' ? templatedField(id, 'updateStrategy.type') : undefined;
    const specific = invalid
      ?? (policy !== undefined ? templatedNote('podManagementPolicy', policy, 'the start and scale-down order is') : undefined)
      ?? (strategy !== undefined ? templatedNote('updateStrategy.type', strategy, 'which pods a template change rolls out to, and in what order, is') : undefined);
    return { markdown: specific ?? templatedNote('metadata.name', nameTemplated, 'the pod and PVC names are'), range: at(2) };
  }
  if (is('spec', 'updateStrategy')) {
    const invalid = invalidNote(id, 'updateStrategy.type');
    if (invalid) return { markdown: invalid, range: at(Math.min(keys.length, 3)) };
    const typeTemplated = templatedField(id, 'updateStrategy.type') ?? templatedField(id, 'updateStrategy.rollingUpdate.partition');
    if (typeTemplated !== undefined) {
      const field = templatedField(id, 'updateStrategy.type') !== undefined ? 'updateStrategy.type' : 'partition';
      return { markdown: templatedNote(field, typeTemplated, 'which pods a template change rolls out to, and in what order, is'), range: at(Math.min(keys.length, 4)) };
    }
    const u = id.update;
    if (u.type.value === 'OnDelete') return { markdown: '**OnDelete**: no pod is replaced automatically; each pod takes the new template when you delete it.', range: at(keys.length >= 2 ? Math.min(keys.length, 3) : 2) };
    const partition = u.partition.value;
    // Pods with ordinal >= start + partition take the new revision, highest first.
    const updating = Math.max(0, replicas - Math.max(0, partition));
    const keeping = replicas - updating;
    const text = partition > 0
      ? `**Partition ${partition}**: a template change rolls out to ${ordinalList(lastOrdinal, updating, -1, pod) || 'no pod'} (highest ordinal first); ${ordinalList(start, keeping, 1, pod) || 'no pod'} keep${keeping === 1 ? 's' : ''} the current revision.`
      : `**Rolling update** order: ${chain(lastOrdinal, replicas, -1, pod, 'pod')}`;
    return { markdown: text + assuming, range: at(Math.min(keys.length, 4)) };
  }
  if (is('spec', 'podManagementPolicy')) {
    const invalid = invalidNote(id, 'podManagementPolicy');
    if (invalid) return { markdown: invalid, range: at(2) };
    const policyTemplated = templatedField(id, 'podManagementPolicy');
    if (policyTemplated !== undefined) return { markdown: templatedNote('podManagementPolicy', policyTemplated, 'the start and scale-down order is'), range: at(2) };
    const parallel = id.podManagementPolicy.value === 'Parallel';
    const how = parallel ? 'all at once' : 'one at a time, each after the previous is Ready';
    const up = parallel ? together(start, replicas, 1, pod) : chain(start, replicas, 1, pod, 'step');
    const down = parallel ? together(lastOrdinal, replicas, -1, pod) : chain(lastOrdinal, replicas, -1, pod, 'step');
    return { markdown: `**Start** (${how}): ${up}\n\n**Scale down**: ${down}${assuming}`, range: at(2) };
  }
  if (is('spec', 'persistentVolumeClaimRetentionPolicy')) {
    const invalid = invalidNote(id, keys[2] === 'whenDeleted' ? 'persistentVolumeClaimRetentionPolicy.whenDeleted' : 'persistentVolumeClaimRetentionPolicy.whenScaled')
      ?? invalidNote(id, 'persistentVolumeClaimRetentionPolicy.whenDeleted');
    if (invalid) return { markdown: invalid, range: at(Math.min(keys.length, 3)) };
    const r = id.retention;
    const scale = r.onScaleDown.pod
      ? `On scale-down by one, ${code(r.onScaleDown.pod)} goes and its PVCs are ${r.whenScaled.value === 'Delete' ? '**deleted**' : 'kept'}: ${list(r.onScaleDown.pvcs.map((p) => p.pvc)) || 'none'}.`
      : 'No pods, so a scale-down removes no PVCs.';
    const del = `On delete of the StatefulSet, the PVCs are ${r.whenDeleted.value === 'Delete' ? '**deleted**' : 'kept'}: ${onDeleteList(id) || 'none'}.`;
    return { markdown: `${scale}\n\n${del}`, range: at(Math.min(keys.length, 3)) };
  }
  if (is('metadata', 'name')) {
    return { markdown: `**Pods**: ${list(id.pods.map((p) => p.name)) || 'none'}`, range: at(2) };
  }
  return undefined;
}
