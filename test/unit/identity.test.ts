import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace, type StatefulSetIdentity } from '../../server/src/analysis/index';
import { examplesDir } from '../support/paths';

const example = readFileSync(path.join(examplesDir, 'random-generator.yaml'), 'utf8');

function identities(files: Record<string, string>, settings = DEFAULT_ANALYSIS_SETTINGS): StatefulSetIdentity[] {
  const ws = new ManifestWorkspace();
  for (const [uri, t] of Object.entries(files)) ws.setFile(uri, t);
  return Object.keys(files).flatMap((uri) => ws.analyzeFile(uri, settings).identities);
}

/** The example with its StatefulSet spec edited by a find/replace. */
const edited = (...pairs: [string, string][]) => pairs.reduce((t, [a, b]) => (t.includes(a) ? t.replace(a, b) : assert.fail(`missing ${a}`)), example);

test('the bundled example produces pods rg-0 and rg-1 with PVCs, DNS and SRV names through its headless Service', () => {
  const [id] = identities({ 'rg.yaml': example });
  assert.equal(id.name, 'rg');
  assert.deepEqual(id.pods, [
    { ordinal: 0, name: 'rg-0', dns: 'rg-0.random-generator.default.svc.cluster.local', pvcs: ['logs-rg-0'] },
    { ordinal: 1, name: 'rg-1', dns: 'rg-1.random-generator.default.svc.cluster.local', pvcs: ['logs-rg-1'] },
  ]);
  assert.equal(id.serviceDns, 'random-generator.default.svc.cluster.local');
  assert.deepEqual(id.srvRecords, [{ portName: 'http', protocol: 'tcp', port: 8080, record: '_http._tcp.random-generator.default.svc.cluster.local' }]);
  assert.equal(id.service?.headless, true);
  assert.deepEqual(id.claimTemplates.map((c) => [c.name, c.pvcs, c.storage, c.accessModes]), [['logs', ['logs-rg-0', 'logs-rg-1'], '10Mi', ['ReadWriteOnce']]]);
  assert.deepEqual(id.startOrder, [['rg-0'], ['rg-1']]);
  assert.deepEqual(id.scaleDownOrder, [['rg-1'], ['rg-0']]);
  assert.deepEqual([id.update.updated, id.update.kept], [['rg-1', 'rg-0'], []]);
  assert.deepEqual(id.retention.onScaleDown, { pod: 'rg-1', pvcs: [{ pvc: 'logs-rg-1', action: 'Retain' }] });
  assert.deepEqual(id.retention.onDelete, [
    { pvc: 'logs-rg-0', action: 'Retain' },
    { pvc: 'logs-rg-1', action: 'Retain' },
  ]);
});

test('derived values keep the span of the node they come from; defaults have none', () => {
  const [id] = identities({ 'rg.yaml': example });
  assert.equal(example.slice(id.nameSpan.start, id.nameSpan.end), 'rg');
  assert.equal(example.slice(id.replicas.span!.start, id.replicas.span!.end), '2');
  assert.equal(example.slice(id.serviceName.span!.start, id.serviceName.span!.end), 'random-generator');
  assert.equal(example.slice(id.claimTemplates[0].span.start, id.claimTemplates[0].span.end), 'logs');
  assert.equal(id.startOrdinal.span, undefined);
  assert.equal(id.update.partition.span, undefined);
  assert.equal(id.podManagementPolicy.span, undefined);
});

test('ordinals.start 5 with 3 replicas gives rg-5..rg-7, and partition 1 updates rg-7, rg-6 while rg-5 keeps the old revision', () => {
  const src = edited(['  replicas: 2\n', '  replicas: 3\n  ordinals: {start: 5}\n  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate: {partition: 1}\n']);
  const [id] = identities({ 'rg.yaml': src });
  assert.deepEqual(id.pods.map((p) => p.name), ['rg-5', 'rg-6', 'rg-7']);
  assert.deepEqual(id.claimTemplates[0].pvcs, ['logs-rg-5', 'logs-rg-6', 'logs-rg-7']);
  assert.deepEqual(id.update.updated, ['rg-7', 'rg-6']);
  assert.deepEqual(id.update.kept, ['rg-5']);
  assert.deepEqual(id.retention.onScaleDown.pod, 'rg-7');
});

test('Parallel starts and removes all pods in one step', () => {
  const [id] = identities({ 'rg.yaml': edited(['  replicas: 2\n', '  replicas: 3\n  podManagementPolicy: Parallel\n']) });
  assert.deepEqual(id.startOrder, [['rg-0', 'rg-1', 'rg-2']]);
  assert.deepEqual(id.scaleDownOrder, [['rg-2', 'rg-1', 'rg-0']]);
});

