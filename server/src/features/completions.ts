// Completion items the schema cannot give: workspace-aware values (serviceName, volumeMounts[].name,
// storageClassName, a Service's selector), documented enum values, and snippets for the StatefulSet blocks
// people get wrong. Every item replaces what is typed through a textEdit. Key and value items insert text that
// starts with their label; snippets of a whole block are labelled by what they create ("StatefulSet with headless
// Service", "claim template") and filter on the text they start with, so typing it still finds them.
// Pure: no LSP package (only its types), no IO.
import type { CompletionItem, Range } from 'vscode-languageserver-types';
import {
  asSeq, getPath, isHeadless, resolveService, scalarText, toStringMap,
  type ParsedFile, type Resource, type WorkspaceView, type YNode,
} from '../analysis/index';
import type { CursorContext } from './cursorContext';
import { lineAt } from './ranges';

const KIND = { Value: 12, Enum: 20, EnumMember: 20, Snippet: 15, Reference: 18, Field: 5, Module: 9 } as const;
const SNIPPET = 2;
const AS_IS = 1;

export interface CompletionRequest {
  file: ParsedFile;
  workspace: WorkspaceView;
  /** Offset of the cursor in file.text. */
  offset: number;
  line: number;
  character: number;
  context: CursorContext;
  /** Whether the client accepts snippet syntax in insert texts. */
  snippets: boolean;
}

export interface OwnCompletions {
  items: CompletionItem[];
  /** True when these items are the complete answer for the position (schema items would only repeat them). */
  exclusive: boolean;
  /** True when more items would match than were given: the client asks again as the user types. */
  incomplete?: boolean;
}

/**
 * At most this many Services are offered for one serviceName completion: those the typed text matches, headless
 * ones first, then by name. A workspace of a thousand Services otherwise sent half a megabyte per keystroke, more
 * than any list a user reads; the rest come as the typed text narrows them down (the list is marked incomplete).
 */
export const MAX_SERVICE_ITEMS = 100;

/** Enum values with what each one means in the cluster. */
const ENUMS: { path: string[]; kinds: string[]; values: [string, string][] }[] = [
  { path: ['spec', 'updateStrategy', 'type'], kinds: ['StatefulSet'], values: [
    ['RollingUpdate', 'The controller replaces pods one at a time, highest ordinal first, when the template changes (default).'],
    ['OnDelete', 'Pods keep the old template until you delete them; the controller recreates deleted pods from the new one.']] },
  { path: ['spec', 'podManagementPolicy'], kinds: ['StatefulSet'], values: [
    ['OrderedReady', 'Pods start one by one in ordinal order, each after the previous is Ready; scale-down goes in reverse (default).'],
    ['Parallel', 'All pods start and stop at once, without waiting for each other. Rolling updates stay ordered.']] },
  { path: ['spec', 'persistentVolumeClaimRetentionPolicy', 'whenDeleted'], kinds: ['StatefulSet'], values: [
    ['Retain', 'PVCs stay when the StatefulSet is deleted (default).'],
    ['Delete', 'PVCs created from the claim templates are deleted with the StatefulSet.']] },
  { path: ['spec', 'persistentVolumeClaimRetentionPolicy', 'whenScaled'], kinds: ['StatefulSet'], values: [
    ['Retain', 'PVCs of removed pods stay when the StatefulSet scales down (default).'],
    ['Delete', 'PVCs of the pods removed by a scale-down are deleted.']] },
];
const ACCESS_MODES: [string, string][] = [
  ['ReadWriteOnce', 'Mounted read-write by a single node.'],
  ['ReadOnlyMany', 'Mounted read-only by many nodes.'],
  ['ReadWriteMany', 'Mounted read-write by many nodes.'],
  ['ReadWriteOncePod', 'Mounted read-write by a single pod.'],
];

