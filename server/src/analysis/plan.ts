// The apply plan: what `kubectl apply` does to each StatefulSet of a file that already runs as its baseline
// (the same object at a git revision): changes the API server refuses (immutable fields, compared after
// defaulting and semantically), a rename or namespace move, scale-down and scale-up, a new numbering through
// ordinals.start, the rolling update a template change starts, and changes of the update strategy, the
// partition and the PVC retention policy. Pure: the baseline texts are inputs (baseline.ts); no IO.
import type { AnalysisSettings, Finding, Fix, ParsedFile, Resource, Severity, Span, StatefulSetIdentity, WorkspaceView, YNode } from './model';
import type { Baseline } from './baseline';
import { buildIdentity } from './identity';
import {
  canonClaimTemplate, canonEqual, canonGeneric, canonSelector, firstDifference, formatPath, type Canon, type PlanPath,
} from './planCompare';
import { restoreFix } from './planFixes';
import { finishFindings } from './rules/index';
import { atLeast, formatVersion, targetVersion, type MajorMinor } from './rules/kubernetesVersion';
import { firstUnmatched, readSelector } from './rules/labelSelector';
import { asNumber, asScalar, asSeq, getPair, getPath, scalarText, toStringMap } from './yamlTree';

export type PlanStepKind =
  | 'refused' | 'renamed' | 'scale-down' | 'scale-up' | 'ordinals' | 'rolling-update' | 'on-delete'
  | 'update-strategy' | 'partition' | 'max-unavailable' | 'retention' | 'min-ready-seconds' | 'revision-history-limit';

/** One thing apply does (or refuses), with the finding it becomes. */
export interface PlanStep {
  kind: PlanStepKind;
  ruleId: string;
  severity: Severity;
  /** One short line for lists: `serviceName "web" → "web-headless": refused`. */
  summary: string;
  /** The full finding message. */
  message: string;
  /** The changed field in the current file. */
  span: Span;
  fixes?: Fix[];
}

export interface StatefulSetPlan {
  name: string;
  namespace: string;
  span: Span;
  nameSpan: Span;
  /** The baseline object it is compared with (another name or namespace after a rename). */
  baseline?: { name: string; namespace: string; uri: string };
  /** Why this StatefulSet has no plan (new since the baseline, a Helm template), else undefined. */
  note?: string;
  /** Refused changes first, then the rest in the order apply carries them out. */
  steps: PlanStep[];
  /** The lens: `apply: refused — serviceName changed`, `apply: +2 pods, rolling update rg-3 → rg-1`. */
  lens: string;
}

export interface FilePlan {
  uri: string;
  /** The revision compared with (`HEAD`, `origin/main`); undefined when no baseline is set for the file. */
  revision?: string;
  commit?: string;
  /** One line why the file has no plan at all (no repository, unknown revision), else undefined. */
  note?: string;
  statefulSets: StatefulSetPlan[];
  /** The steps as findings, after severity overrides and suppression comments. */
  findings: Finding[];
}

/** What the plan reads of the workspace (ManifestWorkspace implements it). */
export interface PlanWorkspace extends WorkspaceView {
  baselineFor(uri: string): Baseline | undefined;
  identityOf(resource: Resource, settings: AnalysisSettings): StatefulSetIdentity;
  findStatefulSets(name: string, namespace: string): Resource[];
}

/** The rule ids of the plan (rows of rules/ruleTable.ts). */
export const PLAN_RULES = {
  refused: 'immutable-field-changed',
  renamed: 'statefulset-renamed',
  scaleDown: 'statefulset-scale-down',
  change: 'apply-plan',
} as const;

/** The message the API server answers an update of an immutable spec field with, as the target version words it. */
export function forbiddenUpdateMessage(version: MajorMinor): string {
  const fields = atLeast(version, 1, 33)
    ? "'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"
    : atLeast(version, 1, 26)
      ? "'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"
      : atLeast(version, 1, 23)
        ? "'replicas', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"
        : atLeast(version, 1, 22)
          ? "'replicas', 'template', 'updateStrategy' and 'minReadySeconds' are forbidden"
          : "'replicas', 'template', and 'updateStrategy' are forbidden.";
  return `spec: Forbidden: updates to statefulset spec for fields other than ${fields}`;
}

const LISTED = 5;

/** `web-2, web-1, web-0` or `web-9, web-8, … web-0 (10 pods)`. */
function names(list: string[], noun = 'pod'): string {
  if (list.length <= LISTED) return list.join(', ');
  return `${list.slice(0, LISTED - 1).join(', ')}, … ${list[list.length - 1]} (${list.length} ${noun}s)`;
}

