// Checks of spec.volumeClaimTemplates: names (unique DNS-1123 labels, L3), the storage request (a
// Kubernetes quantity > 0), access modes (R22) and the PVC names derived from them (N3, L3).
import type { Span, YMap, YNode } from '../../model';
import { asMap, asScalar, asSeq, getPair, getPath, scalarText } from '../../yamlTree';
import type { LazyFixes, StatefulSetCheck, StatefulSetContext } from '../checkContext';
import { mayBeAlternatives, missingSpan } from '../checkContext';
import { rewriteScalar, typoFixes } from '../fixes';
import { atLeast } from '../kubernetesVersion';
import { dns1123LabelErrors, dns1123SubdomainErrors, parseQuantity, suggestDnsLabel } from '../validators';
import { didYouMean, highestOrdinal, q, qList } from './checkHelpers';

const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];

function claimItems(ctx: StatefulSetContext): YMap[] {
  const seq = asSeq(getPath(ctx.spec, 'volumeClaimTemplates'));
  return (seq?.items ?? []).map(asMap).filter((m): m is YMap => m !== undefined && !ctx.templated(m));
}

/** "the API server rejects the StatefulSet" from 1.34 on, PVC creation failing before. */
function pvcOutcome(ctx: StatefulSetContext): string {
  return atLeast(ctx.version, 1, 34)
    ? 'the API server rejects the StatefulSet (Kubernetes 1.34+ validates claim templates); older clusters fail to create each PVC, so the pods stay Pending'
    : 'creating each PVC fails, so the pods stay Pending';
}

function names(ctx: StatefulSetContext): void {
  const seen = new Map<string, Span>();
  for (const item of claimItems(ctx)) {
    const nameNode = getPath(item, 'metadata', 'name');
    if (ctx.templated(nameNode)) continue;
    const name = scalarText(nameNode);
    if (name === undefined || name === '') {
      if (ctx.isPatch && !nameNode) continue;
      ctx.report(
        'invalid-claim-template-name',
        nameNode?.span ?? missingSpan(item, ['metadata'], item.pairs[0]?.key.span ?? item.span),
        'This volumeClaimTemplate has no metadata.name: no container can mount it and no PVC name can be derived, so the StatefulSet is rejected or its pods fail. Add metadata.name, e.g. data.',
      );
      continue;
    }
    const first = seen.get(name);
    if (first) {
      // In a Helm template the two may be the branches of an if / else: only one is ever rendered.
      if (mayBeAlternatives(ctx, first, nameNode!.span)) continue;
      ctx.report(
        'duplicate-claim-template',
        nameNode!.span,
        `volumeClaimTemplate ${q(name)} is defined twice: both would create the PVC ${name}-${ctx.name || '<name>'}-${ctx.identity.startOrdinal.value} and the same pod volume, so the pods fail to create (Duplicate value). Rename or remove one of them.`,
      );
      continue;
    }
    seen.set(name, nameNode!.span);
    const errs = dns1123LabelErrors(name);
    if (errs.length) {
      const fix = suggestDnsLabel(name);
      ctx.report(
        'invalid-claim-template-name',
        nameNode!.span,
        `volumeClaimTemplate name ${q(name)} is not a DNS-1123 label (${errs.join('; ')}): it becomes a pod volume name, so every pod fails to create. Use lowercase letters, digits and '-'${fix ? `, e.g. ${q(fix)}` : ''}.`,
      );
      continue;
    }
    // The derived PVC name can only break through the StatefulSet's own name; report it on the claim.
    if (!ctx.name) continue;
    const pvc = `${name}-${ctx.name}-${highestOrdinal(ctx.identity.startOrdinal.value, ctx.identity.replicas.value)}`;
    const pvcErrs = dns1123SubdomainErrors(pvc);
    if (pvcErrs.length) {
      ctx.report(
        'pvc-name-too-long',
        nameNode!.span,
        `The PVC name ${pvc.length > 80 ? q(pvc.slice(0, 77) + '...') : q(pvc)} (${pvc.length} characters) derived from claim template ${q(name)} is not a valid DNS-1123 subdomain (${pvcErrs.join('; ')}): the API server accepts the StatefulSet, but creating the PVC fails and the pod stays Pending. Shorten the StatefulSet or claim template name.`,
      );
    }
  }
}

