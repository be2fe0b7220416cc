// Checks of spec.serviceName and the Service it names (R13, L4, L5, D1–D4, D7), plus whether a
// PodDisruptionBudget covers the pods. Cross-file: Services and PDBs come from the workspace index, the
// resolved Service from the identity (same namespace, the StatefulSet's own file preferred).
import type { ResolvedService, Resource } from '../../model';
import { asScalar, getPair, getPath, scalarText } from '../../yamlTree';
import type { StatefulSetCheck, StatefulSetContext } from '../checkContext';
import { createServiceLater, headlessServiceFix } from '../fixes';
import { atLeast, formatVersion } from '../kubernetesVersion';
import { firstUnmatched, readSelector } from '../labelSelector';
import { dns1035LabelErrors, dns1123LabelErrors } from '../validators';
import { highestOrdinal, q } from './checkHelpers';

function fileName(uri: string): string {
  return uri.slice(uri.replace(/\\/g, '/').lastIndexOf('/') + 1);
}

/** The serviceName node when it is a usable, literal DNS-1035 name; otherwise undefined. */
function validServiceName(ctx: StatefulSetContext): { name: string; span: { start: number; end: number } } | undefined {
  const node = getPath(ctx.spec, 'serviceName');
  const name = scalarText(node);
  if (!node || !name || ctx.templated(node)) return undefined;
  if (dns1035LabelErrors(name).length) return undefined;
  return { name, span: node.span };
}

function serviceNameValue(ctx: StatefulSetContext): void {
  const pair = getPair(ctx.spec, 'serviceName');
  const node = pair?.value;
  if (ctx.templated(node)) return;
  const name = node ? scalarText(node) : undefined;
  if (!pair || !node || asScalar(node)?.value === null || name === '' || name === undefined) {
    if (ctx.isPatch || ctx.isTemplate || !ctx.spec) return;
    // Up to 1.32 the OpenAPI document lists the field as required, which client-side validators read; the API
    // server itself never rejected its absence. Only its absence (or null) fails there, not "".
    const required = !atLeast(ctx.version, 1, 33) && name !== '';
    const span = pair?.key.span ?? getPair(ctx.root, 'spec')!.key.span;
    ctx.report(
      'missing-service-name',
      span,
      `spec.serviceName is not set: the pods get no per-pod DNS names (${ctx.name || '<name>'}-0.<service>.${ctx.identity.namespace}.svc.${ctx.settings.clusterDomain}), so peers cannot address them.${required ? ` The API server accepts it, but the OpenAPI document of Kubernetes ${formatVersion(ctx.version)} lists serviceName as required (as 1.23–1.32 do), so client-side schema validation (kubeconform, kubectl --validate with that schema) fails.` : ''} Set serviceName to the name of a headless Service (clusterIP: None) in namespace ${ctx.identity.namespace}.`,
    );
    return;
  }
  const errs = dns1123LabelErrors(name);
  if (errs.length) {
    const rejected = atLeast(ctx.version, 1, 33);
    const outcome = rejected
      ? 'the API server rejects the StatefulSet'
      : 'the API server accepts it, but every pod fails to create (the pod subdomain must be a DNS-1123 label)';
    ctx.report(
      'invalid-service-name',
      node.span,
      `serviceName ${q(name)} is not a DNS-1123 label (${errs.join('; ')}): ${outcome}. Use the name of a headless Service: lowercase letters, digits and '-', starting with a letter.`,
      // An error means the API server rejects the manifest: before 1.33 it does not.
      rejected ? undefined : 'warning',
    );
    return;
  }
  if (dns1035LabelErrors(name).length) {
    ctx.report(
      'invalid-service-name',
      node.span,
      `serviceName ${q(name)} starts with a digit: StatefulSets accept it, but Service names must be DNS-1035 labels (starting with a letter), so no Service can be named ${q(name)} and the pods never get DNS names. Rename it to start with a letter, e.g. ${q('svc-' + name)}.`,
      // Accepted by every API server version: a warning, since an error means the manifest is rejected.
      'warning',
    );
  }
}

function fqdnLength(ctx: StatefulSetContext): void {
  const svc = validServiceName(ctx);
  if (!svc || !ctx.name) return;
  const pod = `${ctx.name}-${highestOrdinal(ctx.identity.startOrdinal.value, ctx.identity.replicas.value)}`;
  const fqdn = `${pod}.${svc.name}.${ctx.identity.namespace}.svc.${ctx.settings.clusterDomain}`;
  if (fqdn.length > 253) {
    ctx.report('fqdn-too-long', svc.span, `The pod FQDN ${fqdn} has ${fqdn.length} characters, over DNS's 253: the pod's DNS record cannot exist. Shorten the StatefulSet, Service or namespace name.`);
    return;
  }
  const fqdnNode = getPath(ctx.podSpec, 'setHostnameAsFQDN');
  if (fqdn.length > 64 && asScalar(fqdnNode)?.value === true) {
    ctx.report(
      'fqdn-too-long',
      fqdnNode!.span,
      `setHostnameAsFQDN is true but the pod FQDN ${fqdn} has ${fqdn.length} characters, over Linux's 64-character hostname limit: the pod fails to start and stays Pending. Shorten the StatefulSet, Service or namespace name, or drop setHostnameAsFQDN.`,
    );
  }
}

/** The Service resource the identity resolved to (the one whose metadata.name node it points at). */
function serviceResource(ctx: StatefulSetContext, resolved: ResolvedService): Resource | undefined {
  return ctx.workspace
    .resources('Service')
    .find((r) => r.uri === resolved.uri && r.name === resolved.name && r.namespace === resolved.namespace && getPath(r.node, 'metadata', 'name')?.span.start === resolved.span.start);
}

