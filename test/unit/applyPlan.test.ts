// The apply plan against a baseline (analysis/plan.ts), with the baseline texts as inputs: every field of
// ValidateStatefulSetUpdate changed alone is refused or allowed exactly as the API server decides (after
// defaulting, quantities by value, revisionHistoryLimit by target version), renames and moves, scaling,
// new ordinals, rollouts, strategy and retention changes, and the quick fix that restores the baseline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace, planFile, type AnalysisSettings, type FilePlan } from '../../server/src/analysis/index';
import { applyEdits } from '../../server/src/analysis/applyEdits';
import { canonQuantity } from '../../server/src/analysis/planCompare';

type Plain = Record<string, any>;

/** The StatefulSet every test starts from: the baseline, and the manifest before each test's change. */
function statefulSet(): Plain {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web' },
    spec: {
      serviceName: 'web',
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', volumeMounts: [{ name: 'www', mountPath: '/data' }] }] },
      },
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  };
}

const URI = 'file:///repo/web.yaml';

function plan(base: string | Plain, current: string | Plain, settings: Partial<AnalysisSettings> = {}, extra: Record<string, string> = {}): { ws: ManifestWorkspace; plan: FilePlan; text: string } {
  const text = typeof current === 'string' ? current : stringify(current);
  const baseText = typeof base === 'string' ? base : stringify(base);
  const ws = new ManifestWorkspace();
  ws.setFile(URI, text);
  for (const [uri, t] of Object.entries(extra)) ws.setFile(uri, t);
  ws.setBaseline('file:///repo/', { revision: 'HEAD', commit: 'a'.repeat(40), paths: new Set([URI]), texts: new Map([[URI, baseText]]) });
  return { ws, text, plan: planFile(ws, URI, { ...DEFAULT_ANALYSIS_SETTINGS, ...settings }) };
}

/** `refused spec.serviceName` / `apply-plan rolling-update` per step, in plan order. */
function steps(p: FilePlan): string[] {
  return p.statefulSets.flatMap((s) => s.steps.map((step) => `${step.kind} ${step.summary}`));
}

function changed(edit: (s: Plain) => void): Plain {
  const s = statefulSet();
  edit(s);
  return s;
}

function refusedOnly(p: FilePlan): string[] {
  return p.statefulSets.flatMap((s) => s.steps.filter((x) => x.kind === 'refused').map((x) => x.summary.split(' ')[0]));
}

