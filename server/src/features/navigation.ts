// Go to Definition and Find References in StatefulSet manifests: which name the cursor is on (a serviceName, a
// volumeMount, a claim template, a storageClassName, a Service's or StorageClass's own name) and where the
// names it refers to, or that refer to it, are in the workspace. Pure: reads the analysis' tree, no IO, no LSP runtime.
import type { Location, LocationLink } from 'vscode-languageserver-types';
import { asSeq, getPath, scalarText, type ParsedFile, type Resource, type ResourceKind, type Span, type YNode } from '../analysis/index';
import { pathAt } from './hoverInfo';
import { spanToRange } from './ranges';

/** What navigation reads of the workspace (ManifestWorkspace implements it). */
export interface NavigationWorkspace {
  getFile(uri: string): ParsedFile | undefined;
  resources(kind: ResourceKind): Resource[];
  findServices(name: string, namespace: string, preferUri?: string): Resource[];
}

/** A place navigation leads to: the name itself, and the object it names (for previews and link targets). */
export interface NavigationTarget {
  uri: string;
  /** The name's value node. */
  span: Span;
  /** The node the name belongs to (the Service object, the claim template, the mount, …). */
  enclosing: Span;
}

export interface Definition {
  /** The value under the cursor (what an editor underlines while the user holds Ctrl). */
  origin: Span;
  targets: NavigationTarget[];
}

/** The name under the cursor, by the role it plays in its manifest. */
type NameAt =
  | { role: 'serviceName'; sts: Resource; name: string; span: Span }
  | { role: 'service'; svc: Resource; name: string; span: Span }
  | { role: 'volumeMount'; sts: Resource; name: string; span: Span }
  | { role: 'claimTemplate'; sts: Resource; name: string; span: Span }
  | { role: 'podVolume'; sts: Resource; name: string; span: Span }
  | { role: 'storageClassName'; name: string; span: Span }
  | { role: 'storageClass'; name: string; span: Span };

/** The innermost resource of `uri` whose object contains `offset` (an item of a `kind: List` over the List). */
function resourceAt(file: ParsedFile, offset: number): Resource | undefined {
  let best: Resource | undefined;
  for (const r of file.resources) {
    if (r.node.span.start <= offset && offset <= r.node.span.end && (!best || r.node.span.end - r.node.span.start < best.node.span.end - best.node.span.start)) best = r;
  }
  return best;
}

const CONTAINER_LISTS = ['containers', 'initContainers'];
const MOUNT_LISTS = ['volumeMounts', 'volumeDevices'];

function nameAt(ws: NavigationWorkspace, uri: string, offset: number): NameAt | undefined {
  const file = ws.getFile(uri);
  const resource = file && resourceAt(file, offset);
  if (!resource) return undefined;
  const steps = pathAt(resource.node, offset);
  const value = steps[steps.length - 1]?.node;
  // Only the value: on a key (`serviceName:`) there is nothing to go to.
  if (value?.kind !== 'scalar' || offset < value.span.start || offset > value.span.end) return undefined;
  const name = scalarText(value)?.trim();
  if (!name) return undefined;
  const keys = steps.map((s) => s.key);
  const is = (...want: (string | number | null)[]) => want.length === keys.length && want.every((w, i) => w === null || keys[i] === w);
  const span = value.span;

  switch (resource.recognized) {
    case 'StatefulSet': {
      const sts = resource;
      if (is('spec', 'serviceName')) return { role: 'serviceName', sts, name, span };
      if (is('spec', 'volumeClaimTemplates', null, 'metadata', 'name')) return { role: 'claimTemplate', sts, name, span };
      if (is('spec', 'volumeClaimTemplates', null, 'spec', 'storageClassName')) return { role: 'storageClassName', name, span };
      if (is('spec', 'template', 'spec', 'volumes', null, 'name')) return { role: 'podVolume', sts, name, span };
      if (keys.length === 8 && is('spec', 'template', 'spec', keys[3], null, keys[5], null, 'name') && CONTAINER_LISTS.includes(String(keys[3])) && MOUNT_LISTS.includes(String(keys[5]))) {
        return { role: 'volumeMount', sts, name, span };
      }
      return undefined;
    }
    case 'Service':
      return is('metadata', 'name') ? { role: 'service', svc: resource, name, span } : undefined;
    case 'StorageClass':
      return is('metadata', 'name') ? { role: 'storageClass', name, span } : undefined;
    case 'PersistentVolumeClaim':
      return is('spec', 'storageClassName') ? { role: 'storageClassName', name, span } : undefined;
    default:
      return undefined;
  }
}

