// Rename of the names StatefulSets share with other objects: a Service's name with every `serviceName` naming it
// in its namespace (across files), and a claim template's name with every volumeMount / volumeDevice of the pod
// template using it. The analysis decides the edits (as it does for quick fixes) and refuses, with a message,
// where a rename would be wrong. Pure: spans and texts in, edits or a refusal out.
import type { FixEdit, ParsedFile, Resource, Span, WorkspaceView, YNode } from './model';
import { asSeq, getPath, scalarText } from './yamlTree';
import { rewriteScalar } from './rules/fixes';
import { kustomizeFactsFor } from './rules/kustomize';
import { dns1035LabelErrors, dns1123LabelErrors } from './rules/validators';

/** What the cursor is on, when it is a name rename understands. */
type RenameSubject =
  | { role: 'service'; namespace: string; name: string; node: YNode; file: ParsedFile }
  | { role: 'claimTemplate'; sts: Resource; name: string; node: YNode; file: ParsedFile };

export type PrepareRenameResult =
  /** The name's text (inside quotes) and the name itself, for the editor's rename box. */
  | { ok: true; span: Span; placeholder: string }
  | { ok: false; message: string };

export type RenameResult = { ok: true; edits: FixEdit[] } | { ok: false; message: string };

const CONTAINER_LISTS = ['containers', 'initContainers'];
const MOUNT_LISTS = ['volumeMounts', 'volumeDevices'];

/** The innermost resource of the file holding `offset` (an item of a `kind: List` rather than the List). */
function resourceAt(file: ParsedFile, offset: number): Resource | undefined {
  let best: Resource | undefined;
  for (const r of file.resources) {
    const { start, end } = r.node.span;
    if (start <= offset && offset <= end && (!best || end - start < best.node.span.end - best.node.span.start)) best = r;
  }
  return best;
}

/** The keys (map keys and sequence indexes) from `root` down to the scalar value holding `offset`, and that scalar. */
function valuePathAt(root: YNode, offset: number): { keys: (string | number)[]; node: YNode } | undefined {
  const keys: (string | number)[] = [];
  let node: YNode = root;
  while (node.kind !== 'scalar') {
    let next: YNode | undefined;
    if (node.kind === 'map') {
      const pair = node.pairs.find((p) => p.value && p.value.span.start <= offset && offset <= p.value.span.end);
      if (pair) {
        keys.push(String(pair.key.value));
        next = pair.value;
      }
    } else {
      const index = node.items.findIndex((it) => it.span.start <= offset && offset <= it.span.end);
      if (index >= 0) {
        keys.push(index);
        next = node.items[index];
      }
    }
    if (!next) return undefined;
    node = next;
  }
  return { keys, node };
}