// ValidateStatefulSetUpdate, field by field (statefulset-rules.md §4, U2): what 1.35 accepts and refuses.
const FIELD_CASES: { field: string; edit: (s: Plain) => void; refused: string[]; version?: string }[] = [
  { field: 'replicas', edit: (s) => (s.spec.replicas = 5), refused: [] },
  { field: 'ordinals', edit: (s) => (s.spec.ordinals = { start: 1 }), refused: [] },
  { field: 'template', edit: (s) => (s.spec.template.spec.containers[0].image = 'nginx:1.28'), refused: [] },
  { field: 'updateStrategy', edit: (s) => (s.spec.updateStrategy = { type: 'OnDelete' }), refused: [] },
  { field: 'revisionHistoryLimit (1.35)', edit: (s) => (s.spec.revisionHistoryLimit = 3), refused: [] },
  { field: 'revisionHistoryLimit (1.32)', edit: (s) => (s.spec.revisionHistoryLimit = 3), refused: ['revisionHistoryLimit'], version: '1.32' },
  { field: 'revisionHistoryLimit written as its default (1.32)', edit: (s) => (s.spec.revisionHistoryLimit = 10), refused: [], version: '1.32' },
  { field: 'persistentVolumeClaimRetentionPolicy', edit: (s) => (s.spec.persistentVolumeClaimRetentionPolicy = { whenScaled: 'Delete' }), refused: [] },
  { field: 'minReadySeconds', edit: (s) => (s.spec.minReadySeconds = 10), refused: [] },
  { field: 'selector', edit: (s) => (s.spec.selector.matchLabels.tier = 'db'), refused: ['selector.matchLabels.tier'] },
  { field: 'selector as matchExpressions', edit: (s) => (s.spec.selector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] }), refused: ['selector.matchExpressions'] },
  { field: 'serviceName', edit: (s) => (s.spec.serviceName = 'web-headless'), refused: ['serviceName'] },
  { field: 'serviceName removed', edit: (s) => delete s.spec.serviceName, refused: ['serviceName'] },
  { field: 'podManagementPolicy', edit: (s) => (s.spec.podManagementPolicy = 'Parallel'), refused: ['podManagementPolicy'] },
  { field: 'podManagementPolicy written as its default', edit: (s) => (s.spec.podManagementPolicy = 'OrderedReady'), refused: [] },
  { field: 'volumeClaimTemplates storage', edit: (s) => (s.spec.volumeClaimTemplates[0].spec.resources.requests.storage = '2Gi'), refused: ['volumeClaimTemplates[0].spec.resources.requests.storage'] },
  { field: 'volumeClaimTemplates storage in another unit', edit: (s) => (s.spec.volumeClaimTemplates[0].spec.resources.requests.storage = '1024Mi'), refused: [] },
  { field: 'volumeClaimTemplates storageClassName ""', edit: (s) => (s.spec.volumeClaimTemplates[0].spec.storageClassName = ''), refused: ['volumeClaimTemplates[0].spec.storageClassName'] },
  { field: 'volumeClaimTemplates volumeMode Filesystem (the default)', edit: (s) => (s.spec.volumeClaimTemplates[0].spec.volumeMode = 'Filesystem'), refused: [] },
  { field: 'volumeClaimTemplates volumeMode Block', edit: (s) => (s.spec.volumeClaimTemplates[0].spec.volumeMode = 'Block'), refused: ['volumeClaimTemplates[0].spec.volumeMode'] },
  { field: 'volumeClaimTemplates accessModes', edit: (s) => s.spec.volumeClaimTemplates[0].spec.accessModes.push('ReadOnlyMany'), refused: ['volumeClaimTemplates[0].spec.accessModes'] },
  { field: 'volumeClaimTemplates labels', edit: (s) => (s.spec.volumeClaimTemplates[0].metadata.labels = { tier: 'db' }), refused: ['volumeClaimTemplates[0].metadata.labels'] },
  { field: 'volumeClaimTemplates empty labels', edit: (s) => (s.spec.volumeClaimTemplates[0].metadata.labels = {}), refused: [] },
  { field: 'volumeClaimTemplates apiVersion and kind', edit: (s) => Object.assign(s.spec.volumeClaimTemplates[0], { apiVersion: 'v1', kind: 'PersistentVolumeClaim' }), refused: [] },
  { field: 'a new claim template', edit: (s) => s.spec.volumeClaimTemplates.push({ metadata: { name: 'logs' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }), refused: ['volumeClaimTemplates'] },
];

for (const c of FIELD_CASES) {
  test(`changing ${c.field} alone is ${c.refused.length ? 'refused' : 'allowed'}, as the API server decides`, () => {
    const p = plan(statefulSet(), changed(c.edit), c.version ? { kubernetesVersion: c.version } : {});
    assert.deepEqual(refusedOnly(p.plan), c.refused);
  });
}

test('quantities compare by value: binary and decimal suffixes, fractions and exponents', () => {
  assert.equal(canonQuantity('1Gi'), canonQuantity('1024Mi'));
  assert.equal(canonQuantity('0.5Gi'), canonQuantity('512Mi'));
  assert.equal(canonQuantity('1G'), canonQuantity('1000M'));
  assert.equal(canonQuantity('1e3'), canonQuantity('1k'));
  assert.equal(canonQuantity('1500m'), canonQuantity('1.5'));
  assert.notEqual(canonQuantity('1G'), canonQuantity('1Gi'));
  assert.equal(canonQuantity('10GB'), undefined);
});