function samePath(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The resource whose document holds the offset (a document being typed may not have a kind yet). */
function resourceAt(file: ParsedFile, offset: number): Resource | undefined {
  return file.resources.find((r) => r.node.span.start <= offset && offset <= r.node.span.end)
    ?? file.resources.find((r) => {
      const doc = file.documents[r.documentIndex];
      return doc && doc.span.start <= offset && offset <= doc.span.end;
    });
}

const DOCUMENT_MARKER = /^(---|\.\.\.)(\s|$)/;

/**
 * The lines cursorContext reads, without splitting a large file on every completion: from the `---` (or `...`)
 * line above `line` to the one below it, both included (it stops at them), and the cursor's line among them.
 * A line past the end gives the whole text (cursorContext clamps it).
 */
export function documentAround(text: string, line: number): { text: string; line: number } {
  const current = lineAt(text, line);
  if (current === undefined) return { text, line };
  const lines = [current];
  let start = line;
  for (let i = line - 1; i >= 0; i--) {
    const l = lineAt(text, i)!;
    lines.push(l);
    start = i;
    if (DOCUMENT_MARKER.test(l)) break;
  }
  lines.reverse();
  for (let i = line + 1, l = lineAt(text, i); l !== undefined; l = lineAt(text, ++i)) {
    lines.push(l);
    if (DOCUMENT_MARKER.test(l)) break;
  }
  return { text: lines.join('\n'), line: line - start };
}

function item(label: string, range: Range, extra: Partial<CompletionItem> & { text?: string }): CompletionItem {
  const { text, ...rest } = extra;
  return { label, textEdit: { range, newText: text ?? label }, filterText: label, ...rest };
}

function valueRange(req: CompletionRequest): Range {
  // Up to the end of the token being typed (a completion inside a word replaces the whole word).
  const lineText = lineAt(req.file.text, req.line) ?? '';
  let end = req.character;
  while (end < lineText.length && /[^\s,\]#"']/.test(lineText[end])) end++;
  return { start: { line: req.line, character: req.context.prefixStart }, end: { line: req.line, character: end } };
}

export function ownCompletions(req: CompletionRequest): OwnCompletions {
  const ctx = req.context;
  const resource = resourceAt(req.file, req.offset);
  const kind = resource?.recognized;
  const range = valueRange(req);
  const path = ctx.path;

  if (ctx.emptyDocument && !ctx.inValue && !ctx.onItemLine) {
    return { items: [wholeStatefulSetSnippet(req, range)], exclusive: false };
  }
  if (ctx.inValue || (ctx.onItemLine && path[path.length - 1] === '-')) {
    for (const e of ENUMS) {
      if (kind && e.kinds.includes(kind) && ctx.inValue && samePath(path, e.path)) {
        return { items: e.values.map(([v, doc], i) => item(v, range, { kind: KIND.EnumMember, documentation: doc, sortText: String(i) })), exclusive: true };
      }
    }
    const accessModesPath = kind === 'StatefulSet' ? ['spec', 'volumeClaimTemplates', '-', 'spec', 'accessModes'] : kind === 'PersistentVolumeClaim' ? ['spec', 'accessModes'] : undefined;
    if (accessModesPath && (samePath(path, accessModesPath) || samePath(path, [...accessModesPath, '-']))) {
      const bare = ctx.inFlowSequence || !ctx.inValue;
      return { items: ACCESS_MODES.map(([v, doc], i) => item(v, range, { kind: KIND.EnumMember, documentation: doc, sortText: String(i), text: bare ? v : `[${v}]` })), exclusive: true };
    }
    if (kind === 'StatefulSet' && ctx.inValue && samePath(path, ['spec', 'serviceName'])) {
      return { ...serviceNameItems(req, resource!, range), exclusive: true };
    }
    if (kind === 'StatefulSet' && ctx.inValue && path.length === 8 && samePath(path.slice(0, 4), ['spec', 'template', 'spec', path[3]])
      && (path[3] === 'containers' || path[3] === 'initContainers') && samePath(path.slice(4), ['-', 'volumeMounts', '-', 'name'])) {
      return { items: volumeMountItems(req, resource!, range), exclusive: true };
    }
    if (ctx.inValue && ((kind === 'StatefulSet' && samePath(path, ['spec', 'volumeClaimTemplates', '-', 'spec', 'storageClassName']))
      || (kind === 'PersistentVolumeClaim' && samePath(path, ['spec', 'storageClassName'])))) {
      return { items: storageClassItems(req, range), exclusive: true };
    }
    if (kind === 'Service' && ctx.inValue && path.length === 3 && path[0] === 'spec' && path[1] === 'selector') {
      return { items: selectorItems(req, resource!, range, path[2]), exclusive: true };
    }
  }
  if (!ctx.inValue && kind === 'Service' && samePath(path, ['spec', 'selector'])) {
    return { items: selectorItems(req, resource!, range), exclusive: false };
  }
  if (!ctx.inValue && kind === 'StatefulSet') {
    if (samePath(path, ['spec'])) return { items: specSnippets(req, range), exclusive: false };
    if (samePath(path, ['spec', 'volumeClaimTemplates', '-']) || samePath(path, ['spec', 'volumeClaimTemplates'])) {
      return { items: [claimTemplateSnippet(req, range)], exclusive: false };
    }
  }
  return { items: [], exclusive: false };
}

function serviceNameItems(req: CompletionRequest, sts: Resource, range: Range): { items: CompletionItem[]; incomplete: boolean } {
  const services = req.workspace.resources('Service').filter((s) => s.namespace === sts.namespace && s.name);
  const seen = new Set<string>();
  const candidates: { name: string; svc: Resource; sortText: string }[] = [];
  for (const svc of services) {
    if (seen.has(svc.name!)) continue;
    seen.add(svc.name!);
    candidates.push({ name: svc.name!, svc, sortText: sortTextOf(svc) });
  }
  let offered = candidates;
  const incomplete = candidates.length > MAX_SERVICE_ITEMS;
  if (incomplete) {
    // The typed text (up to the cursor) keeps the names that hold its characters in order, as the editor's own
    // filter would; the first MAX_SERVICE_ITEMS of those in the list's order are offered.
    const typed = (lineAt(req.file.text, req.line) ?? '').slice(req.context.prefixStart, req.character).toLowerCase();
    offered = candidates
      .filter((c) => holdsInOrder(c.name.toLowerCase(), typed))
      .sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0))
      .slice(0, MAX_SERVICE_ITEMS);
  }
  // Only the Services offered are described (a thousand descriptions took 30-60 ms on the first request).
  return { items: offered.map((c) => item(c.name, range, describedOf(c.svc))), incomplete };
}

