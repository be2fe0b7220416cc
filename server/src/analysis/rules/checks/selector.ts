// Checks of spec.selector: present (R14, apps/v1 only: v1beta1 defaulted it from the template labels),
// non-empty (R15), well-formed (R16), matching the pod template labels (R17), and free of the per-pod
// labels the controller adds (statefulset.kubernetes.io/pod-name, apps.kubernetes.io/pod-index).
import { asMap, asScalar, asSeq, getPair, getPath, scalarText } from '../../yamlTree';
import type { StatefulSetCheck, StatefulSetContext } from '../checkContext';
import { keySpan, missingSpan } from '../checkContext';
import { describeRequirement, firstUnmatched, formatLabels, readSelector, SELECTOR_OPERATORS } from '../labelSelector';
import { labelKeyErrors, labelValueErrors } from '../validators';
import { didYouMean, isYaml11Boolean, q } from './checkHelpers';

const PER_POD_LABELS = ['statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index'];

function present(ctx: StatefulSetContext): void {
  if (ctx.isPatch || ctx.isTemplate || ctx.resource.apiVersion === 'apps/v1beta1') return;
  const pair = getPair(ctx.spec, 'selector');
  const node = pair?.value;
  if (!pair || !node || asScalar(node)?.value === null) {
    const labels = ctx.templateLabels;
    const suggestion = Object.keys(labels).length > 0 ? ` matching the pod template labels, e.g. matchLabels: ${formatLabels(labels)}` : ' with matchLabels that the pod template labels also carry';
    ctx.report(
      'missing-selector',
      pair?.key.span ?? missingSpan(ctx.root, ['spec'], getPath(ctx.root, 'kind')?.span ?? ctx.root.span),
      `spec.selector is missing: the API server rejects this ${ctx.resource.apiVersion} StatefulSet (spec.selector: Required value). Add spec.selector${suggestion}.`,
    );
    return;
  }
  if (ctx.templated(node)) return;
  const sel = readSelector(node);
  // commonLabels from a kustomization are added to the selector too, so it is not empty after the build.
  if (sel.empty && Object.keys(ctx.kustomize.addedLabels).length === 0) {
    ctx.report(
      'empty-selector',
      node.span,
      'spec.selector has neither matchLabels nor matchExpressions: the API server rejects the StatefulSet (empty selector is invalid for statefulset). Select the pod template labels, e.g. matchLabels: {app: <name>}.',
    );
  }
}

function syntax(ctx: StatefulSetContext): void {
  const node = getPath(ctx.spec, 'selector');
  if (!node || ctx.templated(node)) return;
  for (const p of asMap(getPath(node, 'matchLabels'))?.pairs ?? []) {
    if (ctx.templated(p.key) || ctx.templated(p.value)) continue;
    const key = String(p.key.value);
    const kErr = labelKeyErrors(key);
    if (kErr.length) ctx.report('invalid-selector', p.key.span, `Selector key ${q(key)} is not a valid label key (${kErr.join('; ')}): the API server rejects the StatefulSet. Use a label key such as app or app.kubernetes.io/name.`);
    const v = asScalar(p.value);
    if (isYaml11Boolean(ctx.file.text, p.value)) {
      ctx.report('invalid-selector', v!.span, `Selector value ${v!.source} of ${key} is read as a boolean (YAML 1.1, as kubectl and the API server read manifests), not a string: the API server rejects the StatefulSet (label values are strings). Quote it: ${key}: "${v!.source}".`);
    } else if (v && typeof v.value === 'string') {
      const vErr = labelValueErrors(v.value);
      if (vErr.length) ctx.report('invalid-selector', v.span, `Selector value ${q(v.value)} of ${key} is not a valid label value (${vErr.join('; ')}): the API server rejects the StatefulSet.`);
    } else if (p.value && !(v && v.value === null)) {
      const shown = v ? v.source : p.value.kind;
      ctx.report('invalid-selector', p.value.span, `Selector value ${shown} of ${key} is not a string: the API server rejects the StatefulSet (label values are strings). Quote it: ${key}: "${shown}".`);
    }
  }
  for (const item of asSeq(getPath(node, 'matchExpressions'))?.items ?? []) {
    if (ctx.templated(item)) continue;
    const keyNode = getPath(item, 'key');
    const key = scalarText(keyNode);
    if (key === undefined) {
      ctx.report('invalid-selector', keySpan(item, 'key') ?? item.span, 'This matchExpressions entry has no key: the API server rejects the StatefulSet. Add key: <label key>.');
      continue;
    }
    const kErr = labelKeyErrors(key);
    if (kErr.length && keyNode) ctx.report('invalid-selector', keyNode.span, `Selector key ${q(key)} is not a valid label key (${kErr.join('; ')}): the API server rejects the StatefulSet.`);
    const opNode = getPath(item, 'operator');
    const op = scalarText(opNode);
    const valuesPair = getPair(item, 'values');
    const values = asSeq(valuesPair?.value)?.items ?? [];
    if (op === undefined || !SELECTOR_OPERATORS.includes(op as never)) {
      ctx.report(
        'invalid-selector',
        opNode?.span ?? keyNode?.span ?? item.span,
        `${op === undefined ? 'This matchExpressions entry has no operator' : `Operator ${q(op)} is not a valid selector operator`}: the API server rejects the StatefulSet (operators: In, NotIn, Exists, DoesNotExist).${op ? didYouMean(op, SELECTOR_OPERATORS) : ''}`,
      );
      continue;
    }
    if ((op === 'In' || op === 'NotIn') && values.length === 0) {
      ctx.report('invalid-selector', valuesPair?.key.span ?? opNode!.span, `Operator ${op} needs at least one value in values: the API server rejects the StatefulSet. Add values: [<label value>], or use Exists.`);
    }
    if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) {
      ctx.report('invalid-selector', valuesPair!.key.span, `Operator ${op} must not have values: the API server rejects the StatefulSet. Remove values, or use In / NotIn.`);
    }
    for (const v of values) {
      const s = asScalar(v);
      if (ctx.templated(v)) continue;
      if (isYaml11Boolean(ctx.file.text, v)) {
        ctx.report('invalid-selector', s!.span, `Selector value ${s!.source} of ${key} is read as a boolean (YAML 1.1, as kubectl and the API server read manifests), not a string: the API server rejects the StatefulSet (label values are strings). Quote it: "${s!.source}".`);
      } else if (s && (typeof s.value === 'number' || typeof s.value === 'boolean')) {
        ctx.report('invalid-selector', s.span, `Selector value ${s.source} of ${key} is not a string: the API server rejects the StatefulSet (label values are strings). Quote it: "${s.source}".`);
      } else if (s && typeof s.value === 'string') {
        const vErr = labelValueErrors(s.value);
        if (vErr.length) ctx.report('invalid-selector', s.span, `Selector value ${q(s.value)} is not a valid label value (${vErr.join('; ')}): the API server rejects the StatefulSet.`);
      }
    }
  }
}

