// StatefulSet identities → code lenses: the pod names on the name, the DNS names on serviceName, the PVC names
// on each claim template, and the rollout order on updateStrategy. Titles are the product's words; keep them
// exactly as the README shows them. Pure: no LSP package (only its types).
import type { CodeLens } from 'vscode-languageserver-types';
import { getPair, getPath, type ParsedFile, type Span, type StatefulSetIdentity } from '../analysis/index';
import { ShowPreviewCommand, type ShowPreviewArguments } from '../protocol';
import { spanToRange } from './ranges';

/** Lists longer than this are shown as `first … last (N pods)`. */
const MAX_LISTED = 4;

function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** `rg-0, rg-1` or `rg-0 … rg-9 (10 pods)`; `total` is the true count when the list was capped. */
export function abbreviate(names: string[], noun: string, separator = ', ', total = names.length): string {
  if (names.length <= MAX_LISTED && total === names.length) return names.join(separator);
  const gap = separator.trim() === ',' ? ' … ' : `${separator}…${separator}`;
  return `${names[0]}${gap}${names[names.length - 1]} (${countOf(total, noun)})`;
}

/** The last ordinal's name, which the identity does not list when replicas exceeds its cap. */
function lastOrdinalName(id: StatefulSetIdentity, prefix = ''): string {
  return `${prefix}${id.name}-${id.startOrdinal.value + id.replicas.value - 1}`;
}

export function podsTitle(id: StatefulSetIdentity): string {
  if (id.replicas.value === 0) return 'pods: none (replicas: 0)';
  const names = id.pods.map((p) => p.name);
  if (names.length < id.replicas.value) names.push(lastOrdinalName(id));
  return `pods: ${abbreviate(names, 'pod', ', ', id.replicas.value)}`;
}

export function dnsTitle(id: StatefulSetIdentity): string {
  if (!id.serviceName.value) return 'no serviceName: pods get no DNS names';
  if (!id.service) return `no headless Service ${id.serviceName.value} in namespace ${id.namespace}: pods get no DNS names`;
  if (!id.service.headless) return `Service ${id.service.name} is not headless: pods get no DNS names`;
  const first = id.pods[0]?.dns;
  if (!first) return `DNS: ${id.serviceDns ?? ''} (no pods)`;
  return `DNS: ${first}${id.replicas.value > 1 ? ', …' : ''}`;
}

export function pvcsTitle(id: StatefulSetIdentity, claimIndex: number): string {
  const claim = id.claimTemplates[claimIndex];
  const pvcs = [...claim.pvcs];
  if (pvcs.length === 0) return 'PVCs: none (replicas: 0)';
  if (pvcs.length < id.replicas.value) pvcs.push(lastOrdinalName(id, `${claim.name}-`));
  return `PVCs: ${abbreviate(pvcs, 'PVC', ', ', id.replicas.value)}`;
}

/**
 * Pod names for `count` ordinals from `first`, counting up (step 1) or down (step -1). Worked out from the
 * ordinals rather than taken from the identity's lists, which stop at the first 1000 pods: a rollout over 1500
 * starts at rg-1499, not rg-999.
 */
function ordinalNames(id: StatefulSetIdentity, first: number, count: number, step: 1 | -1, separator = ', '): string {
  const names = count <= MAX_LISTED
    ? Array.from({ length: count }, (_, i) => `${id.name}-${first + step * i}`)
    : [`${id.name}-${first}`, `${id.name}-${first + step * (count - 1)}`];
  return abbreviate(names, 'pod', separator, count);
}

export function updateTitle(id: StatefulSetIdentity): string {
  const u = id.update;
  if (u.type.value === 'OnDelete') return 'OnDelete: pods update only when deleted';
  const replicas = id.replicas.value;
  if (replicas === 0) return 'rolling update: no pods';
  const start = id.startOrdinal.value;
  const last = start + replicas - 1;
  // Pods with ordinal >= start + partition take the new revision, highest first.
  const partition = u.partition.value;
  if (partition > 0) {
    const updating = Math.max(0, replicas - partition);
    const keeping = replicas - updating;
    const updates = updating ? `updates ${ordinalNames(id, last, updating, -1)}` : 'updates no pod';
    const keeps = keeping ? `keeps ${ordinalNames(id, start, keeping, 1)}` : 'keeps no pod';
    return `partition ${partition}: ${updates}, ${keeps}`;
  }
  return `rolling update: ${ordinalNames(id, last, replicas, -1, ' → ')}`;
}

/** Lenses of one file at most: a file of thousands of StatefulSets gets those of the first ones and a count. */
export const MAX_LENSES = 2000;
/** A title longer than this (10,000-character names) ends in `…`: a lens is one line above the code. */
export const MAX_LENS_TITLE = 300;

function clipTitle(title: string): string {
  return title.length > MAX_LENS_TITLE ? `${title.slice(0, MAX_LENS_TITLE - 1)}…` : title;
}

/** Every lens of one file (up to MAX_LENSES); each runs the preview command for its StatefulSet. */
export function computeLenses(file: ParsedFile, identities: StatefulSetIdentity[]): CodeLens[] {
  const lenses: CodeLens[] = [];
  const statefulSets = new Map<number, (typeof file.resources)[number]>();
  for (const r of file.resources) if (r.recognized === 'StatefulSet' && !statefulSets.has(r.node.span.start)) statefulSets.set(r.node.span.start, r);
  for (const [index, id] of identities.entries()) {
    if (lenses.length >= MAX_LENSES) {
      const title = `code lenses are shown for the first ${index} of ${identities.length} StatefulSets in this file`;
      lenses.push({ range: spanToRange(file.text, id.nameSpan), command: { title, command: ShowPreviewCommand, arguments: [file.uri, id.name] } });
      break;
    }
    const resource = statefulSets.get(id.span.start);
    const spec = resource ? getPath(resource.node, 'spec') : undefined;
    const args: ShowPreviewArguments = [file.uri, id.name];
    const lens = (span: Span, title: string) =>
      lenses.push({ range: spanToRange(file.text, span), command: { title: clipTitle(title), command: ShowPreviewCommand, arguments: args } });

    lens(id.nameSpan, podsTitle(id));
    const serviceNameKey = getPair(spec, 'serviceName')?.key.span;
    if (serviceNameKey) lens(serviceNameKey, dnsTitle(id));
    id.claimTemplates.forEach((claim, i) => lens(claim.span, pvcsTitle(id, i)));
    const strategyKey = getPair(spec, 'updateStrategy')?.key.span ?? (resource ? getPair(resource.node, 'spec')?.key.span : undefined);
    if (strategyKey) lens(strategyKey, updateTitle(id));
  }
  return lenses;
}