/** Whether `text` holds the characters of `typed` in order (not necessarily next to each other). */
function holdsInOrder(text: string, typed: string): boolean {
  let at = 0;
  for (const ch of typed) {
    at = text.indexOf(ch, at);
    if (at < 0) return false;
    at += ch.length;
  }
  return true;
}

/**
 * A Service's completion item without its range, kept per Resource: what it says depends only on the
 * Service's own content, and a Resource object lives as long as its YAML document is unchanged (see parse.ts),
 * so a workspace of a thousand Services is not described again on every request.
 */
const serviceItems = new WeakMap<Resource, Partial<CompletionItem>>();
/** A Service's sortText, kept per Resource for the same reason (the order of a long list needs it). */
const serviceSortTexts = new WeakMap<Resource, string>();

function describedOf(svc: Resource): Partial<CompletionItem> {
  let described = serviceItems.get(svc);
  if (!described) serviceItems.set(svc, (described = describeService(svc)));
  return described;
}

/** Headless Services first, then by name (the item's sortText). */
function sortTextOf(svc: Resource): string {
  let sortText = serviceSortTexts.get(svc);
  if (sortText === undefined) serviceSortTexts.set(svc, (sortText = `${isHeadless(svc) ? 0 : 1}${svc.name}`));
  return sortText;
}