test('OnDelete updates no pod automatically', () => {
  const [id] = identities({ 'rg.yaml': edited(['  replicas: 2\n', '  replicas: 2\n  updateStrategy: {type: OnDelete}\n']) });
  assert.equal(id.update.type.value, 'OnDelete');
  assert.deepEqual(id.update.updated, []);
  assert.deepEqual(id.update.kept, ['rg-0', 'rg-1']);
});

test('the retention policy decides which PVCs go on scale-down and on delete', () => {
  const [id] = identities({
    'rg.yaml': edited(['  replicas: 2\n', '  replicas: 2\n  persistentVolumeClaimRetentionPolicy:\n    whenScaled: Delete\n    whenDeleted: Retain\n']),
  });
  assert.deepEqual(id.retention.onScaleDown, { pod: 'rg-1', pvcs: [{ pvc: 'logs-rg-1', action: 'Delete' }] });
  assert.deepEqual(id.retention.onDelete.map((o) => o.action), ['Retain', 'Retain']);
});

test('an empty serviceName gives no DNS names and no Service', () => {
  const [id] = identities({ 'rg.yaml': edited(['  serviceName: random-generator\n', '  serviceName: ""\n']) });
  assert.equal(id.serviceName.value, '');
  assert.equal(id.serviceDns, undefined);
  assert.deepEqual(id.pods.map((p) => p.dns), [undefined, undefined]);
  assert.equal(id.service, undefined);
});

test('the cluster domain and the default namespace come from the settings', () => {
  const [id] = identities({ 'rg.yaml': example }, { ...DEFAULT_ANALYSIS_SETTINGS, clusterDomain: 'corp.example', defaultNamespace: 'team' });
  assert.equal(id.pods[1].dns, 'rg-1.random-generator.team.svc.corp.example');
  assert.equal(id.srvRecords[0].record, '_http._tcp.random-generator.team.svc.corp.example');
  assert.equal(id.service?.namespace, 'team');
});

test('a replicas override (what-if) changes the pods but not the declared spans', () => {
  const ws = new ManifestWorkspace();
  ws.setFile('rg.yaml', example);
  const sts = ws.getFile('rg.yaml')!.resources.find((r) => r.recognized === 'StatefulSet')!;
  const id = ws.identityOf(sts, DEFAULT_ANALYSIS_SETTINGS, 4);
  assert.deepEqual(id.pods.map((p) => p.name), ['rg-0', 'rg-1', 'rg-2', 'rg-3']);
  assert.equal(id.replicas.value, 4);
});

test('replicas 0 yields no pods and nothing to scale down; missing replicas defaults to 1', () => {
  const [zero] = identities({ 'a.yaml': edited(['  replicas: 2\n', '  replicas: 0\n']) });
  assert.deepEqual(zero.pods, []);
  assert.deepEqual(zero.retention.onScaleDown, { pod: undefined, pvcs: [] });
  const [one] = identities({ 'b.yaml': edited(['  replicas: 2\n', '']) });
  assert.deepEqual(one.pods.map((p) => p.name), ['rg-0']);
  assert.equal(one.replicas.span, undefined);
});

test('a huge replicas count lists at most 1000 pods but keeps the true count', () => {
  const [id] = identities({ 'a.yaml': edited(['  replicas: 2\n', '  replicas: 50000000\n']) });
  assert.equal(id.replicas.value, 50000000);
  assert.equal(id.pods.length, 1000);
  assert.deepEqual(id.retention.onScaleDown, { pod: 'rg-49999999', pvcs: [{ pvc: 'logs-rg-49999999', action: 'Retain' }] });
});

test('many claim templates list fewer pods, at most 20,000 PVC names in all, and keep the true count and highest pod', () => {
  const claims = Array.from({ length: 5000 }, (_, i) => `    - metadata:\n        name: c${i}\n      spec:\n        accessModes: [ReadWriteOnce]\n        resources: {requests: {storage: 1Gi}}\n`).join('');
  const [id] = identities({ 'a.yaml': edited(['  replicas: 2\n', '  replicas: 1000\n'], ['  volumeClaimTemplates:\n', `  volumeClaimTemplates:\n${claims}`]) });
  assert.equal(id.replicas.value, 1000);
  assert.equal(id.claimTemplates.length, 5001);
  assert.equal(id.pods.length, 3);
  assert.deepEqual(id.pods.map((p) => [p.name, p.pvcs.length, p.pvcs[0]]), [['rg-0', 5001, 'c0-rg-0'], ['rg-1', 5001, 'c0-rg-1'], ['rg-2', 5001, 'c0-rg-2']]);
  assert.equal(id.retention.onDelete.length, 3 * 5001);
  assert.equal(id.retention.onScaleDown.pod, 'rg-999');
  assert.equal(id.retention.onScaleDown.pvcs.length, 5001);
});