/** The name node under `path` of `node` as a target, with `enclosing` the node that owns it. */
function targetOf(uri: string, node: YNode | undefined, path: string[], enclosing?: YNode): NavigationTarget | undefined {
  const value = getPath(node, ...path);
  if (!value || !node) return undefined;
  const outer = (enclosing ?? node).span;
  // Through an alias the name may sit in the anchor, outside its owner: a link's target range must hold it.
  const contains = outer.start <= value.span.start && value.span.end <= outer.end;
  return { uri, span: value.span, enclosing: contains ? outer : value.span };
}

function named(node: YNode | undefined, path: string[], name: string): boolean {
  return scalarText(getPath(node, ...path))?.trim() === name;
}

function serviceTargets(ws: NavigationWorkspace, name: string, namespace: string, preferUri: string): NavigationTarget[] {
  return ws.findServices(name, namespace, preferUri).flatMap((svc) => targetOf(svc.uri, svc.node, ['metadata', 'name']) ?? []);
}

/** Every StatefulSet `serviceName` naming this Service (same namespace), in workspace order. */
function serviceNameUses(ws: NavigationWorkspace, name: string, namespace: string): NavigationTarget[] {
  return ws.resources('StatefulSet')
    .filter((sts) => sts.namespace === namespace && named(sts.node, ['spec', 'serviceName'], name))
    .flatMap((sts) => targetOf(sts.uri, sts.node, ['spec', 'serviceName'], getPath(sts.node, 'spec')) ?? []);
}

function claimTemplateTargets(sts: Resource, name: string): NavigationTarget[] {
  return (asSeq(getPath(sts.node, 'spec', 'volumeClaimTemplates'))?.items ?? [])
    .filter((item) => named(item, ['metadata', 'name'], name))
    .flatMap((item) => targetOf(sts.uri, item, ['metadata', 'name']) ?? []);
}

function podVolumeTargets(sts: Resource, name: string): NavigationTarget[] {
  return (asSeq(getPath(sts.node, 'spec', 'template', 'spec', 'volumes'))?.items ?? [])
    .filter((item) => named(item, ['name'], name))
    .flatMap((item) => targetOf(sts.uri, item, ['name']) ?? []);
}

/** Every volumeMount and volumeDevice of the pod template's containers and init containers with this name. */
function mountTargets(sts: Resource, name: string): NavigationTarget[] {
  const podSpec = getPath(sts.node, 'spec', 'template', 'spec');
  return CONTAINER_LISTS.flatMap((list) => asSeq(getPath(podSpec, list))?.items ?? [])
    .flatMap((container) => MOUNT_LISTS.flatMap((list) => asSeq(getPath(container, list))?.items ?? []))
    .filter((mount) => named(mount, ['name'], name))
    .flatMap((mount) => targetOf(sts.uri, mount, ['name']) ?? [])
    .sort((a, b) => a.span.start - b.span.start);
}

/**
 * Where a mount's volume is declared. The StatefulSet controller gives every claim template a pod volume of
 * the same name, replacing a volume the template declares itself, so a claim template wins.
 */
function volumeTargets(sts: Resource, name: string): NavigationTarget[] {
  const claims = claimTemplateTargets(sts, name);
  return claims.length ? claims : podVolumeTargets(sts, name);
}

function storageClassTargets(ws: NavigationWorkspace, name: string): NavigationTarget[] {
  return ws.resources('StorageClass')
    .filter((sc) => sc.name?.trim() === name)
    .flatMap((sc) => targetOf(sc.uri, sc.node, ['metadata', 'name']) ?? []);
}

/** Claim templates' and standalone claims' storageClassName values naming this class (cluster-scoped). */
function storageClassNameUses(ws: NavigationWorkspace, name: string): NavigationTarget[] {
  const fromClaimTemplates = ws.resources('StatefulSet').flatMap((sts) =>
    (asSeq(getPath(sts.node, 'spec', 'volumeClaimTemplates'))?.items ?? [])
      .filter((item) => named(item, ['spec', 'storageClassName'], name))
      .flatMap((item) => targetOf(sts.uri, item, ['spec', 'storageClassName']) ?? []));
  const fromClaims = ws.resources('PersistentVolumeClaim')
    .filter((pvc) => named(pvc.node, ['spec', 'storageClassName'], name))
    .flatMap((pvc) => targetOf(pvc.uri, pvc.node, ['spec', 'storageClassName']) ?? []);
  return [...fromClaimTemplates, ...fromClaims];
}

