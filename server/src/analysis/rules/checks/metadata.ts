// Checks of the StatefulSet's name (R1, R2, L1, L2), of label keys and values in metadata.labels and the
// pod template labels, and of annotations there (R3, R18). Names decide pod, PVC and DNS names, so the messages name those too.
import type { YNode } from '../../model';
import { asMap, asScalar, getPath } from '../../yamlTree';
import type { StatefulSetCheck, StatefulSetContext } from '../checkContext';
import { missingSpan } from '../checkContext';
import { atLeast, formatVersion } from '../kubernetesVersion';
import { dns1123LabelErrors, dns1123SubdomainErrors, labelKeyErrors, labelValueErrors, suggestDnsLabel } from '../validators';
import { highestOrdinal, isYaml11Boolean, q } from './checkHelpers';

/** Room for `-<hash>` (up to 10 characters) in the controller-revision-hash label (63 characters max). */
export const MAX_STATEFULSET_NAME = 52;

function name(ctx: StatefulSetContext): void {
  const node = getPath(ctx.root, 'metadata', 'name');
  if (ctx.templated(node)) return;
  const text = asScalar(node)?.value;
  if (node === undefined || text === null || text === '' || text === undefined) {
    if (ctx.isPatch || ctx.isTemplate || getPath(ctx.root, 'metadata', 'generateName')) return;
    ctx.report(
      'invalid-name',
      node?.span ?? missingSpan(ctx.root, ['metadata'], getPath(ctx.root, 'kind')?.span ?? ctx.root.span),
      'The StatefulSet has no metadata.name: the API server rejects it (name or generateName is required). Add a name; pods are then called <name>-0, <name>-1, ….',
    );
    return;
  }
  const value = String(text);
  const errs = dns1123LabelErrors(value);
  if (errs.length > 0 && !atLeast(ctx.version, 1, 27) && dns1123SubdomainErrors(value).length === 0) {
    // Before 1.27 the API server checked a DNS-1123 subdomain: it accepts the StatefulSet, and its pods fail.
    ctx.report(
      'invalid-name',
      node.span,
      `StatefulSet name ${q(value)} is not a DNS-1123 label (${errs.join('; ')}): a Kubernetes ${formatVersion(ctx.version)} API server accepts it (it checks a DNS-1123 subdomain until 1.27, which rejects it), but every pod fails to create, since a pod's hostname (its name) must be a DNS-1123 label. Use at most 63 lowercase letters, digits and '-'.`,
      'warning',
    );
    return;
  }
  if (errs.length > 0) {
    const fix = suggestDnsLabel(value);
    ctx.report(
      'invalid-name',
      node.span,
      `StatefulSet name ${q(value)} is not a DNS-1123 label (${errs.join('; ')}): the API server rejects the StatefulSet. Use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit${fix ? `, e.g. ${q(fix.slice(0, MAX_STATEFULSET_NAME).replace(/-+$/, ''))}` : ''}.`,
    );
    return;
  }
  if (value.length > MAX_STATEFULSET_NAME) {
    const start = ctx.identity.startOrdinal.value;
    const podName = `${value}-${highestOrdinal(start, ctx.identity.replicas.value)}`;
    const podNote = podName.length > 63 ? ` The pod name ${podName} (${podName.length} characters) is also over 63.` : '';
    ctx.report(
      'name-too-long',
      node.span,
      `StatefulSet name ${q(value)} has ${value.length} characters: the controller labels every pod with controller-revision-hash "${value}-<hash of up to 10 characters>", which exceeds the 63-character label limit: the API server accepts the StatefulSet, but every pod fails to create.${podNote} Shorten the name to ${MAX_STATEFULSET_NAME} characters or fewer.`,
    );
  }
}