test('SRV records use the lower-case protocol and skip unnamed ports', () => {
  const src = edited(['    - name: http\n      port: 8080\n', '    - name: dns\n      port: 53\n      protocol: UDP\n    - port: 9000\n']);
  const [id] = identities({ 'rg.yaml': src });
  assert.deepEqual(id.srvRecords.map((s) => s.record), ['_dns._udp.random-generator.default.svc.cluster.local']);
});

test('fields given by Helm template expressions are listed as templated and shown with their defaults', () => {
  const src = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  serviceName: web\n  replicas: {{ .Values.replicas }}\n  podManagementPolicy: {{ .Values.policy }}\n';
  const [id] = identities({ '/chart/templates/web.yaml': src });
  assert.deepEqual(id.templated, [
    { field: 'replicas', expression: '{{ .Values.replicas }}' },
    { field: 'podManagementPolicy', expression: '{{ .Values.policy }}' },
  ]);
  assert.deepEqual(id.pods.map((p) => p.name), ['web-0']);
  assert.equal(identities({ 'plain.yaml': example })[0].templated, undefined);
});

test('beyond the listing cap, scale-down and rolling-update orders start at the true highest ordinal', () => {
  const src = edited(['  replicas: 2\n', '  replicas: 1500\n  updateStrategy:\n    rollingUpdate: {partition: 1400}\n']);
  const [id] = identities({ 'big.yaml': src });
  assert.equal(id.pods.length, 1000);
  assert.deepEqual(id.scaleDownOrder.slice(0, 2), [['rg-1499'], ['rg-1498']]);
  assert.equal(id.scaleDownOrder.length, 1000);
  assert.deepEqual(id.update.updated.slice(0, 2), ['rg-1499', 'rg-1498']);
  assert.equal(id.update.updated.length, 100);
  assert.equal(id.update.updated[99], 'rg-1400');
  assert.deepEqual(id.startOrder[0], ['rg-0']);
});

test('a templated name and serviceName are listed in templatedNames, and no Service is resolved through them', () => {
  const src = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: {{ include "app.name" . }}\nspec:\n  serviceName: {{ include "app.name" . }}-headless\n  replicas: 2\n';
  const [id] = identities({ '/chart/templates/web.yaml': src });
  assert.deepEqual(id.templatedNames, [
    { field: 'name', expression: '{{ include "app.name" . }}' },
    { field: 'serviceName', expression: '{{ include "app.name" . }}-headless' },
  ]);
  assert.equal(id.templated, undefined);
  assert.equal(id.service, undefined);
  assert.equal(identities({ 'plain.yaml': example })[0].templatedNames, undefined);
});

test('enum values the API server rejects are listed as invalid with their spans; templated, empty and valid ones are not', () => {
  const src = edited(['  replicas: 2\n', '  replicas: 2\n  podManagementPolicy: Paralel\n  updateStrategy:\n    type: ondelete\n  persistentVolumeClaimRetentionPolicy:\n    whenScaled: Delete\n    whenDeleted: delete\n']);
  const [id] = identities({ 'rg.yaml': src });
  const at = (s: string) => ({ start: src.indexOf(s), end: src.indexOf(s) + s.length });
  assert.deepEqual(id.invalid, [
    { field: 'podManagementPolicy', value: 'Paralel', allowed: ['OrderedReady', 'Parallel'], span: at('Paralel') },
    { field: 'updateStrategy.type', value: 'ondelete', allowed: ['RollingUpdate', 'OnDelete'], span: at('ondelete') },
    { field: 'persistentVolumeClaimRetentionPolicy.whenDeleted', value: 'delete', allowed: ['Retain', 'Delete'], span: { start: src.indexOf('whenDeleted: delete') + 13, end: src.indexOf('whenDeleted: delete') + 19 } },
  ]);
  assert.equal(id.podManagementPolicy.value, 'OrderedReady');
  const fine = edited(['  replicas: 2\n', '  replicas: 2\n  podManagementPolicy: ""\n  updateStrategy:\n    type: {{ .Values.strategy }}\n']);
  assert.equal(identities({ '/chart/templates/rg.yaml': fine })[0].invalid, undefined);
});