function q(value: string): string {
  return JSON.stringify(value);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Pod names for ordinals, in the order given. Ranges are capped: a plan lists names, it never needs millions. */
const MAX_PLANNED = 10_000;
function ordinalRange(from: number, to: number): number[] {
  const out: number[] = [];
  for (let o = from; o < to && out.length < MAX_PLANNED; o++) out.push(o);
  return out;
}

function nonNegativeInt(node: YNode | undefined, fallback: number): number {
  const n = asNumber(node);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : fallback;
}

/** The apply plan of every StatefulSet of one file against the file's baseline. */
export function planFile(ws: PlanWorkspace, uri: string, settings: AnalysisSettings): FilePlan {
  const file = ws.getFile(uri);
  const plan: FilePlan = { uri, statefulSets: [], findings: [] };
  if (!file) return plan;
  const resources = file.resources.filter((r) => r.recognized === 'StatefulSet');
  const baseline = ws.baselineFor(uri);
  if (!baseline || resources.length === 0) return plan;
  plan.revision = baseline.revision;
  const files = baseline.files;
  if (!files) {
    plan.note = baseline.reason;
    return plan;
  }
  plan.commit = files.commit;
  if (file.isTemplate) {
    plan.note = `This file is a Helm template: the apply plan needs the rendered manifests (helm template), so there is none.`;
    return plan;
  }
  const version = targetVersion(settings.kubernetesVersion);
  const ns = settings.defaultNamespace;
  const fileIsNew = !baseline.hasFile(uri);
  const candidates = renameCandidates(ws, baseline, uri, ns);
  resources.forEach((resource, position) => {
    const id = ws.identityOf(resource, settings);
    const sts: StatefulSetPlan = { name: id.name, namespace: id.namespace, span: id.span, nameSpan: id.nameSpan, steps: [], lens: '' };
    plan.statefulSets.push(sts);
    const same = resource.name === undefined ? undefined : baseline.statefulSet(resource.namespace, resource.name, ns);
    const renamedFrom = same ? undefined : pickRenamed(candidates, position, resources.length);
    const base = same ?? renamedFrom;
    if (!base) {
      sts.note = fileIsNew
        ? `${fileName(uri)} is new since ${baseline.revision}: apply creates StatefulSet ${id.name} with ${plural(id.replicas.value, 'pod')}.`
        : `StatefulSet ${id.name} (namespace ${id.namespace}) is new since ${baseline.revision}: apply creates it with ${plural(id.replicas.value, 'pod')}.`;
      sts.lens = `apply: new StatefulSet, ${plural(id.replicas.value, 'pod')}`;
      return;
    }
    sts.baseline = { name: base.name ?? '', namespace: base.namespace, uri: base.uri };
    try {
      const baseText = baseline.textOf(base.uri) ?? '';
      const baseId = buildIdentity(base, () => undefined, settings);
      const ctx: PlanContext = { file, resource, id, base, baseText, baseId, revision: baseline.revision, version };
      sts.steps = renamedFrom ? [renameStep(ctx)] : [...refusedSteps(ctx), ...changeSteps(ctx)];
      sts.lens = lensTitle(ctx, sts.steps);
    } catch (err) {
      // A defect in the plan must not cost the user the diagnostics it is added to.
      sts.steps = [];
      sts.note = `StatefulSet Lens could not compute the apply plan: ${String((err as Error)?.message ?? err)}`;
      sts.lens = '';
    }
  });
  const raw: Finding[] = plan.statefulSets.flatMap((s) =>
    s.steps.map((step) => ({ ruleId: step.ruleId, severity: step.severity, message: step.message, uri, span: step.span, ...(step.fixes?.length ? { fixes: step.fixes } : {}) })),
  );
  plan.findings = finishFindings(raw, file, settings);
  return plan;
}

function fileName(uri: string): string {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** Baseline StatefulSets of this file that no StatefulSet of the workspace carries on (by namespace and name). */
function renameCandidates(ws: PlanWorkspace, baseline: Baseline, uri: string, ns: string): (Resource | undefined)[] {
  return baseline.statefulSetsIn(uri, ns).map((r) => (ws.findStatefulSets(r.name!, r.namespace).length === 0 ? r : undefined));
}

/**
 * A StatefulSet not in the baseline is taken as a rename of a baseline StatefulSet of the same file that is
 * gone now: the one at the same position among the file's StatefulSets, or the only one gone.
 */
function pickRenamed(candidates: (Resource | undefined)[], position: number, count: number): Resource | undefined {
  const gone = candidates.filter((c): c is Resource => c !== undefined);
  if (candidates.length === count && candidates[position]) return candidates[position];
  return gone.length === 1 ? gone[0] : undefined;
}

interface PlanContext {
  file: ParsedFile;
  resource: Resource;
  id: StatefulSetIdentity;
  base: Resource;
  baseText: string;
  baseId: StatefulSetIdentity;
  revision: string;
  version: MajorMinor;
}

/** Where a finding about `path` points: the node, else the key of the closest ancestor that exists. */
function spanAt(ctx: PlanContext, path: PlanPath): Span {
  let node: YNode | undefined = ctx.resource.node;
  let best: Span = ctx.id.nameSpan;
  for (const p of path) {
    if (typeof p === 'number') {
      const item: YNode | undefined = asSeq(node)?.items[p];
      if (!item) return best;
      best = item.span;
      node = item;
    } else {
      const pair = getPair(node, p);
      if (!pair) return best;
      best = pair.value && pair.value.span.end > pair.value.span.start ? pair.value.span : pair.key.span;
      node = pair.value;
    }
  }
  // A block mapping or list would underline many lines: its key says the same.
  if (node && node.kind !== 'scalar' && path.length) {
    const parent = getPath(ctx.resource.node, ...path.slice(0, -1));
    const last = path[path.length - 1];
    if (typeof last === 'string') return getPair(parent, last)?.key.span ?? best;
  }
  return best;
}

/** A value as a message quotes it: strings quoted, structures as compact JSON, `unset` when absent. */
function shown(node: YNode | undefined, canon: Canon | undefined): string {
  const scalar = asScalar(node);
  if (scalar && scalar.value !== null) return typeof scalar.value === 'string' ? q(scalar.value) : scalar.source;
  if (canon === undefined || canon === null || canon === '') return 'unset';
  return JSON.stringify(canon);
}

/** `kubectl delete statefulset web -n shop --cascade=orphan` */
function orphanCommand(ctx: PlanContext): string {
  const ns = ctx.base.namespaceExplicit || ctx.base.namespace !== 'default' ? ` -n ${ctx.base.namespace}` : '';
  return `kubectl delete statefulset ${ctx.base.name}${ns} --cascade=orphan`;
}

/** Whether the StatefulSet applied after an orphaning delete adopts the running pods (its selector selects their labels). */
function adoption(ctx: PlanContext): string {
  const oldLabels = toStringMap(getPath(ctx.base.node, 'spec', 'template', 'metadata', 'labels')) ?? {};
  const selector = readSelector(getPath(ctx.resource.node, 'spec', 'selector'));
  const unmatched = selector.empty ? undefined : firstUnmatched(selector, oldLabels);
  if (selector.empty || unmatched) {
    return `the new selector does not match the running pods' labels ${JSON.stringify(oldLabels)}, so they are NOT adopted: they keep running unmanaged, and new pods of the same names cannot be created until you delete them; the PVCs are reused by name once the pods are recreated.`;
  }
  return 'the new StatefulSet adopts the running pods (its selector still matches their labels) and reuses their PVCs by name.';
}

interface ImmutableField {
  path: PlanPath;
  canon(root: YNode): Canon | undefined;
}

const IMMUTABLE: ImmutableField[] = [
  { path: ['spec', 'selector'], canon: (r) => canonSelector(getPath(r, 'spec', 'selector')) },
  { path: ['spec', 'serviceName'], canon: (r) => scalarText(getPath(r, 'spec', 'serviceName')) ?? '' },
  // Defaulting: an empty or absent podManagementPolicy is OrderedReady.
  { path: ['spec', 'podManagementPolicy'], canon: (r) => scalarText(getPath(r, 'spec', 'podManagementPolicy')) || 'OrderedReady' },
  { path: ['spec', 'volumeClaimTemplates'], canon: (r) => (asSeq(getPath(r, 'spec', 'volumeClaimTemplates'))?.items ?? []).map(canonClaimTemplate) },
];

/** revisionHistoryLimit became mutable in 1.33; before, it is compared like the others (default 10). */
const REVISION_HISTORY_LIMIT: ImmutableField = {
  path: ['spec', 'revisionHistoryLimit'],
  canon: (r) => asNumber(getPath(r, 'spec', 'revisionHistoryLimit')) ?? 10,
};

function refusedSteps(ctx: PlanContext): PlanStep[] {
  const fields = atLeast(ctx.version, 1, 33) ? IMMUTABLE : [...IMMUTABLE, REVISION_HISTORY_LIMIT];
  const steps: PlanStep[] = [];
  for (const field of fields) {
    const before = field.canon(ctx.base.node);
    const after = field.canon(ctx.resource.node);
    const diff = firstDifference(before, after);
    if (!diff) continue;
    const path = [...field.path, ...diff];
    steps.push(refusedStep(ctx, field, path, before, after));
  }
  return steps;
}

function refusedStep(ctx: PlanContext, field: ImmutableField, path: PlanPath, before: Canon | undefined, after: Canon | undefined): PlanStep {
  const fieldName = String(field.path[field.path.length - 1]);
  const at = (canon: Canon | undefined, root: YNode) => {
    let c: Canon | undefined = canon;
    for (const p of path.slice(field.path.length)) c = c === undefined || c === null || typeof c !== 'object' ? undefined : (c as Record<string | number, Canon>)[p];
    return shown(getPath(root, ...path), c);
  };
  let oldValue = at(before, ctx.base.node);
  let newValue = at(after, ctx.resource.node);
  // Unset fields compare as their defaults, and the message says so.
  const defaults: Record<string, string> = { podManagementPolicy: 'OrderedReady', revisionHistoryLimit: '10' };
  let oldDefaulted = false;
  if (fieldName in defaults) {
    if (!scalarText(getPath(ctx.base.node, ...path))) {
      oldValue = defaults[fieldName];
      oldDefaulted = true;
    }
    if (!scalarText(getPath(ctx.resource.node, ...path))) newValue = `${defaults[fieldName]} (the default when unset)`;
  }
  let extra = '';
  if (fieldName === 'volumeClaimTemplates') {
    const claimsBefore = ctx.baseId.claimTemplates.map((c) => c.name);
    const claimsAfter = ctx.id.claimTemplates.map((c) => c.name);
    if (Array.isArray(before) && Array.isArray(after) && before.length !== after.length) {
      oldValue = `${plural(before.length, 'claim template')}${claimsBefore.length ? ` (${claimsBefore.join(', ')})` : ''}`;
      newValue = `${after.length}${claimsAfter.length ? ` (${claimsAfter.join(', ')})` : ''}`;
    }
    extra = claimsAfter.some((c) => !claimsBefore.includes(c))
      ? ` A StatefulSet never changes a PVC it created: pods then mount new, empty PVCs for ${claimsAfter.filter((c) => !claimsBefore.includes(c)).map((c) => `${c}-${ctx.id.name}-N`).join(', ')}, and the old PVCs stay.`
      : ` A StatefulSet never changes a PVC it created: the existing PVCs (${names(ctx.baseId.claimTemplates.flatMap((c) => c.pvcs), 'PVC')}) keep their old spec; only PVCs created from now on get the new template.${path.includes('storage') ? ' To resize the existing volumes, edit each PVC\'s spec.resources.requests.storage (the StorageClass must allow volume expansion).' : ''}`;
  }
  if (fieldName === 'serviceName') extra = ' The adopted pods keep their DNS names under the old Service until they are recreated.';
  const way = fieldName === 'revisionHistoryLimit'
    ? ` Kubernetes ${formatVersion(ctx.version)} cannot change it in place (1.33 and later can): ${orphanCommand(ctx)}, then apply; ${adoption(ctx)}`
    : ` To change it, delete the StatefulSet but keep its pods and PVCs: ${orphanCommand(ctx)}, then apply; ${adoption(ctx)}`;
  const fix = restoreFix(ctx.file, ctx.resource.node, ctx.baseText, ctx.base.node, path, ctx.revision);
  return {
    kind: 'refused',
    ruleId: PLAN_RULES.refused,
    severity: 'error',
    summary: `${formatPath(path.slice(1))} ${oldValue} → ${newValue}: refused by the API server`,
    message: `${formatPath(path)} changed from ${oldValue} (at ${ctx.revision}${oldDefaulted ? ', the default when unset' : ''}) to ${newValue}: the API server refuses this update with "${forbiddenUpdateMessage(ctx.version)}".${way}${extra}`,
    span: spanAt(ctx, path),
    ...(fix ? { fixes: [fix] } : {}),
  };
}

function renameStep(ctx: PlanContext): PlanStep {
  const { id, baseId, base } = ctx;
  const movedNamespace = base.namespace !== id.namespace;
  const renamed = base.name !== id.name;
  const what = renamed && movedNamespace
    ? `Renamed from ${base.name} in namespace ${base.namespace} (at ${ctx.revision}) to ${id.name} in namespace ${id.namespace}`
    : renamed
      ? `Renamed from ${base.name} (at ${ctx.revision}) to ${id.name}`
      : `Moved from namespace ${base.namespace} (at ${ctx.revision}) to ${id.namespace}`;
  const newPvcs = id.pods.flatMap((p) => p.pvcs);
  const oldPvcs = baseId.pods.flatMap((p) => p.pvcs);
  const pods = id.pods.map((p) => p.name);
  const message =
    `${what}: apply creates a new StatefulSet with new pods ${pods.length ? names(pods) : '(none)'}` +
    (newPvcs.length ? ` and new, empty PVCs ${names(newPvcs, 'PVC')}` : '') +
    `. It does not delete StatefulSet ${base.name}${movedNamespace ? ` in ${base.namespace}` : ''}: both run until you delete the old one, ` +
    (oldPvcs.length ? `and its PVCs ${names(oldPvcs, 'PVC')} stay behind, unused by the new pods.` : 'and it has no PVCs to leave behind.') +
    ` To keep the data, keep the name ${base.name}${movedNamespace ? ` and namespace ${base.namespace}` : ''}.`;
  const paths: PlanPath[] = [];
  if (renamed) paths.push(['metadata', 'name']);
  if (movedNamespace) paths.push(['metadata', 'namespace']);
  const fixes = paths.map((p) => restoreFix(ctx.file, ctx.resource.node, ctx.baseText, ctx.base.node, p, ctx.revision));
  const fix = fixes.length && fixes.every((f) => f !== undefined) ? { ...fixes[0]!, edits: fixes.flatMap((f) => f!.edits), title: fixes.length === 1 ? fixes[0]!.title : `Restore the name and namespace of ${ctx.revision}` } : undefined;
  return {
    kind: 'renamed',
    ruleId: PLAN_RULES.renamed,
    severity: 'warning',
    summary: `${renamed ? `renamed from ${base.name}` : `moved from namespace ${base.namespace}`}: new pods and PVCs, ${oldPvcs.length ? `${names(oldPvcs, 'PVC')} left behind` : 'the old StatefulSet keeps running'}`,
    message,
    span: renamed ? id.nameSpan : spanAt(ctx, ['metadata', 'namespace']),
    ...(fix ? { fixes: [fix] } : {}),
  };
}

function changeSteps(ctx: PlanContext): PlanStep[] {
  const steps: PlanStep[] = [];
  const { id, baseId, version } = ctx;
  const spec = getPath(ctx.resource.node, 'spec');
  const baseSpec = getPath(ctx.base.node, 'spec');
  const change = (kind: PlanStepKind, path: PlanPath, summary: string, message: string, severity: Severity = 'information', ruleId: string = PLAN_RULES.change) =>
    steps.push({ kind, ruleId, severity, summary, message, span: spanAt(ctx, path) });

  const oldStart = baseId.startOrdinal.value;
  const newStart = id.startOrdinal.value;
  const oldReplicas = baseId.replicas.value;
  const newReplicas = id.replicas.value;
  const parallel = id.podManagementPolicy.value === 'Parallel';
  const whenScaled = id.retention.whenScaled.value;
  const claims = id.claimTemplates.map((c) => c.name);
  const pvcsOf = (ordinals: number[]) => ordinals.flatMap((o) => claims.map((c) => `${c}-${id.name}-${o}`));
  const podsOf = (ordinals: number[]) => ordinals.map((o) => `${id.name}-${o}`);
  const kept = (pvcs: string[]) =>
    pvcs.length === 0
      ? ''
      : whenScaled === 'Delete'
        ? ` whenScaled: Delete deletes their PVCs ${names(pvcs, 'PVC')}: the data on them is lost.`
        : ` Their PVCs ${names(pvcs, 'PVC')} are kept (whenScaled: Retain) and are mounted again if those ordinals come back.`;
  const oldOrdinals = ordinalRange(oldStart, oldStart + oldReplicas);
  const newOrdinals = ordinalRange(newStart, newStart + newReplicas);

  if (oldStart !== newStart) {
    const newSet = new Set(newOrdinals);
    const oldSet = new Set(oldOrdinals);
    const removed = oldOrdinals.filter((o) => !newSet.has(o)).reverse();
    const added = newOrdinals.filter((o) => !oldSet.has(o));
    const stay = newOrdinals.filter((o) => oldSet.has(o));
    const message =
      `spec.ordinals.start changed from ${oldStart} (at ${ctx.revision}) to ${newStart}: the pods are numbered anew` +
      (removed.length ? `; ${names(podsOf(removed))} ${removed.length === 1 ? 'is' : 'are'} deleted, highest ordinal first.${kept(pvcsOf(removed))}` : '.') +
      (added.length ? ` ${names(podsOf(added))} ${added.length === 1 ? 'is' : 'are'} created${claims.length ? ` with PVCs ${names(pvcsOf(added), 'PVC')} (new and empty unless left from before)` : ''}.` : '') +
      (stay.length ? ` ${names(podsOf(stay))} keep${stay.length === 1 ? 's' : ''} ${stay.length === 1 ? 'its name' : 'their names'}.` : ' No pod keeps its name.');
    change('ordinals', ['spec', 'ordinals', 'start'], `ordinals.start ${oldStart} → ${newStart}: ${removed.length ? `deletes ${names(podsOf(removed))}` : 'deletes no pod'}, ${added.length ? `creates ${names(podsOf(added))}` : 'creates no pod'}`, message, removed.length ? 'warning' : 'information');
  } else if (newReplicas < oldReplicas) {
    const removed = oldOrdinals.filter((o) => o >= newStart + newReplicas).reverse();
    const order = parallel ? 'all at once (Parallel)' : 'one at a time, highest ordinal first, each after the one above has terminated (OrderedReady)';
    const pvcs = pvcsOf(removed);
    change(
      'scale-down',
      ['spec', 'replicas'],
      `scale down ${oldReplicas} → ${newReplicas}: deletes ${names(podsOf(removed))}${pvcs.length ? `, ${whenScaled === 'Delete' ? 'deletes' : 'keeps'} ${plural(pvcs.length, 'PVC')}` : ''}`,
      `Scale-down from ${oldReplicas} (at ${ctx.revision}) to ${newReplicas}: ${names(podsOf(removed))} ${removed.length === 1 ? 'is deleted' : `are deleted ${order}`}.${kept(pvcs).replace(' Their PVCs', removed.length === 1 ? ' Its PVCs' : ' Their PVCs').replace('deletes their PVCs', removed.length === 1 ? 'deletes its PVCs' : 'deletes their PVCs')}`,
      whenScaled === 'Delete' && pvcs.length ? 'warning' : 'information',
      PLAN_RULES.scaleDown,
    );
  } else if (newReplicas > oldReplicas) {
    const added = newOrdinals.filter((o) => o >= oldStart + oldReplicas);
    const order = parallel ? 'all at once (Parallel)' : 'one at a time in ordinal order, each after the one before is Running and Ready (OrderedReady)';
    const pvcs = pvcsOf(added);
    change(
      'scale-up',
      ['spec', 'replicas'],
      `scale up ${oldReplicas} → ${newReplicas}: creates ${names(podsOf(added))}`,
      `Scale-up from ${oldReplicas} (at ${ctx.revision}) to ${newReplicas}: ${names(podsOf(added))} ${added.length === 1 ? 'is created' : `are created ${order}`}` +
        (pvcs.length ? `, with PVCs ${names(pvcs, 'PVC')} (created empty, or mounted again when a scale-down left them behind).` : '.'),
    );
  }

  const templateDiff = firstDifference(canonGeneric(getPath(baseSpec, 'template')), canonGeneric(getPath(spec, 'template')));
  const templateChanged = templateDiff !== undefined;
  const templatePath: PlanPath = ['spec', 'template', ...(templateDiff ?? [])];
  const type = id.update.type.value;
  const baseType = baseId.update.type.value;
  if (type !== baseType) {
    change(
      'update-strategy',
      ['spec', 'updateStrategy', 'type'],
      `updateStrategy ${baseType} → ${type}`,
      type === 'OnDelete'
        ? `spec.updateStrategy.type changed from RollingUpdate (at ${ctx.revision}) to OnDelete: template changes no longer replace pods; each pod takes the current template only when you delete it.`
        : `spec.updateStrategy.type changed from OnDelete (at ${ctx.revision}) to RollingUpdate: pods that do not run the current template are replaced now, highest ordinal first.`,
    );
  }
  const cut = newStart + Math.max(0, id.update.partition.value);
  const updating = newOrdinals.filter((o) => o >= cut).reverse();
  const staying = newOrdinals.filter((o) => o < cut);
  if (templateChanged) {
    if (type === 'OnDelete') {
      change(
        'on-delete',
        templatePath,
        'template changed: OnDelete, no pod is replaced until deleted',
        `${formatPath(templatePath)} changed and updateStrategy is OnDelete: apply replaces no pod. Each pod takes the new template only when you delete it (kubectl delete pod ${id.name}-${newOrdinals[newOrdinals.length - 1] ?? newStart}); new pods from a scale-up get it at once.`,
      );
    } else if (newReplicas > 0) {
      const burst = maxUnavailableOf(ctx);
      const pace = burst > 1 ? `up to ${burst} at a time (maxUnavailable ${shownMaxUnavailable(ctx)}, Parallel)` : 'one at a time: each waits until the one before is Running and Ready';
      const message =
        `${formatPath(templatePath)} changed: a rolling update replaces ${updating.length ? `${names(podsOf(updating))}, in that order (highest ordinal first), ${pace}` : 'no pod'}` +
        (id.update.partition.value > 0 ? `; ${staying.length ? `${names(podsOf(staying))} keep${staying.length === 1 ? 's' : ''} the old template (below partition ${id.update.partition.value}), even when deleted` : `partition ${id.update.partition.value} is not above any ordinal`}.` : '.') +
        (updating.length && id.update.partition.value > 0 && staying.length ? ' Lower the partition to roll out further.' : '');
      change('rolling-update', templatePath, updating.length ? `rolling update ${rolloutRange(podsOf(updating))}` : `template changed: partition ${id.update.partition.value} keeps every pod`, message);
    }
  }
  if (type === 'RollingUpdate' && baseType === 'RollingUpdate') {
    const before = baseId.update.partition.value;
    const after = id.update.partition.value;
    if (before !== after) {
      const oldCut = oldStart + Math.max(0, before);
      const moved = after < before
        ? newOrdinals.filter((o) => o >= cut && o < oldCut).reverse()
        : newOrdinals.filter((o) => o >= oldCut && o < cut);
      const message = after < before
        ? `spec.updateStrategy.rollingUpdate.partition lowered from ${before} (at ${ctx.revision}) to ${after}: ${moved.length ? `${names(podsOf(moved))} ${moved.length === 1 ? 'enters' : 'enter'} the update range; ${moved.length === 1 ? 'it is' : 'they are'} replaced now if ${moved.length === 1 ? 'it runs' : 'they run'} an older template, highest ordinal first.` : 'no pod enters the update range.'}`
        : `spec.updateStrategy.rollingUpdate.partition raised from ${before} (at ${ctx.revision}) to ${after}: ${moved.length ? `${names(podsOf(moved))} ${moved.length === 1 ? 'leaves' : 'leave'} the update range and keep${moved.length === 1 ? 's' : ''} the template ${moved.length === 1 ? 'it runs' : 'they run'}, even when deleted.` : 'no pod leaves the update range.'}`;
      change('partition', ['spec', 'updateStrategy', 'rollingUpdate', 'partition'], `partition ${before} → ${after}`, message);
    }
    const mu = canonGeneric(getPath(spec, 'updateStrategy', 'rollingUpdate', 'maxUnavailable'));
    const baseMu = canonGeneric(getPath(baseSpec, 'updateStrategy', 'rollingUpdate', 'maxUnavailable'));
    if (!canonEqual(mu, baseMu)) {
      const show = (v: Canon | undefined) => (v === undefined ? (atLeast(version, 1, 35) ? '1 (the default)' : 'unset') : String(v));
      change(
        'max-unavailable',
        ['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'],
        `maxUnavailable ${show(baseMu)} → ${show(mu)}`,
        `spec.updateStrategy.rollingUpdate.maxUnavailable changed from ${show(baseMu)} (at ${ctx.revision}) to ${show(mu)}: ` +
          (!atLeast(version, 1, 35)
            ? `Kubernetes ${formatVersion(version)} drops the field unless the MaxUnavailableStatefulSet feature gate is on, so rolling updates stay one pod at a time.`
            : parallel
              ? `rolling updates now replace up to ${maxUnavailableOf(ctx)} pod${maxUnavailableOf(ctx) === 1 ? '' : 's'} at a time.`
              : 'with OrderedReady, rolling updates still go one pod at a time.'),
      );
    }
  }
  for (const which of ['whenScaled', 'whenDeleted'] as const) {
    const before = baseId.retention[which].value;
    const after = id.retention[which].value;
    if (before === after) continue;
    const pvcs = id.pods.flatMap((p) => p.pvcs);
    const what = which === 'whenScaled'
      ? after === 'Delete'
        ? 'from now on a scale-down deletes the PVCs of the pods it removes'
        : 'from now on a scale-down keeps the PVCs of the pods it removes'
      : after === 'Delete'
        ? `deleting the StatefulSet now deletes its PVCs${pvcs.length ? ` (${names(pvcs, 'PVC')})` : ''} too: the StatefulSet becomes their owner`
        : 'deleting the StatefulSet now keeps its PVCs';
    change(
      'retention',
      ['spec', 'persistentVolumeClaimRetentionPolicy', which],
      `${which} ${before} → ${after}`,
      `spec.persistentVolumeClaimRetentionPolicy.${which} changed from ${before} (at ${ctx.revision}) to ${after}: ${what}; the controller updates the PVCs' owner references, no pod is restarted.`,
    );
  }
  const mrs = nonNegativeInt(getPath(spec, 'minReadySeconds'), 0);
  const baseMrs = nonNegativeInt(getPath(baseSpec, 'minReadySeconds'), 0);
  if (mrs !== baseMrs) {
    change(
      'min-ready-seconds',
      ['spec', 'minReadySeconds'],
      `minReadySeconds ${baseMrs} → ${mrs}`,
      `spec.minReadySeconds changed from ${baseMrs} (at ${ctx.revision}) to ${mrs}: a new or replaced pod counts as available ${mrs === 0 ? 'as soon as it is Ready' : `after being Ready for ${mrs} seconds`}, which paces rollouts and OrderedReady scaling; no pod is restarted.`,
    );
  }
  if (atLeast(version, 1, 33)) {
    const rhl = asNumber(getPath(spec, 'revisionHistoryLimit')) ?? 10;
    const baseRhl = asNumber(getPath(baseSpec, 'revisionHistoryLimit')) ?? 10;
    if (rhl !== baseRhl) {
      change(
        'revision-history-limit',
        ['spec', 'revisionHistoryLimit'],
        `revisionHistoryLimit ${baseRhl} → ${rhl}`,
        `spec.revisionHistoryLimit changed from ${baseRhl} (at ${ctx.revision}) to ${rhl}: the controller keeps ${rhl < 0 ? 'every old ControllerRevision' : `${rhl} old ControllerRevision${rhl === 1 ? '' : 's'}`} for rollback; no pod is restarted (Kubernetes 1.33 and later accept this change).`,
      );
    }
  }
  return steps;
}

/** `rg-3 → rg-1`, or one name. */
function rolloutRange(pods: string[]): string {
  return pods.length === 1 ? pods[0] : `${pods[0]} → ${pods[pods.length - 1]}`;
}

/** How many pods a rolling update replaces at once: maxUnavailable with Parallel on 1.35+ (percentages round down, at least 1), else 1. */
function maxUnavailableOf(ctx: PlanContext): number {
  const mu = ctx.id.update.maxUnavailable?.value;
  if (mu === undefined || ctx.id.podManagementPolicy.value !== 'Parallel' || !atLeast(ctx.version, 1, 35)) return 1;
  if (typeof mu === 'number') return Number.isInteger(mu) && mu > 0 ? mu : 1;
  const m = /^(\d+)%$/.exec(mu);
  return m ? Math.max(1, Math.floor((ctx.id.replicas.value * Number(m[1])) / 100)) : 1;
}

function shownMaxUnavailable(ctx: PlanContext): string {
  return String(ctx.id.update.maxUnavailable?.value ?? 1);
}

/** The lens over the StatefulSet's name. */
function lensTitle(ctx: PlanContext, steps: PlanStep[]): string {
  const refused = steps.filter((s) => s.kind === 'refused');
  if (refused.length) {
    const fields = [...new Set(refused.map((s) => String(s.summary.split(/[ .[]/)[0])))];
    return `apply: refused — ${fields.join(', ')} changed`;
  }
  const renamed = steps.find((s) => s.kind === 'renamed');
  if (renamed) {
    const b = ctx.base;
    return b.name !== ctx.id.name ? `apply: new StatefulSet (renamed from ${b.name}), old PVCs left behind` : `apply: new StatefulSet (moved from namespace ${b.namespace}), old PVCs left behind`;
  }
  const parts: string[] = [];
  const diff = ctx.id.replicas.value - ctx.baseId.replicas.value;
  for (const s of steps) {
    if (s.kind === 'scale-up' || s.kind === 'scale-down') parts.push(`${diff > 0 ? '+' : '−'}${plural(Math.abs(diff), 'pod')}`);
    else if (s.kind === 'rolling-update' || s.kind === 'on-delete' || s.kind === 'ordinals') parts.push(s.summary);
    else parts.push(s.summary);
  }
  return parts.length ? `apply: ${parts.join(', ')}` : `apply: no change (same as ${ctx.revision})`;
}