function matchesTemplate(ctx: StatefulSetContext): void {
  if (ctx.isPatch || ctx.isTemplate) return;
  const node = getPath(ctx.spec, 'selector');
  if (!node || ctx.templated(node)) return;
  const labelsNode = getPath(ctx.spec, 'template', 'metadata', 'labels');
  if (ctx.templated(labelsNode) || !getPath(ctx.spec, 'template')) return;
  const sel = readSelector(node);
  if (sel.empty) return;
  const labels = ctx.templateLabels;
  const req = firstUnmatched(sel, labels);
  if (!req || ctx.templated(req.keyNode)) return;
  let why: string;
  let fix: string;
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  if (req.operator === '=') {
    why = has ? `the pod template has ${req.key}=${labels[req.key]}` : `the pod template has no label ${req.key}`;
    fix = `Add ${req.key}: ${req.values[0]} to spec.template.metadata.labels`;
  } else {
    why = has ? `the pod template has ${req.key}=${labels[req.key]}` : `the pod template has no label ${req.key}`;
    fix = 'Change spec.template.metadata.labels so that they satisfy every selector requirement';
  }
  const shown = Object.keys(labels).length ? formatLabels(labels) : 'none';
  ctx.report(
    'selector-mismatch',
    req.span,
    `The selector requires ${describeRequirement(req)} but ${why} (template labels: ${shown}): the API server rejects the StatefulSet (\`selector\` does not match template \`labels\`). ${fix} (the selector cannot be changed after creation).`,
  );
}

function perPodLabel(ctx: StatefulSetContext): void {
  const node = getPath(ctx.spec, 'selector');
  if (!node || ctx.templated(node)) return;
  for (const req of readSelector(node).requirements) {
    if (!PER_POD_LABELS.includes(req.key) || req.operator === 'DoesNotExist') continue;
    ctx.report(
      'per-pod-label-in-selector',
      req.keySpan,
      `The selector uses ${req.key}, a label the controller sets to a different value on each pod (${ctx.name || '<name>'}-0, ${ctx.name || '<name>'}-1, …): the StatefulSet can never own all its pods, and it cannot be changed after creation. Select on a label every pod shares, e.g. app.`,
    );
  }
}

export const selectorChecks: StatefulSetCheck[] = [
  { name: 'selectorPresent', run: present },
  { name: 'selectorSyntax', run: syntax },
  { name: 'selectorMatchesTemplate', run: matchesTemplate },
  { name: 'perPodLabelInSelector', run: perPodLabel },
];