function storage(ctx: StatefulSetContext): void {
  for (const item of claimItems(ctx)) {
    const claim = scalarText(getPath(item, 'metadata', 'name')) ?? '(unnamed)';
    const node = getPath(item, 'spec', 'resources', 'requests', 'storage');
    if (ctx.templated(getPath(item, 'spec'))) continue;
    if (!node || asScalar(node)?.value === null) {
      if (ctx.isPatch || ctx.isTemplate) continue;
      // A dataSource / dataSourceRef clone still needs a size; a selector-bound PV does too.
      ctx.report(
        'claim-template-missing-storage',
        node?.span ?? missingSpan(item, ['spec', 'resources', 'requests'], item.pairs[0]?.key.span ?? item.span),
        `volumeClaimTemplate ${q(claim)} requests no storage (spec.resources.requests.storage): ${pvcOutcome(ctx)}. Add spec.resources.requests.storage, e.g. 1Gi.`,
      );
      continue;
    }
    const s = asScalar(node);
    if (!s) {
      ctx.report('invalid-storage-quantity', node.span, `The storage request of volumeClaimTemplate ${q(claim)} is not a quantity: ${pvcOutcome(ctx)}. Write a size such as 10Gi.`);
      continue;
    }
    const text = typeof s.value === 'string' ? s.value : s.source;
    const parsed = parseQuantity(text);
    if (!parsed) {
      ctx.report(
        'invalid-storage-quantity',
        node.span,
        `The storage request ${q(text)} of volumeClaimTemplate ${q(claim)} is not a Kubernetes quantity: ${pvcOutcome(ctx)}.${quantityHint(text)}`,
      );
    } else if (parsed.value <= 0) {
      ctx.report(
        'invalid-storage-quantity',
        node.span,
        `The storage request ${q(text)} of volumeClaimTemplate ${q(claim)} is not greater than zero: ${pvcOutcome(ctx)}. Request the size the volume needs, e.g. 1Gi.`,
      );
    }
  }
}

/** Proposes the quantity people usually mean: `10GB` → `10G` (or `10Gi`), `10gi` → `10Gi`, `10 Gi` → `10Gi`. */
function quantityHint(text: string): string {
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (m) {
    const [, num, unit] = m;
    const u = unit.toLowerCase().replace(/b$/, '');
    const binary: Record<string, string> = { ki: 'Ki', mi: 'Mi', gi: 'Gi', ti: 'Ti', pi: 'Pi', ei: 'Ei' };
    const decimal: Record<string, string> = { k: 'k', m: 'M', g: 'G', t: 'T', p: 'P', e: 'E' };
    if (binary[u]) return ` Did you mean ${q(num + binary[u])}?`;
    if (decimal[u]) return ` Did you mean ${q(num + decimal[u])} (or ${q(num + decimal[u].toUpperCase() + 'i')} in binary units)?`;
  }
  return " Write a number with an optional suffix: Ki, Mi, Gi, Ti (binary) or k, M, G, T (decimal), e.g. '10Gi'.";
}

