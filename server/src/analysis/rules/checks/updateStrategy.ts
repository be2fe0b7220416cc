// Checks of spec.updateStrategy: the type enum (R6), rollingUpdate with OnDelete (R7), maxUnavailable's
// value rules (R9) and when it is ignored (feature gate before 1.35, OrderedReady), and a partition that
// leaves every pod on the old revision (O4, counted from ordinals.start).
import type { YMap, YNode } from '../../model';
import { asMap, asScalar, getPair, getPath, scalarText } from '../../yamlTree';
import type { LazyFixes, StatefulSetCheck, StatefulSetContext } from '../checkContext';
import { removePairEdit, typoFixes } from '../fixes';
import { atLeast, formatVersion } from '../kubernetesVersion';
import { isPercentString } from '../validators';
import { didYouMean, q, readInt } from './checkHelpers';

const UPDATE_TYPES = ['RollingUpdate', 'OnDelete'];

/** The effective update type: as written when valid, RollingUpdate when absent, undefined when invalid or templated. */
function updateType(ctx: StatefulSetContext): string | undefined {
  const node = getPath(ctx.spec, 'updateStrategy', 'type');
  if (!node) return 'RollingUpdate';
  if (ctx.templated(node)) return undefined;
  const s = asScalar(node);
  if (s && (s.value === null || s.value === '')) return 'RollingUpdate';
  const text = s ? String(s.value) : '';
  return UPDATE_TYPES.includes(text) ? text : undefined;
}

function strategyType(ctx: StatefulSetContext): void {
  const node = getPath(ctx.spec, 'updateStrategy', 'type');
  if (!node || ctx.templated(node)) return;
  const s = asScalar(node);
  if (s && (s.value === null || s.value === '')) return;
  const text = s ? String(s.value) : node.kind;
  if (UPDATE_TYPES.includes(text)) return;
  ctx.report(
    'invalid-update-strategy',
    node.span,
    `updateStrategy.type ${q(text)} is not valid: the API server rejects the StatefulSet (spec.updateStrategy must be 'RollingUpdate' or 'OnDelete').${didYouMean(text, UPDATE_TYPES)}`,
    undefined,
    s ? strategyTypeFixes(ctx.spec, node, text) : undefined,
  );
}

/** `Change to 'X'`; for OnDelete with a rollingUpdate block, also the block's removal (OnDelete forbids it). */
function strategyTypeFixes(spec: YMap | undefined, node: YNode, text: string): LazyFixes {
  return (file) => {
    const fixes = typoFixes(file, node, text, UPDATE_TYPES);
    const strategy = asMap(getPath(spec, 'updateStrategy'));
    const rolling = getPair(strategy, 'rollingUpdate');
    if (fixes.length === 0 || !strategy || !rolling || fixes[0].title !== "Change to 'OnDelete'" || asScalar(rolling.value)?.value === null) return fixes;
    const removal = removePairEdit(file, strategy, rolling);
    if (!removal) return [];
    return [{ ...fixes[0], title: "Change to 'OnDelete' and remove rollingUpdate", edits: [...fixes[0].edits, removal] }];
  };
}

function rollingUpdateWithOnDelete(ctx: StatefulSetContext): void {
  const strategy = getPath(ctx.spec, 'updateStrategy');
  const pair = getPair(strategy, 'rollingUpdate');
  if (!pair || updateType(ctx) !== 'OnDelete') return;
  if (asScalar(pair.value)?.value === null) return; // `rollingUpdate:` with nothing is decoded as absent
  const strategyMap = asMap(strategy);
  const removal = strategyMap && removePairEdit(ctx.file, strategyMap, pair);
  ctx.report(
    'rolling-update-with-on-delete',
    pair.key.span,
    "updateStrategy.rollingUpdate is set but updateStrategy.type is OnDelete: the API server rejects the StatefulSet (only allowed for updateStrategy 'RollingUpdate'). Remove rollingUpdate, or set type: RollingUpdate.",
    undefined,
    removal ? [{ title: 'Remove rollingUpdate', edits: [removal] }] : undefined,
  );
}