function governingService(ctx: StatefulSetContext): void {
  if (ctx.isPatch || ctx.isTemplate) return;
  const svc = validServiceName(ctx);
  if (!svc) return;
  const ns = ctx.identity.namespace;
  const resolved = ctx.identity.service;
  if (!resolved) {
    const elsewhere = ctx.workspace.resources('Service').filter((s) => s.name === svc.name && s.namespace !== ns);
    if (elsewhere.length) {
      const where = [...new Set(elsewhere.map((s) => s.namespace))].map(q).join(', ');
      ctx.report(
        'service-in-other-namespace',
        svc.span,
        `Service ${q(svc.name)} exists only in namespace ${where} (${fileName(elsewhere[0].uri)}), but this StatefulSet is in namespace ${q(ns)}: a StatefulSet's governing Service must be in its own namespace, so the pods get no DNS names. Create the headless Service in namespace ${q(ns)}, or move the StatefulSet.`,
      );
      return;
    }
    const files = ctx.workspace.files().length;
    ctx.report(
      'service-not-found',
      svc.span,
      `No Service named ${q(svc.name)} in namespace ${q(ns)} was found in the ${files} file${files === 1 ? '' : 's'} of the workspace: until it exists, the pods get no DNS names (${ctx.name || '<name>'}-0.${svc.name}.${ns}.svc.${ctx.settings.clusterDomain} does not resolve). Create a headless Service (clusterIP: None) named ${q(svc.name)} in namespace ${q(ns)} that selects the pods.`,
      undefined,
      createServiceLater(ctx.resource, svc.name),
    );
    return;
  }
  const where = `(${fileName(resolved.uri)})`;
  if (!resolved.headless) {
    ctx.report(
      'service-not-headless',
      svc.span,
      `Service ${q(svc.name)} ${where} is not headless (it has a cluster IP): no per-pod DNS records such as ${ctx.name || '<name>'}-0.${svc.name}.${ns}.svc.${ctx.settings.clusterDomain} exist, so peers cannot address individual pods. Set clusterIP: None on that Service (recreate it: clusterIP cannot be changed), or point serviceName at a headless Service.`,
      undefined,
      [serviceResource(ctx, resolved)].map((r) => r && headlessServiceFix(ctx.workspace, r)).filter((f) => f !== undefined),
    );
  }
  if (!resolved.selector || Object.keys(resolved.selector).length === 0) {
    ctx.report(
      'service-selector-mismatch',
      svc.span,
      `Service ${q(svc.name)} ${where} has no selector: Kubernetes creates no endpoints for it, so the pods get no DNS records. Give the Service a selector matching the pod template labels${Object.keys(ctx.templateLabels).length ? `, e.g. ${JSON.stringify(ctx.templateLabels)}` : ''}.`,
    );
  } else if (!ctx.templated(getPath(ctx.spec, 'template', 'metadata', 'labels'))) {
    const labels = ctx.templateLabels;
    const missing = Object.entries(resolved.selector).find(([k, v]) => labels[k] !== v);
    if (missing) {
      const [k, v] = missing;
      ctx.report(
        'service-selector-mismatch',
        svc.span,
        `Service ${q(svc.name)} ${where} selects ${k}=${v}, but the pod template ${k in labels ? `has ${k}=${labels[k]}` : `has no label ${k}`}: the Service has no endpoints for these pods, so they get no DNS records. Make the Service selector and spec.template.metadata.labels agree.`,
      );
    }
  }
  if (!resolved.ports.some((p) => p.name)) {
    ctx.report(
      'service-port-unnamed',
      svc.span,
      `Service ${q(svc.name)} ${where} has no named port, so no SRV records (_<port-name>._${(resolved.ports[0]?.protocol ?? 'TCP').toLowerCase()}.${svc.name}.${ns}.svc.${ctx.settings.clusterDomain}) exist for peer discovery. Name a port of the Service, e.g. name: http.`,
    );
  }
}

function disruptionBudget(ctx: StatefulSetContext): void {
  if (ctx.isPatch || ctx.isTemplate || !getPath(ctx.spec, 'template')) return;
  if (ctx.templated(getPath(ctx.spec, 'template', 'metadata', 'labels'))) return;
  const replicas = getPath(ctx.spec, 'replicas');
  if (asScalar(replicas)?.value === 0) return;
  const labels = ctx.templateLabels;
  const covers = (pdb: Resource) => {
    if (pdb.namespace !== ctx.identity.namespace) return false;
    const selNode = getPath(pdb.node, 'spec', 'selector');
    const sel = readSelector(selNode);
    // policy/v1 treats an empty selector as "every pod in the namespace"; policy/v1beta1 as "no pod".
    if (sel.empty) return pdb.apiVersion === 'policy/v1' && selNode !== undefined;
    return firstUnmatched(sel, labels) === undefined;
  };
  if (ctx.workspace.resources('PodDisruptionBudget').some(covers)) return;
  const nameNode = getPath(ctx.root, 'metadata', 'name');
  ctx.report(
    'no-pod-disruption-budget',
    nameNode?.span ?? getPair(ctx.root, 'kind')?.key.span ?? ctx.root.span,
    `No PodDisruptionBudget in the workspace selects the pods of ${ctx.name ? q(ctx.name) : 'this StatefulSet'} (namespace ${q(ctx.identity.namespace)}): a node drain may evict several of them at once. Add a PodDisruptionBudget whose selector matches the pod template labels, e.g. with maxUnavailable: 1.`,
  );
}

export const governingServiceChecks: StatefulSetCheck[] = [
  { name: 'serviceName', run: serviceNameValue },
  { name: 'fqdnLength', run: fqdnLength },
  { name: 'governingService', run: governingService },
  { name: 'disruptionBudget', run: disruptionBudget },
];