function accessModes(ctx: StatefulSetContext): void {
  for (const item of claimItems(ctx)) {
    const claim = scalarText(getPath(item, 'metadata', 'name')) ?? '(unnamed)';
    const specNode = getPath(item, 'spec');
    if (ctx.templated(specNode)) continue;
    const pair = getPair(specNode, 'accessModes');
    if (!pair || !pair.value || asScalar(pair.value)?.value === null) {
      if (ctx.isPatch || ctx.isTemplate) continue;
      ctx.report(
        'invalid-access-modes',
        pair?.key.span ?? missingSpan(item, ['spec'], item.pairs[0]?.key.span ?? item.span),
        `volumeClaimTemplate ${q(claim)} has no accessModes: ${pvcOutcome(ctx)} (at least 1 access mode is required). Add accessModes: [ReadWriteOnce].`,
      );
      continue;
    }
    if (ctx.templated(pair.value)) continue;
    const seq = asSeq(pair.value);
    if (!seq) {
      const text = scalarText(pair.value);
      // A valid mode written as a scalar becomes a one-item flow list, quotes kept.
      const item = text && ACCESS_MODES.includes(text) ? rewriteScalar(ctx.file.text, pair.value, text) : undefined;
      ctx.report(
        'invalid-access-modes',
        pair.value.span,
        `accessModes of volumeClaimTemplate ${q(claim)} must be a list: ${pvcOutcome(ctx)}. Write accessModes: [${text && ACCESS_MODES.includes(text) ? text : 'ReadWriteOnce'}].`,
        undefined,
        item ? [{ title: `Change to '[${text}]'`, edits: [{ uri: ctx.file.uri, span: { ...pair.value.span }, newText: `[${item}]` }], isPreferred: true }] : undefined,
      );
      continue;
    }
    if (seq.items.length === 0) {
      ctx.report('invalid-access-modes', seq.span, `accessModes of volumeClaimTemplate ${q(claim)} is empty: ${pvcOutcome(ctx)} (at least 1 access mode is required). Add ReadWriteOnce.`);
      continue;
    }
    const modes: string[] = [];
    for (const m of seq.items) {
      const text = scalarText(m);
      if (ctx.templated(m)) continue;
      if (text === undefined || !ACCESS_MODES.includes(text)) {
        const shown = text ?? m.kind;
        ctx.report(
          'invalid-access-modes',
          m.span,
          `Access mode ${q(shown)} of volumeClaimTemplate ${q(claim)} is not supported: ${pvcOutcome(ctx)} (supported values: ${qList(ACCESS_MODES)}).${didYouMean(shown, ACCESS_MODES)}`,
          undefined,
          text === undefined ? undefined : accessModeFixes(m, text, seq.items.length === 1),
        );
      } else modes.push(text);
    }
    if (modes.includes('ReadWriteOncePod') && seq.items.length > 1) {
      ctx.report(
        'invalid-access-modes',
        seq.span,
        `volumeClaimTemplate ${q(claim)} mixes ReadWriteOncePod with other access modes: ${pvcOutcome(ctx)} (may not use ReadWriteOncePod with other access modes). Keep only ReadWriteOncePod, or drop it.`,
      );
    }
  }
}

/**
 * `Change to` the access mode meant, built later (LazyFixes). ReadWriteOncePod beside other modes is rejected
 * too: that correction would trade one error for another.
 */
function accessModeFixes(node: YNode, written: string, single: boolean): LazyFixes {
  return (file) => typoFixes(file, node, written, ACCESS_MODES).filter((f) => single || f.title !== "Change to 'ReadWriteOncePod'");
}

/**
 * Before 1.34 the API server does not validate a claim template's spec: it accepts the StatefulSet and each
 * PVC fails to create later. A finding there is a warning, since an error means the API server rejects.
 */
function validatedFrom134(run: (ctx: StatefulSetContext) => void): (ctx: StatefulSetContext) => void {
  return (ctx) => run(atLeast(ctx.version, 1, 34) ? ctx : { ...ctx, report: (id, span, message, severity, fixes) => ctx.report(id, span, message, severity ?? 'warning', fixes) });
}

export const claimTemplateChecks: StatefulSetCheck[] = [
  { name: 'claimTemplateNames', run: names },
  { name: 'claimTemplateStorage', run: validatedFrom134(storage) },
  { name: 'claimTemplateAccessModes', run: validatedFrom134(accessModes) },
];