function maxUnavailable(ctx: StatefulSetContext): void {
  const node = getPath(ctx.spec, 'updateStrategy', 'rollingUpdate', 'maxUnavailable');
  if (!node || ctx.templated(node)) return;
  const s = asScalar(node);
  if (s?.value === null) return;
  // Before 1.35 the MaxUnavailableStatefulSet gate is off by default and the API server drops the field before
  // validating, so only what fails to decode (not an integer or a string) is rejected there; a value validation
  // would reject (0, negative, a bad percent) is dropped like any other.
  const gateOn = atLeast(ctx.version, 1, 35);
  const shown = s ? s.source : node.kind;
  const dropped = `maxUnavailable needs the MaxUnavailableStatefulSet feature gate, which is off by default before Kubernetes 1.35 (target ${formatVersion(ctx.version)}): the API server silently drops the field and rolling updates take down one pod at a time.`;
  const undecodable = (why: string) => ctx.report('invalid-max-unavailable', node.span, `updateStrategy.rollingUpdate.maxUnavailable ${shown} ${why}`);
  const bad = (why: string, remedy: string) => {
    if (gateOn) {
      ctx.report('invalid-max-unavailable', node.span, `updateStrategy.rollingUpdate.maxUnavailable ${shown} ${why}: the API server rejects the StatefulSet${remedy}`);
    } else if (updateType(ctx) === 'RollingUpdate') {
      ctx.report('max-unavailable-ignored', node.span, `${dropped} With the gate on (the default from 1.35) the value ${shown} is rejected: it ${why}. Remove maxUnavailable.`);
    }
  };
  let valid = false;
  if (!s || typeof s.value === 'boolean') {
    undecodable("must be an integer or a percentage (e.g. '5%'): the API server rejects the StatefulSet.");
  } else if (typeof s.value === 'number') {
    if (!Number.isInteger(s.value)) undecodable('must be a whole number or a percentage: the API server rejects the StatefulSet. Use e.g. 1 or "25%".');
    else if (s.value < 0) bad('is negative', ' (must be greater than or equal to 0). Use 1 (one pod at a time) or more.');
    else if (s.value === 0) bad('is 0', ' (cannot be 0), because a rolling update could then never take a pod down. Use 1 (one pod at a time) or more.');
    else valid = true;
  } else {
    const text = String(s.value);
    if (!isPercentString(text)) {
      const fixed = /^\s*\d+\s*%?\s*$/.test(text) ? ` Did you mean ${q(text.replace(/\s+/g, '').replace(/%?$/, '%'))}?` : '';
      bad('is not a valid percent string', ` (a percent is digits followed by '%', e.g. '25%').${fixed}`);
    } else {
      const pct = Number(text.slice(0, -1));
      if (pct === 0) bad('is 0%', ' (cannot be 0), because a rolling update could then never take a pod down. Use at least 1 or a percent above 0.');
      else if (pct > 100) bad('must not be greater than 100%', '. Use 100% at most.');
      else valid = true;
    }
  }
  // With OnDelete (or an invalid type) the rollingUpdate block is itself the problem: nothing more to say here.
  if (!valid || updateType(ctx) !== 'RollingUpdate') return;
  if (!gateOn) {
    ctx.report('max-unavailable-ignored', node.span, `${dropped} Enable the gate or remove maxUnavailable.`);
    return;
  }
  const policyNode = getPath(ctx.spec, 'podManagementPolicy');
  const policy = scalarText(policyNode) || 'OrderedReady';
  if (policy === 'OrderedReady' && !ctx.templated(policyNode)) {
    ctx.report(
      'max-unavailable-ignored',
      node.span,
      `maxUnavailable has little effect with podManagementPolicy OrderedReady${policyNode ? '' : ' (the default)'}: the controller still waits for each pod to be Running and Ready before the next one. Set podManagementPolicy: Parallel to update several pods at once, or remove maxUnavailable.`,
    );
  }
}

function partitionSkipsAll(ctx: StatefulSetContext): void {
  const node = getPath(ctx.spec, 'updateStrategy', 'rollingUpdate', 'partition');
  const r = readInt(node, ctx.templated(node));
  if (!r || r.kind !== 'int' || !node || updateType(ctx) !== 'RollingUpdate') return;
  const replicasNode = getPath(ctx.spec, 'replicas');
  if (ctx.templated(replicasNode)) return;
  const replicas = ctx.identity.replicas.value;
  const start = ctx.identity.startOrdinal.value;
  if (replicas <= 0 || r.value < replicas) return;
  const first = `${ctx.name}-${start}`;
  const last = `${ctx.name}-${start + replicas - 1}`;
  const pods = replicas === 1 ? `pod ${first}` : `pods ${first} … ${last}`;
  ctx.report(
    'partition-skips-all',
    node.span,
    `partition ${r.value} is not below replicas ${replicas}: only pods with ordinal ≥ ${start + r.value} are updated, so a template change rolls out to none of the ${pods}. Lower the partition (0 updates every pod) when you want the rollout to proceed.`,
  );
}

export const updateStrategyChecks: StatefulSetCheck[] = [
  { name: 'updateStrategyType', run: strategyType },
  { name: 'rollingUpdateWithOnDelete', run: rollingUpdateWithOnDelete },
  { name: 'maxUnavailable', run: maxUnavailable },
  { name: 'partitionSkipsAll', run: partitionSkipsAll },
];