function describeService(svc: Resource): Partial<CompletionItem> {
  const resolved = resolveService(svc);
  const file = fileName(svc.uri);
  const ports = resolved.ports.map((p) => `${p.name ? `${p.name} ` : ''}${p.port ?? '?'}/${p.protocol}`).join(', ');
  return {
    kind: KIND.Reference,
    detail: resolved.headless ? `headless Service · ${file}` : `Service, not headless (pods get no DNS names) · ${file}`,
    labelDetails: { description: resolved.headless ? `headless · ${file}` : `not headless · ${file}` },
    documentation: { kind: 'markdown', value: `Service \`${svc.name}\` in namespace \`${svc.namespace}\` (${file})${ports ? `, ports ${ports}` : ''}.${resolved.headless ? '' : '\n\nIts `clusterIP` is not `None`, so the pods get no per-pod DNS names through it.'}` },
    sortText: sortTextOf(svc),
  };
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/** The containers item holding the offset, within the StatefulSet's pod template. */
function containerAt(sts: Resource, offset: number): YNode | undefined {
  for (const list of ['containers', 'initContainers']) {
    for (const c of asSeq(getPath(sts.node, 'spec', 'template', 'spec', list))?.items ?? []) {
      if (c.span.start <= offset && offset <= c.span.end) return c;
    }
  }
  return undefined;
}

function volumeMountItems(req: CompletionRequest, sts: Resource, range: Range): CompletionItem[] {
  const container = containerAt(sts, req.offset);
  const mounted = new Set<string>();
  for (const m of asSeq(getPath(container, 'volumeMounts'))?.items ?? []) {
    const name = scalarText(getPath(m, 'name'));
    // The mount being edited does not count as mounted.
    if (name && !(m.span.start <= req.offset && req.offset <= m.span.end)) mounted.add(name);
  }
  const items: CompletionItem[] = [];
  const add = (name: string | undefined, detail: string, order: number) => {
    if (!name || mounted.has(name) || items.some((i) => i.label === name)) return;
    items.push(item(name, range, { kind: KIND.Reference, detail, sortText: `${order}${name}` }));
  };
  for (const t of asSeq(getPath(sts.node, 'spec', 'volumeClaimTemplates'))?.items ?? []) add(scalarText(getPath(t, 'metadata', 'name')), 'claim template (one PVC per pod)', 0);
  for (const v of asSeq(getPath(sts.node, 'spec', 'template', 'spec', 'volumes'))?.items ?? []) add(scalarText(getPath(v, 'name')), 'pod volume', 1);
  return items;
}

function storageClassItems(req: CompletionRequest, range: Range): CompletionItem[] {
  const names = new Map<string, string>();
  for (const sc of req.workspace.resources('StorageClass')) if (sc.name && !names.has(sc.name)) names.set(sc.name, sc.uri);
  return [...names].map(([name, uri]) => item(name, range, {
    kind: KIND.Reference,
    detail: `StorageClass · ${fileName(uri)}`,
    documentation: `provisioner: ${scalarText(getPath(req.workspace.resources('StorageClass').find((s) => s.name === name)?.node, 'provisioner')) ?? '(none)'}`,
  }));
}

/** Pod template labels of the StatefulSets that name this Service, as `key: value` items or values of `key`. */
function selectorItems(req: CompletionRequest, svc: Resource, range: Range, key?: string): CompletionItem[] {
  const items: CompletionItem[] = [];
  const present = key === undefined ? new Set(Object.keys(toStringMap(getPath(svc.node, 'spec', 'selector')) ?? {})) : new Set<string>();
  for (const sts of req.workspace.resources('StatefulSet')) {
    if (sts.namespace !== svc.namespace || scalarText(getPath(sts.node, 'spec', 'serviceName')) !== svc.name) continue;
    const labels = toStringMap(getPath(sts.node, 'spec', 'template', 'metadata', 'labels')) ?? {};
    for (const [k, v] of Object.entries(labels)) {
      if (key !== undefined && k !== key) continue;
      if (present.has(k)) continue;
      const label = key === undefined ? `${k}: ${v}` : v;
      if (items.some((i) => i.label === label)) continue;
      items.push(item(label, range, { kind: KIND.Value, detail: `pod template label of StatefulSet ${sts.name}` }));
    }
  }
  return items;
}

/** Indents every line after the first by the cursor line's key column (clients insert the text as is). */
function block(req: CompletionRequest, lines: string[]): string {
  const pad = ' '.repeat(req.context.keyColumn);
  return lines.map((l, i) => (i === 0 ? l : pad + l)).join('\n');
}

/** Snippet placeholders become their default text for clients without snippet support. */
function plain(req: CompletionRequest, text: string): string {
  if (req.snippets) return text;
  return text.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
}

function snippet(req: CompletionRequest, label: string, range: Range, detail: string, lines: string[], documentation: string): CompletionItem {
  return item(label, range, {
    kind: KIND.Snippet,
    detail,
    documentation: { kind: 'markdown', value: documentation },
    text: plain(req, block(req, lines)),
    insertTextFormat: req.snippets ? SNIPPET : 1,
    insertTextMode: AS_IS,
    sortText: `~${label}`,
  });
}

const CLAIM_TEMPLATE_LINES = [
  '  metadata:',
  '    name: ${1:data}',
  '  spec:',
  '    accessModes: ["${2|ReadWriteOnce,ReadWriteOncePod,ReadOnlyMany,ReadWriteMany|}"]',
  '    resources:',
  '      requests:',
  '        storage: ${3:1Gi}',
];

function claimTemplateSnippet(req: CompletionRequest, range: Range): CompletionItem {
  // On a `- ` line the dash is already there; on a blank line under the key the snippet brings its own.
  const first = req.context.onItemLine ? 'metadata:' : '- metadata:';
  // CLAIM_TEMPLATE_LINES are indented from the dash; after `- ` the key column is two further right.
  const lines = [first, ...CLAIM_TEMPLATE_LINES.slice(1).map((l) => (req.context.onItemLine ? l.slice(2) : l))];
  const it = snippet(req, 'claim template', range, 'name, access mode, storage request', lines,
    'A claim template; each pod gets its own PVC named `<template>-<statefulset>-<ordinal>`.');
  it.filterText = `${first} claim template`;
  it.labelDetails = { description: first };
  return it;
}

function specSnippets(req: CompletionRequest, range: Range): CompletionItem[] {
  return [
    snippet(req, 'volumeClaimTemplates', range, 'claim template: name, access mode, storage request',
      ['volumeClaimTemplates:', '  - metadata:', ...CLAIM_TEMPLATE_LINES.slice(1).map((l) => `  ${l}`)],
      'Per-pod storage: each pod gets its own PVC named `<template>-<statefulset>-<ordinal>`.'),
    snippet(req, 'updateStrategy', range, 'RollingUpdate with a partition',
      ['updateStrategy:', '  type: RollingUpdate', '  rollingUpdate:', '    partition: ${1:0}'],
      'Pods with an ordinal at or above the partition get template changes, highest first; the others keep the current revision.'),
    snippet(req, 'persistentVolumeClaimRetentionPolicy', range, 'what happens to PVCs on scale-down and delete',
      ['persistentVolumeClaimRetentionPolicy:', '  whenDeleted: ${1|Retain,Delete|}', '  whenScaled: ${2|Retain,Delete|}'],
      '`Retain` keeps the PVCs (the default); `Delete` removes them when the StatefulSet is deleted or scaled down.'),
  ];
}

function wholeStatefulSetSnippet(req: CompletionRequest, range: Range): CompletionItem {
  const lines = [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: ${1:app}',
    'spec:',
    '  clusterIP: None',
    '  selector:',
    '    app: ${1:app}',
    '  ports:',
    '    - name: ${2:http}',
    '      port: ${3:8080}',
    '---',
    'apiVersion: apps/v1',
    'kind: StatefulSet',
    'metadata:',
    '  name: ${1:app}',
    'spec:',
    '  serviceName: ${1:app}',
    '  replicas: ${4:2}',
    '  selector:',
    '    matchLabels:',
    '      app: ${1:app}',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: ${1:app}',
    '    spec:',
    '      containers:',
    '        - name: ${1:app}',
    '          image: ${5:registry.example/app:1.0}',
    '          ports:',
    '            - name: ${2:http}',
    '              containerPort: ${3:8080}',
    '          volumeMounts:',
    '            - name: ${6:data}',
    '              mountPath: ${7:/data}',
    '  volumeClaimTemplates:',
    '    - metadata:',
    '        name: ${6:data}',
    '      spec:',
    '        accessModes: ["ReadWriteOnce"]',
    '        resources:',
    '          requests:',
    '            storage: ${8:1Gi}',
  ];
  const it = snippet(req, 'StatefulSet with headless Service', range, 'apps/v1 StatefulSet and v1 Service, with a claim template', lines,
    'A headless Service and a StatefulSet that names it, with one claim template mounted in the container.');
  it.labelDetails = { description: 'snippet' };
  it.filterText = 'apiVersion StatefulSet statefulset';
  return it;
}
