// Recognises Kubernetes objects in parsed documents by apiVersion and kind, including the items of
// `kind: List`. Only the kinds StatefulSet Lens reasons about are classified; everything else is `other`.
import type { ManifestDocument, Resource, ResourceKind, YMap, YNode } from './model';
import { asMap, asSeq, getPath, scalarText } from './yamlTree';

/** apiVersions under which each kind is understood. Legacy StatefulSet versions are still read (and flagged). */
const KNOWN: Record<Exclude<ResourceKind, 'other'>, readonly string[]> = {
  StatefulSet: ['apps/v1', 'apps/v1beta1', 'apps/v1beta2'],
  Service: ['v1'],
  PersistentVolumeClaim: ['v1'],
  StorageClass: ['storage.k8s.io/v1', 'storage.k8s.io/v1beta1'],
  PodDisruptionBudget: ['policy/v1', 'policy/v1beta1'],
};

/** Trims spaces and stray quotes (`"StatefulSet" ` written inside a plain scalar). */
export function normalizeTypeField(value: string | undefined): string {
  return (value ?? '').trim().replace(/^["']+|["']+$/g, '').trim();
}

export function classify(apiVersion: string, kind: string): ResourceKind {
  for (const [k, versions] of Object.entries(KNOWN) as [Exclude<ResourceKind, 'other'>, readonly string[]][]) {
    if (k === kind && versions.includes(apiVersion)) return k;
  }
  return 'other';
}

export function recognizeResources(uri: string, documents: ManifestDocument[], defaultNamespace: string): Resource[] {
  const out: Resource[] = [];
  for (const doc of documents) {
    const root = asMap(doc.root);
    if (!root) continue;
    const resource = toResource(uri, doc.index, root, defaultNamespace, undefined);
    if (resource.kind === 'List' || resource.kind.endsWith('List')) {
      const items = asSeq(getPath(root, 'items'));
      items?.items.forEach((item: YNode, i: number) => {
        const m = asMap(item);
        if (m) out.push(toResource(uri, doc.index, m, defaultNamespace, i));
      });
      continue;
    }
    out.push(resource);
  }
  return out;
}

function toResource(uri: string, documentIndex: number, node: YMap, defaultNamespace: string, listItem: number | undefined): Resource {
  const apiVersion = normalizeTypeField(scalarText(getPath(node, 'apiVersion')));
  const kind = normalizeTypeField(scalarText(getPath(node, 'kind')));
  const name = scalarText(getPath(node, 'metadata', 'name'));
  const ns = scalarText(getPath(node, 'metadata', 'namespace'));
  const namespaceExplicit = ns !== undefined && ns.trim() !== '';
  const resource: Resource = {
    uri,
    documentIndex,
    apiVersion,
    kind,
    recognized: classify(apiVersion, kind),
    name,
    namespace: namespaceExplicit ? ns!.trim() : defaultNamespace,
    namespaceExplicit,
    node,
  };
  if (listItem !== undefined) resource.listItem = listItem;
  return resource;
}

/** Re-applies a (changed) default namespace to resources that name none. */
export function withDefaultNamespace(resources: Resource[], defaultNamespace: string): Resource[] {
  return resources.map((r) => (r.namespaceExplicit || r.namespace === defaultNamespace ? r : { ...r, namespace: defaultNamespace }));
}