/** The name node under `path` of `node`, when it is a scalar naming `name`. */
function nameNode(node: YNode | undefined, path: string[], name: string): YNode | undefined {
  const value = getPath(node, ...path);
  return value?.kind === 'scalar' && scalarText(value)?.trim() === name ? value : undefined;
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

function code(s: string): string {
  return `\`${s}\``;
}

/** What the cursor is on; a message when it is on a name that must not be renamed; undefined for anything else. */
function subjectAt(ws: WorkspaceView, uri: string, offset: number): RenameSubject | { refused: string } | undefined {
  const file = ws.getFile(uri);
  const resource = file && resourceAt(file, offset);
  if (!file || !resource) return undefined;
  const at = valuePathAt(resource.node, offset);
  if (!at || offset < at.node.span.start || offset > at.node.span.end) return undefined;
  const { keys, node } = at;
  const is = (...want: (string | null)[]) => want.length === keys.length && want.every((w, i) => w === null || keys[i] === w);
  let role: 'service' | 'serviceName' | 'claimTemplate' | 'volumeMount' | undefined;
  if (resource.recognized === 'Service' && is('metadata', 'name')) role = 'service';
  else if (resource.recognized === 'StatefulSet') {
    if (is('spec', 'serviceName')) role = 'serviceName';
    else if (is('spec', 'volumeClaimTemplates', null, 'metadata', 'name')) role = 'claimTemplate';
    else if (keys.length === 8 && is('spec', 'template', 'spec', null, null, null, null, 'name')
      && CONTAINER_LISTS.includes(String(keys[3])) && MOUNT_LISTS.includes(String(keys[5]))) role = 'volumeMount';
  }
  if (!role) return undefined;
  const source = file.text.slice(node.span.start, node.span.end);
  if (source.includes('{{')) {
    return { refused: `${code(source)} is a Helm template expression: its value is known only when the chart is rendered. Rename it where the value is set (values.yaml).` };
  }
  const name = scalarText(node)?.trim();
  if (!name) return undefined;
  if (kustomizeFactsFor(file, ws).listedAsPatch) {
    return { refused: `${code(name)} is inside a kustomize patch (${fileName(uri)}), where it names the object the patch applies to. Rename it in the base manifest instead.` };
  }
  switch (role) {
    case 'service':
      return { role: 'service', namespace: resource.namespace, name, node, file };
    case 'serviceName':
      return { role: 'service', namespace: resource.namespace, name, node, file };
    case 'claimTemplate':
      return { role: 'claimTemplate', sts: resource, name, node, file };
    case 'volumeMount': {
      const templates = asSeq(getPath(resource.node, 'spec', 'volumeClaimTemplates'))?.items ?? [];
      if (!templates.some((t) => nameNode(t, ['metadata', 'name'], name))) {
        return { refused: `${code(name)} mounts no claim template of StatefulSet ${code(resource.name ?? '')}: only claim template names are renamed, with their mounts.` };
      }
      return { role: 'claimTemplate', sts: resource, name, node, file };
    }
  }
}

/** The text range of a scalar without its quotes: what the editor's rename box shows selected. */
function innerSpan(text: string, node: YNode): Span {
  const source = text.slice(node.span.start, node.span.end);
  const quoted = source.length >= 2 && (source[0] === '"' || source[0] === "'") && source.endsWith(source[0]);
  return quoted ? { start: node.span.start + 1, end: node.span.end - 1 } : { ...node.span };
}

/**
 * Whether the name under the cursor can be renamed, and its range: a Service's `metadata.name`, a StatefulSet's
 * `serviceName`, a claim template's name, or a volumeMount naming a claim template. Undefined on anything else;
 * a refusal (with what to do instead) on a Helm-templated value or a name inside a kustomize patch.
 */
export function prepareRename(ws: WorkspaceView, uri: string, offset: number): PrepareRenameResult | undefined {
  const subject = subjectAt(ws, uri, offset);
  if (!subject) return undefined;
  if ('refused' in subject) return { ok: false, message: subject.refused };
  return { ok: true, span: innerSpan(subject.file.text, subject.node), placeholder: subject.name };
}

/** Every node to rewrite, with its file: the declarations first, then the uses, in workspace order. */
function occurrences(ws: WorkspaceView, subject: RenameSubject): { uri: string; node: YNode }[] {
  if (subject.role === 'service') {
    const { namespace, name } = subject;
    const services = ws.resources('Service')
      .filter((svc) => svc.namespace === namespace)
      .flatMap((svc) => nameNode(svc.node, ['metadata', 'name'], name) ? [{ uri: svc.uri, node: getPath(svc.node, 'metadata', 'name')! }] : []);
    const uses = ws.resources('StatefulSet')
      .filter((sts) => sts.namespace === namespace)
      .flatMap((sts) => nameNode(sts.node, ['spec', 'serviceName'], name) ? [{ uri: sts.uri, node: getPath(sts.node, 'spec', 'serviceName')! }] : []);
    return [...services, ...uses];
  }
  const { sts, name } = subject;
  const templates = (asSeq(getPath(sts.node, 'spec', 'volumeClaimTemplates'))?.items ?? [])
    .flatMap((t) => nameNode(t, ['metadata', 'name'], name) ?? []);
  const podSpec = getPath(sts.node, 'spec', 'template', 'spec');
  const mounts = CONTAINER_LISTS.flatMap((list) => asSeq(getPath(podSpec, list))?.items ?? [])
    .flatMap((container) => MOUNT_LISTS.flatMap((list) => asSeq(getPath(container, list))?.items ?? []))
    .flatMap((mount) => nameNode(mount, ['name'], name) ?? [])
    .sort((a, b) => a.span.start - b.span.start);
  return [...templates, ...mounts].map((node) => ({ uri: sts.uri, node }));
}

/** Why `newName` cannot be the new name, or undefined when it can. */
function nameTaken(ws: WorkspaceView, subject: RenameSubject, newName: string): string | undefined {
  if (subject.role === 'service') {
    const other = ws.resources('Service').find((svc) => svc.namespace === subject.namespace && svc.name?.trim() === newName);
    return other ? `A Service named ${code(newName)} already exists in namespace ${code(subject.namespace)} (${fileName(other.uri)}).` : undefined;
  }
  const { sts } = subject;
  const stsName = code(sts.name ?? '');
  if ((asSeq(getPath(sts.node, 'spec', 'volumeClaimTemplates'))?.items ?? []).some((t) => nameNode(t, ['metadata', 'name'], newName))) {
    return `StatefulSet ${stsName} already has a claim template named ${code(newName)}.`;
  }
  if ((asSeq(getPath(sts.node, 'spec', 'template', 'spec', 'volumes'))?.items ?? []).some((v) => nameNode(v, ['name'], newName))) {
    return `StatefulSet ${stsName} already has a pod volume named ${code(newName)}; a claim template of that name would replace it.`;
  }
  return undefined;
}

/**
 * The edits that rename the name under the cursor to `newName` everywhere it is used (see prepareRename), or
 * a refusal: a name Kubernetes would reject (a Service name is a DNS-1035 label, a claim template's a DNS-1123
 * label), a name already taken (a Service in that namespace; a claim template or pod volume of that
 * StatefulSet), or an occurrence written through an anchor, alias or block scalar that a replacement would break.
 */
export function renameEdits(ws: WorkspaceView, uri: string, offset: number, newName: string): RenameResult {
  const subject = subjectAt(ws, uri, offset);
  if (!subject) return { ok: false, message: 'There is no Service, serviceName, claim template or volumeMount name here to rename.' };
  if ('refused' in subject) return { ok: false, message: subject.refused };
  const what = subject.role === 'service' ? 'Service name' : 'claim template name';
  const errors = subject.role === 'service' ? dns1035LabelErrors(newName) : dns1123LabelErrors(newName);
  if (errors.length) return { ok: false, message: `${code(newName)} is not a valid ${what}: ${errors.join('; ')}.` };
  if (newName === subject.name) return { ok: true, edits: [] };
  const taken = nameTaken(ws, subject, newName);
  if (taken) return { ok: false, message: taken };
  const edits: FixEdit[] = [];
  for (const { uri: at, node } of occurrences(ws, subject)) {
    const text = ws.getFile(at)?.text;
    if (text === undefined) continue;
    const newText = rewriteScalar(text, node, newName);
    if (newText === undefined || text.slice(node.span.start, node.span.end).includes('{{')) {
      const line = text.slice(0, node.span.start).split(/\r\n|\r|\n/).length;
      return { ok: false, message: `${code(subject.name)} in ${fileName(at)} line ${line} is written through a YAML anchor, alias or block scalar; rename it there by hand first.` };
    }
    edits.push({ uri: at, span: { ...node.span }, newText });
  }
  return { ok: true, edits };
}