test('a refused serviceName names the field and its old value, quotes the API server, and gives the way out', () => {
  const p = plan(statefulSet(), changed((s) => (s.spec.serviceName = 'web-headless')));
  const step = p.plan.statefulSets[0].steps[0];
  assert.equal(step.ruleId, 'immutable-field-changed');
  assert.equal(step.severity, 'error');
  assert.equal(p.text.slice(step.span.start, step.span.end), 'web-headless');
  assert.equal(
    step.message,
    `spec.serviceName changed from "web" (at HEAD) to "web-headless": the API server refuses this update with "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden". To change it, delete the StatefulSet but keep its pods and PVCs: kubectl delete statefulset web --cascade=orphan, then apply; the new StatefulSet adopts the running pods (its selector still matches their labels) and reuses their PVCs by name. The adopted pods keep their DNS names under the old Service until they are recreated.`,
  );
  assert.equal(p.plan.statefulSets[0].lens, 'apply: refused — serviceName changed');
  assert.equal(p.plan.findings.length, 1);
  assert.equal(p.plan.findings[0].fixes?.[0].title, "Change back to 'web' (HEAD)");
});

test('a selector that no longer matches the running pods says they are not adopted after the orphaning delete', () => {
  const p = plan(statefulSet(), changed((s) => {
    s.spec.selector.matchLabels = { app: 'web2' };
    s.spec.template.metadata.labels = { app: 'web2' };
    s.metadata.namespace = undefined;
  }));
  const step = p.plan.statefulSets[0].steps.find((s) => s.kind === 'refused')!;
  assert.match(step.message, /^spec\.selector\.matchLabels\.app changed from "web" \(at HEAD\) to "web2": /);
  assert.match(step.message, /the new selector does not match the running pods' labels \{"app":"web"\}, so they are NOT adopted: they keep running unmanaged, and new pods of the same names cannot be created until you delete them/);
});

test('the API server message follows the target version (revisionHistoryLimit, ordinals and minReadySeconds arrived over time)', () => {
  const p = plan(statefulSet(), changed((s) => (s.spec.serviceName = 'db')), { kubernetesVersion: '1.25' });
  assert.match(p.plan.statefulSets[0].steps[0].message, /"spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"/);
  const namespaced = plan(changed((s) => (s.metadata.namespace = 'shop')), changed((s) => ((s.metadata.namespace = 'shop'), (s.spec.podManagementPolicy = 'Parallel'))));
  assert.match(namespaced.plan.statefulSets[0].steps[0].message, /kubectl delete statefulset web -n shop --cascade=orphan/);
  assert.match(namespaced.plan.statefulSets[0].steps[0].message, /^spec\.podManagementPolicy changed from OrderedReady \(at HEAD, the default when unset\) to "Parallel"/);
});

test('a larger claim template names the PVCs that keep their size and how to resize them', () => {
  const p = plan(statefulSet(), changed((s) => (s.spec.volumeClaimTemplates[0].spec.resources.requests.storage = '5Gi')));
  const step = p.plan.statefulSets[0].steps[0];
  assert.equal(p.text.slice(step.span.start, step.span.end), '5Gi');
  assert.match(step.message, /^spec\.volumeClaimTemplates\[0\]\.spec\.resources\.requests\.storage changed from "1Gi" \(at HEAD\) to "5Gi": /);
  assert.match(step.message, /the existing PVCs \(www-web-0, www-web-1, www-web-2\) keep their old spec; only PVCs created from now on get the new template\. To resize the existing volumes, edit each PVC's spec\.resources\.requests\.storage/);
});

test('each refused field has a quick fix that restores the baseline; applying it leaves no error or warning of the plan', () => {
  const edits: ((s: Plain) => void)[] = [
    (s) => (s.spec.serviceName = 'web-headless'),
    (s) => (s.spec.podManagementPolicy = 'Parallel'),
    (s) => (s.spec.volumeClaimTemplates[0].spec.resources.requests.storage = '2Gi'),
    (s) => s.spec.volumeClaimTemplates[0].spec.accessModes.push('ReadOnlyMany'),
    (s) => s.spec.volumeClaimTemplates.push({ metadata: { name: 'logs' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }),
    (s) => (s.spec.selector.matchExpressions = [{ key: 'tier', operator: 'Exists' }]),
    (s) => delete s.spec.serviceName,
    (s) => (s.metadata.name = 'web-v2'),
  ];
  for (const edit of edits) {
    const p = plan(statefulSet(), changed(edit));
    const finding = p.plan.findings.find((f) => f.severity === 'error' || f.severity === 'warning');
    assert.ok(finding?.fixes?.[0], `no fix for ${JSON.stringify(changed(edit).spec)}`);
    const fixed = applyEdits(p.text, finding.fixes[0].edits);
    assert.ok(fixed.ok);
    const again = plan(statefulSet(), fixed.text);
    assert.deepEqual(steps(again.plan), [], `after "${finding.fixes[0].title}":\n${fixed.text}`);
    assert.deepEqual(again.ws.analyzeFile(URI, DEFAULT_ANALYSIS_SETTINGS).findings.filter((f) => f.severity === 'error').map((f) => f.ruleId), []);
  }
});

test('restoring a field the manifest removed adds it back at its indentation', () => {
  const base = stringify(changed((s) => (s.spec.podManagementPolicy = 'Parallel')));
  const p = plan(base, statefulSet());
  const fix = p.plan.findings[0].fixes![0];
  assert.equal(fix.title, "Change back to 'Parallel' (HEAD)");
  const fixed = applyEdits(p.text, fix.edits);
  assert.ok(fixed.ok && fixed.text.includes('\n  podManagementPolicy: Parallel\n'));
  assert.deepEqual(steps(plan(base, fixed.text).plan), []);
});

test('a rename is a new StatefulSet: new pods and empty PVCs listed, the old PVCs left behind listed', () => {
  const p = plan(statefulSet(), changed((s) => (s.metadata.name = 'web-v2')));
  const sts = p.plan.statefulSets[0];
  assert.deepEqual(sts.baseline, { name: 'web', namespace: 'default', uri: URI });
  assert.equal(sts.steps.length, 1);
  assert.equal(sts.steps[0].ruleId, 'statefulset-renamed');
  assert.equal(sts.steps[0].severity, 'warning');
  assert.equal(
    sts.steps[0].message,
    'Renamed from web (at HEAD) to web-v2: apply creates a new StatefulSet with new pods web-v2-0, web-v2-1, web-v2-2 and new, empty PVCs www-web-v2-0, www-web-v2-1, www-web-v2-2. It does not delete StatefulSet web: both run until you delete the old one, and its PVCs www-web-0, www-web-1, www-web-2 stay behind, unused by the new pods. To keep the data, keep the name web.',
  );
  assert.equal(sts.lens, 'apply: new StatefulSet (renamed from web), old PVCs left behind');
});

test('a namespace move is a rename too, and its fix restores the namespace', () => {
  const p = plan(statefulSet(), changed((s) => (s.metadata.namespace = 'shop')));
  const step = p.plan.statefulSets[0].steps[0];
  assert.equal(step.kind, 'renamed');
  assert.match(step.message, /^Moved from namespace default \(at HEAD\) to shop: apply creates a new StatefulSet/);
});

test('a StatefulSet moved to another file keeps its identity: matched by namespace and name across the tree', () => {
  const ws = new ManifestWorkspace();
  ws.setFile('file:///repo/new.yaml', stringify(changed((s) => (s.spec.replicas = 4))));
  ws.setFile('file:///repo/web.yaml', '# moved to new.yaml\n');
  ws.setBaseline('file:///repo/', { revision: 'HEAD', commit: 'a'.repeat(40), paths: new Set([URI]), texts: new Map([[URI, stringify(statefulSet())]]) });
  const p = planFile(ws, 'file:///repo/new.yaml', DEFAULT_ANALYSIS_SETTINGS);
  assert.deepEqual(steps(p), ['scale-up scale up 3 → 4: creates web-3']);
  assert.deepEqual(p.statefulSets[0].baseline, { name: 'web', namespace: 'default', uri: URI });
});

test('a StatefulSet new since the baseline, or in a file new since it, has no plan and one line saying why', () => {
  const ws = new ManifestWorkspace();
  ws.setFile('file:///repo/db.yaml', stringify(changed((s) => (s.metadata.name = 'db'))));
  ws.setBaseline('file:///repo/', { revision: 'origin/main', commit: 'a'.repeat(40), paths: new Set([URI]), texts: new Map([[URI, stringify(statefulSet())]]) });
  const p = planFile(ws, 'file:///repo/db.yaml', DEFAULT_ANALYSIS_SETTINGS);
  assert.equal(p.statefulSets[0].note, 'db.yaml is new since origin/main: apply creates StatefulSet db with 3 pods.');
  assert.deepEqual(p.findings, []);
  ws.setBaseline('file:///repo/', { revision: 'HEAD', reason: 'No apply plan: /repo is not in a git repository.' });
  assert.equal(planFile(ws, 'file:///repo/db.yaml', DEFAULT_ANALYSIS_SETTINGS).note, 'No apply plan: /repo is not in a git repository.');
  ws.setBaseline('file:///repo/', undefined);
  assert.equal(planFile(ws, 'file:///repo/db.yaml', DEFAULT_ANALYSIS_SETTINGS).revision, undefined);
});

test('scale-down lists the pods in deletion order and warns when whenScaled: Delete deletes their PVCs', () => {
  const retained = plan(changed((s) => (s.spec.replicas = 5)), statefulSet());
  assert.equal(retained.plan.findings[0].ruleId, 'statefulset-scale-down');
  assert.equal(retained.plan.findings[0].severity, 'information');
  assert.equal(
    retained.plan.findings[0].message,
    'Scale-down from 5 (at HEAD) to 3: web-4, web-3 are deleted one at a time, highest ordinal first, each after the one above has terminated (OrderedReady). Their PVCs www-web-4, www-web-3 are kept (whenScaled: Retain) and are mounted again if those ordinals come back.',
  );
  const deleting = plan(changed((s) => (s.spec.replicas = 5)), changed((s) => (s.spec.persistentVolumeClaimRetentionPolicy = { whenScaled: 'Delete' })));
  const down = deleting.plan.statefulSets[0].steps.find((s) => s.kind === 'scale-down')!;
  assert.equal(down.severity, 'warning');
  assert.match(down.message, /whenScaled: Delete deletes their PVCs www-web-4, www-web-3: the data on them is lost\.$/);
  assert.equal(deleting.plan.statefulSets[0].lens, 'apply: −2 pods, whenScaled Retain → Delete');
  const parallel = plan(changed((s) => ((s.spec.replicas = 5), (s.spec.podManagementPolicy = 'Parallel'))), changed((s) => (s.spec.podManagementPolicy = 'Parallel')));
  assert.match(parallel.plan.findings[0].message, /web-4, web-3 are deleted all at once \(Parallel\)/);
});

test('scale-up and a template change: new pods first, then the rolling update from the highest ordinal to the partition', () => {
  const p = plan(
    changed((s) => ((s.metadata.name = 'rg'), (s.spec.replicas = 2), (s.spec.updateStrategy = { rollingUpdate: { partition: 1 } }))),
    changed((s) => ((s.metadata.name = 'rg'), (s.spec.replicas = 4), (s.spec.updateStrategy = { rollingUpdate: { partition: 1 } }), (s.spec.template.spec.containers[0].image = 'nginx:1.28'))),
  );
  const sts = p.plan.statefulSets[0];
  assert.equal(sts.lens, 'apply: +2 pods, rolling update rg-3 → rg-1');
  const rollout = sts.steps.find((s) => s.kind === 'rolling-update')!;
  assert.equal(p.text.slice(rollout.span.start, rollout.span.end), 'nginx:1.28');
  assert.equal(
    rollout.message,
    'spec.template.spec.containers[0].image changed: a rolling update replaces rg-3, rg-2, rg-1, in that order (highest ordinal first), one at a time: each waits until the one before is Running and Ready; rg-0 keeps the old template (below partition 1), even when deleted. Lower the partition to roll out further.',
  );
});

test('with Parallel and maxUnavailable a rollout replaces several pods at once; with OnDelete nothing until pods are deleted', () => {
  const burst = plan(
    changed((s) => ((s.spec.podManagementPolicy = 'Parallel'), (s.spec.updateStrategy = { rollingUpdate: { maxUnavailable: 2 } }))),
    changed((s) => ((s.spec.podManagementPolicy = 'Parallel'), (s.spec.updateStrategy = { rollingUpdate: { maxUnavailable: 2 } }), (s.spec.template.metadata.labels.version = '2'))),
  );
  assert.match(burst.plan.findings[0].message, /replaces web-2, web-1, web-0, in that order \(highest ordinal first\), up to 2 at a time \(maxUnavailable 2, Parallel\)\.$/);
  const onDelete = plan(changed((s) => (s.spec.updateStrategy = { type: 'OnDelete' })), changed((s) => ((s.spec.updateStrategy = { type: 'OnDelete' }), (s.spec.template.spec.containers[0].image = 'nginx:1.28'))));
  assert.equal(
    onDelete.plan.findings[0].message,
    'spec.template.spec.containers[0].image changed and updateStrategy is OnDelete: apply replaces no pod. Each pod takes the new template only when you delete it (kubectl delete pod web-2); new pods from a scale-up get it at once.',
  );
  assert.equal(onDelete.plan.statefulSets[0].lens, 'apply: template changed: OnDelete, no pod is replaced until deleted');
});

test('a new ordinals.start deletes and creates pods: which keep their names, which PVCs are left', () => {
  const p = plan(statefulSet(), changed((s) => (s.spec.ordinals = { start: 1 })));
  const step = p.plan.statefulSets[0].steps[0];
  assert.equal(step.kind, 'ordinals');
  assert.equal(step.severity, 'warning');
  assert.equal(
    step.message,
    'spec.ordinals.start changed from 0 (at HEAD) to 1: the pods are numbered anew; web-0 is deleted, highest ordinal first. Their PVCs www-web-0 are kept (whenScaled: Retain) and are mounted again if those ordinals come back. web-3 is created with PVCs www-web-3 (new and empty unless left from before). web-1, web-2 keep their names.',
  );
  const all = plan(statefulSet(), changed((s) => (s.spec.ordinals = { start: 10 })));
  assert.match(all.plan.statefulSets[0].steps[0].message, / No pod keeps its name\.$/);
});

test('strategy, partition and retention changes say what they do; an unchanged manifest has no step', () => {
  const p = plan(
    changed((s) => (s.spec.updateStrategy = { rollingUpdate: { partition: 2 } })),
    changed((s) => ((s.spec.updateStrategy = { rollingUpdate: { partition: 0 } }), (s.spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Delete' }))),
  );
  assert.deepEqual(steps(p.plan), ['partition partition 2 → 0', 'retention whenDeleted Retain → Delete']);
  assert.match(p.plan.findings[0].message, /partition lowered from 2 \(at HEAD\) to 0: web-1, web-0 enter the update range; they are replaced now if they run an older template, highest ordinal first\./);
  assert.match(p.plan.findings[1].message, /deleting the StatefulSet now deletes its PVCs \(www-web-0, www-web-1, www-web-2\) too/);
  const toOnDelete = plan(statefulSet(), changed((s) => (s.spec.updateStrategy = { type: 'OnDelete' })));
  assert.deepEqual(steps(toOnDelete.plan), ['update-strategy updateStrategy RollingUpdate → OnDelete']);
  const same = plan(statefulSet(), `# reformatted\n${stringify(statefulSet(), { indentSeq: false })}`);
  assert.deepEqual(steps(same.plan), []);
  assert.equal(same.plan.statefulSets[0].lens, 'apply: no change (same as HEAD)');
});

test('rule settings and suppression comments apply to the plan as to every rule', () => {
  const p = plan(statefulSet(), changed((s) => (s.spec.serviceName = 'db')), { rules: { 'immutable-field-changed': 'warning' } });
  assert.equal(p.plan.findings[0].severity, 'warning');
  const off = plan(statefulSet(), changed((s) => (s.spec.serviceName = 'db')), { rules: { 'immutable-field-changed': 'off' } });
  assert.deepEqual(off.plan.findings, []);
  const text = stringify(changed((s) => (s.spec.serviceName = 'db'))).replace('  serviceName: db', '  # statefulset-lens-disable-next-line immutable-field-changed\n  serviceName: db');
  assert.deepEqual(plan(statefulSet(), text).plan.findings, []);
});

test('a Helm template gets no plan, with one line why', () => {
  const text = stringify(statefulSet()).replace('replicas: 3', 'replicas: {{ .Values.replicas }}');
  const p = plan(statefulSet(), text);
  assert.equal(p.plan.note, 'This file is a Helm template: the apply plan needs the rendered manifests (helm template), so there is none.');
  assert.deepEqual(p.plan.findings, []);
});
