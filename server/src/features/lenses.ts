// StatefulSet identities → code lenses: the pod names on the name, the DNS names on serviceName, the PVC names
// on each claim template, and the rollout order on updateStrategy. Titles are the product's words; keep them
// exactly as the README shows them. A title never runs past MAX_TITLE characters (the editor cuts lenses at its
// edge without an ellipsis): long names are shortened in the middle, and the full list is the lens's tooltip.
// On a Helm template the lenses say what is unknown until rendering. Pure: no LSP package (only its types).
import type { CodeLens } from 'vscode-languageserver-types';
import { getPair, getPath, type ParsedFile, type Span, type StatefulSetIdentity } from '../analysis/index';
import { ShowPreviewCommand, type ShowPreviewArguments } from '../protocol';
import { spanToRange } from './ranges';
import { templatedField, templateSource } from './templated';

/** Lists longer than this are shown as `first … last (N pods)`. */
const MAX_LISTED = 2;

/** The longest lens title: about half of a 1600-pixel window at the default font, after the indentation. */
export const MAX_TITLE = 64;

/** Names the tooltip lists before it says how many more there are. */
const TOOLTIP_NAMES = 12;

/** `head…tail` of `name` in `width` characters, keeping the end (the ordinal) whole. */
function elide(name: string, width: number): string {
  if (name.length <= width) return name;
  const tail = Math.max(3, Math.floor((width - 1) * 0.4));
  return `${name.slice(0, width - 1 - tail)}…${name.slice(name.length - tail)}`;
}

/**
 * `prefix` + the names joined as `join` lays them out, with every name shortened in the middle just enough for
 * the title to fit MAX_TITLE; the names are the ones `join` is given, so the form never changes, only lengths.
 */
function fit(prefix: string, names: string[], join: (names: string[]) => string): string {
  const full = prefix + join(names);
  if (full.length <= MAX_TITLE || names.length === 0) return full;
  const fixed = full.length - names.reduce((n, s) => n + s.length, 0);
  const width = Math.max(10, Math.floor((MAX_TITLE - fixed) / names.length));
  return prefix + join(names.map((n) => elide(n, width)));
}

/** The full list for a lens tooltip: one name a line, the first TOOLTIP_NAMES of them, then how many more. */
function tooltipOf(heading: string, names: string[], total = names.length): string {
  const shown = names.slice(0, TOOLTIP_NAMES);
  const more = total - shown.length;
  return [heading, ...shown, ...(more > 0 ? [`… and ${more} more (the preview lists them all)`] : [])].join('\n');
}

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

/** `first … last` as the title shows them (or all, when few), with `total` the true count. */
function shownNames(names: string[], total: number): string[] {
  return names.length <= MAX_LISTED && total === names.length ? names : [names[0]!, names[names.length - 1]!];
}

/** ` (assuming replicas = 1: .Values.replicas)` on a template whose replicas is an expression, else ''. */
function replicasAssumption(id: StatefulSetIdentity): string {
  const expression = templatedField(id, 'replicas');
  return expression === undefined ? '' : ` (assuming replicas = ${id.replicas.value}: ${templateSource(expression)})`;
}

export function podsTitle(id: StatefulSetIdentity): string {
  if (templatedField(id, 'name') !== undefined) {
    const replicas = templatedField(id, 'replicas');
    return replicas === undefined
      ? `pods: ${countOf(id.replicas.value, 'pod')}, names unknown until rendered`
      : `pods: unknown until rendered (replicas from ${templateSource(replicas)})`;
  }
  if (id.replicas.value === 0) return 'pods: none (replicas: 0)';
  const names = id.pods.map((p) => p.name);
  if (names.length < id.replicas.value) names.push(lastOrdinalName(id));
  const total = id.replicas.value;
  return fit('pods: ', shownNames(names, total), (n) => abbreviate(n, 'pod', ', ', total)) + replicasAssumption(id);
}

/** True when `title` already shows every one of `names` in full (then a tooltip would only repeat it). */
function showsAll(title: string, names: string[], total: number): boolean {
  return names.length === total && names.every((n) => title.includes(n));
}

export function podsTooltip(id: StatefulSetIdentity): string | undefined {
  if (templatedField(id, 'name') !== undefined || id.pods.length === 0 || showsAll(podsTitle(id), id.pods.map((p) => p.name), id.replicas.value)) return undefined;
  return tooltipOf(`${countOf(id.replicas.value, 'pod')}:`, id.pods.map((p) => p.name), id.replicas.value);
}