/**
 * Where the name under the cursor is declared: a serviceName's Service (same namespace; the one in the same
 * file when there is one, else every candidate in the workspace), a volumeMount's claim template or else pod volume, a storageClassName's StorageClass. Undefined
 * when the cursor is on no such name, or on a declaration itself.
 */
export function findDefinition(ws: NavigationWorkspace, uri: string, offset: number): Definition | undefined {
  const at = nameAt(ws, uri, offset);
  if (!at) return undefined;
  let targets: NavigationTarget[];
  switch (at.role) {
    case 'serviceName': {
      // A Service in the StatefulSet's own file is the one applied with it, and the one the analysis resolves:
      // go there alone. Otherwise every candidate (a base and its overlays, copies) is listed for the user to pick.
      const all = serviceTargets(ws, at.name, at.sts.namespace, uri);
      const own = all.filter((t) => t.uri === uri);
      targets = own.length ? own : all;
      break;
    }
    case 'volumeMount':
      targets = volumeTargets(at.sts, at.name);
      break;
    case 'storageClassName':
      targets = storageClassTargets(ws, at.name);
      break;
    default:
      return undefined;
  }
  return targets.length ? { origin: at.span, targets } : undefined;
}

/**
 * Every use of the name under the cursor (and its declarations first, with `includeDeclaration`): a Service's
 * serviceName uses, a claim template's or pod volume's mounts, a StorageClass's storageClassName values. The
 * cursor may be on the declaration or on any use. Services are matched by namespace and name, not by which
 * copy each StatefulSet resolves to: what a rename must touch is everything naming it.
 */
export function findReferences(ws: NavigationWorkspace, uri: string, offset: number, includeDeclaration: boolean): NavigationTarget[] {
  const at = nameAt(ws, uri, offset);
  if (!at) return [];
  let declarations: NavigationTarget[] = [];
  let uses: NavigationTarget[] = [];
  switch (at.role) {
    case 'serviceName':
    case 'service': {
      const namespace = at.role === 'service' ? at.svc.namespace : at.sts.namespace;
      declarations = serviceTargets(ws, at.name, namespace, uri);
      uses = serviceNameUses(ws, at.name, namespace);
      break;
    }
    case 'volumeMount':
    case 'claimTemplate':
      declarations = volumeTargets(at.sts, at.name);
      uses = mountTargets(at.sts, at.name);
      break;
    case 'podVolume':
      // A claim template of the same name replaces this volume: the mounts are the claim's, not this volume's.
      declarations = podVolumeTargets(at.sts, at.name);
      uses = claimTemplateTargets(at.sts, at.name).length ? [] : mountTargets(at.sts, at.name);
      break;
    case 'storageClassName':
    case 'storageClass':
      declarations = storageClassTargets(ws, at.name);
      uses = storageClassNameUses(ws, at.name);
      break;
  }
  const seen = new Set<string>();
  return [...(includeDeclaration ? declarations : []), ...uses].filter((t) => {
    const key = `${t.uri}\u0000${t.span.start}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Targets as LSP locations; targets in files the workspace no longer holds are dropped. */
export function toLocations(ws: NavigationWorkspace, targets: NavigationTarget[]): Location[] {
  return targets.flatMap((t) => {
    const text = ws.getFile(t.uri)?.text;
    return text === undefined ? [] : [{ uri: t.uri, range: spanToRange(text, t.span) }];
  });
}

/** A definition as location links: the origin is the whole value under the cursor, the target the name inside its object. */
export function toLocationLinks(ws: NavigationWorkspace, uri: string, definition: Definition): LocationLink[] {
  const origin = ws.getFile(uri)?.text;
  if (origin === undefined) return [];
  const originSelectionRange = spanToRange(origin, definition.origin);
  return definition.targets.flatMap((t) => {
    const text = ws.getFile(t.uri)?.text;
    if (text === undefined) return [];
    return [{ originSelectionRange, targetUri: t.uri, targetRange: spanToRange(text, t.enclosing), targetSelectionRange: spanToRange(text, t.span) }];
  });
}