function checkLabelMap(ctx: StatefulSetContext, node: YNode | undefined, where: string): void {
  const map = asMap(node);
  if (!map || ctx.templated(node)) return;
  for (const p of map.pairs) {
    if (ctx.templated(p.key) || ctx.templated(p.value)) continue;
    const key = String(p.key.value);
    const keyErrs = labelKeyErrors(key);
    if (keyErrs.length > 0) {
      ctx.report('invalid-label', p.key.span, `Label key ${q(key)} in ${where} is not valid (${keyErrs.join('; ')}): the API server rejects the StatefulSet. Use an optional DNS prefix and '/', then up to 63 letters, digits, '-', '_' or '.', e.g. app.kubernetes.io/name.`);
    }
    const s = asScalar(p.value);
    if (!p.value || (s && s.value === null)) continue;
    if (isYaml11Boolean(ctx.file.text, p.value)) {
      ctx.report('invalid-label', p.value.span, `Label ${key} in ${where} has the value ${s!.source}, which Kubernetes reads as a boolean (YAML 1.1, as kubectl and the API server read manifests), not a string: the API server rejects the StatefulSet (label values are strings). Quote it: ${key}: "${s!.source}".`);
      continue;
    }
    if (!s || typeof s.value !== 'string') {
      const shown = s ? s.source : p.value.kind;
      ctx.report('invalid-label', p.value.span, `Label ${key} in ${where} has the value ${shown}, which is not a string: the API server rejects the StatefulSet (label values are strings). Quote it: ${key}: "${shown}".`);
      continue;
    }
    const valErrs = labelValueErrors(s.value);
    if (valErrs.length > 0) {
      ctx.report('invalid-label', p.value.span, `Label value ${q(s.value)} of ${key} in ${where} is not valid (${valErrs.join('; ')}): the API server rejects the StatefulSet. Use up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit.`);
    }
  }
}

function labels(ctx: StatefulSetContext): void {
  checkLabelMap(ctx, getPath(ctx.root, 'metadata', 'labels'), 'metadata.labels');
  checkLabelMap(ctx, getPath(ctx.spec, 'template', 'metadata', 'labels'), 'spec.template.metadata.labels');
}

/** ObjectMeta's limit on all annotations of an object together (keys and values, UTF-8 bytes). */
export const MAX_ANNOTATIONS_BYTES = 256 * 1024;

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Annotations (R3, R18): each key a qualified name, compared in lowercase (ValidateAnnotations lowercases it,
 * so `Example.com/Owner` passes where a label key would not), each value a string, all of them at most 256 KiB.
 */
function checkAnnotationMap(ctx: StatefulSetContext, node: YNode | undefined, where: string): void {
  const map = asMap(node);
  if (!map || ctx.templated(node)) return;
  let bytes = 0;
  for (const p of map.pairs) {
    if (ctx.templated(p.key) || ctx.templated(p.value)) continue;
    const key = String(p.key.value);
    const keyErrs = labelKeyErrors(key.toLowerCase());
    if (keyErrs.length > 0) {
      ctx.report('invalid-annotation', p.key.span, `Annotation key ${q(key)} in ${where} is not valid (${keyErrs.join('; ')}): the API server rejects the StatefulSet. Use an optional DNS prefix and '/', then up to 63 letters, digits, '-', '_' or '.', e.g. example.com/owner.`);
    }
    const s = asScalar(p.value);
    bytes += utf8Length(key);
    if (!p.value || (s && s.value === null)) continue;
    if (isYaml11Boolean(ctx.file.text, p.value)) {
      ctx.report('invalid-annotation', p.value.span, `Annotation ${key} in ${where} has the value ${s!.source}, which Kubernetes reads as a boolean (YAML 1.1, as kubectl and the API server read manifests), not a string: the API server rejects the StatefulSet (annotation values are strings). Quote it: ${key}: "${s!.source}".`);
      continue;
    }
    if (!s || typeof s.value !== 'string') {
      const shown = s ? s.source : p.value.kind;
      ctx.report('invalid-annotation', p.value.span, `Annotation ${key} in ${where} has the value ${shown}, which is not a string: the API server rejects the StatefulSet (annotation values are strings). Quote it${s ? `: ${key}: "${shown}"` : ', or write it as one string (a block scalar | keeps JSON readable)'}.`);
      continue;
    }
    bytes += utf8Length(s.value);
  }
  if (bytes > MAX_ANNOTATIONS_BYTES) {
    const pair = map.pairs[0];
    ctx.report('invalid-annotation', pair ? pair.key.span : map.span, `The annotations in ${where} total ${bytes} bytes: the API server rejects the StatefulSet (${where}: Too long: must have at most ${MAX_ANNOTATIONS_BYTES} bytes). Move large data to a ConfigMap.`);
  }
}

function annotations(ctx: StatefulSetContext): void {
  checkAnnotationMap(ctx, getPath(ctx.root, 'metadata', 'annotations'), 'metadata.annotations');
  checkAnnotationMap(ctx, getPath(ctx.spec, 'template', 'metadata', 'annotations'), 'spec.template.metadata.annotations');
}

export const metadataChecks: StatefulSetCheck[] = [
  { name: 'name', run: name },
  { name: 'labels', run: labels },
  { name: 'annotations', run: annotations },
];