export function dnsTitle(id: StatefulSetIdentity): string {
  const templated = templatedField(id, 'serviceName');
  if (templated !== undefined) return fit('', [templateSource(templated)], ([t]) => `serviceName ${t} is templated: DNS names unknown until rendered`);
  if (!id.serviceName.value) return 'no serviceName: pods get no DNS names';
  if (!id.service) return fit('', [id.serviceName.value], ([s]) => `no headless Service ${s} in namespace ${id.namespace}: pods get no DNS names`);
  if (!id.service.headless) return fit('', [id.service.name], ([s]) => `Service ${s} is not headless: pods get no DNS names`);
  if (templatedField(id, 'name') !== undefined) return `DNS: <pod>.${id.serviceDns ?? ''} (pod names unknown until rendered)`;
  const first = id.pods[0];
  if (!first?.dns) return fit('DNS: ', [id.serviceDns ?? ''], ([s]) => `${s} (no pods)`);
  // The pod name and the domain are shortened separately, so the ordinal stays in view.
  const domain = first.dns.slice(first.name.length);
  return fit('DNS: ', [first.name, domain], ([pod, d]) => `${pod}${d}${id.replicas.value > 1 ? ', …' : ''}`) + replicasAssumption(id);
}

export function dnsTooltip(id: StatefulSetIdentity): string | undefined {
  if (templatedField(id, 'serviceName') !== undefined || templatedField(id, 'name') !== undefined || !id.service?.headless) return undefined;
  const names = id.pods.map((p) => p.dns).filter((d): d is string => d !== undefined);
  if (showsAll(dnsTitle(id), names, id.replicas.value)) return undefined;
  return names.length ? tooltipOf(`DNS names of ${countOf(id.replicas.value, 'pod')}:`, names, id.replicas.value) : undefined;
}

export function pvcsTitle(id: StatefulSetIdentity, claimIndex: number): string {
  const claim = id.claimTemplates[claimIndex];
  if (templatedField(id, 'name') !== undefined || claim.name.includes('{{')) return 'PVCs: names unknown until rendered';
  const pvcs = [...claim.pvcs];
  if (pvcs.length === 0) return 'PVCs: none (replicas: 0)';
  if (pvcs.length < id.replicas.value) pvcs.push(lastOrdinalName(id, `${claim.name}-`));
  const total = id.replicas.value;
  return fit('PVCs: ', shownNames(pvcs, total), (n) => abbreviate(n, 'PVC', ', ', total)) + replicasAssumption(id);
}

export function pvcsTooltip(id: StatefulSetIdentity, claimIndex: number): string | undefined {
  const claim = id.claimTemplates[claimIndex];
  if (templatedField(id, 'name') !== undefined || claim.name.includes('{{') || claim.pvcs.length === 0 || showsAll(pvcsTitle(id, claimIndex), claim.pvcs, id.replicas.value)) return undefined;
  return tooltipOf(`${countOf(id.replicas.value, 'PVC')} from claim template ${claim.name}:`, claim.pvcs, id.replicas.value);
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
  // Each name gets its share of the title (a partition title names two runs).
  return abbreviate(names.map((n) => elide(n, Math.max(12, Math.floor(MAX_TITLE / 4)))), 'pod', separator, count);
}

export function updateTitle(id: StatefulSetIdentity): string {
  const u = id.update;
  const invalid = id.invalid?.find((v) => v.field === 'updateStrategy.type');
  if (invalid) return fit('', [invalid.value], ([v]) => `update strategy ${v} is invalid: the API server rejects the StatefulSet`);
  const type = templatedField(id, 'updateStrategy.type');
  if (type !== undefined) return `update strategy from ${templateSource(type)}: unknown until rendered`;
  if (u.type.value === 'OnDelete') return 'OnDelete: pods update only when deleted';
  const partitionExpression = templatedField(id, 'updateStrategy.rollingUpdate.partition');
  if (partitionExpression !== undefined) return `rolling update: partition from ${templateSource(partitionExpression)}, unknown until rendered`;
  if (templatedField(id, 'name') !== undefined) return 'rolling update: highest ordinal first (pod names unknown until rendered)';
  return updateOrderTitle(id) + replicasAssumption(id);
}

function updateOrderTitle(id: StatefulSetIdentity): string {
  const u = id.update;
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
    const lens = (span: Span, title: string, tooltip?: string) =>
      lenses.push({ range: spanToRange(file.text, span), command: { title: clipTitle(title), command: ShowPreviewCommand, arguments: args, ...(tooltip ? { tooltip } : {}) } });

    if (file.isTemplate) {
      lens(id.nameSpan, 'Helm template — values not rendered', 'Fields written as {{ … }} are unknown until the chart is rendered (helm template); the lenses and the preview say what they assume.');
    }
    lens(id.nameSpan, podsTitle(id), podsTooltip(id));
    const serviceNameKey = getPair(spec, 'serviceName')?.key.span;
    if (serviceNameKey) lens(serviceNameKey, dnsTitle(id), dnsTooltip(id));
    id.claimTemplates.forEach((claim, i) => lens(claim.span, pvcsTitle(id, i), pvcsTooltip(id, i)));
    const strategyKey = getPair(spec, 'updateStrategy')?.key.span ?? (resource ? getPair(resource.node, 'spec')?.key.span : undefined);
    if (strategyKey) lens(strategyKey, updateTitle(id));
  }
  return lenses;
}
