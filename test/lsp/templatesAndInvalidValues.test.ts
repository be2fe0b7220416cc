// What the editor views say about facts the manifest does not fix: a Helm template's fields (the elastic chart's
// StatefulSet, read in place from ../shared/corpus) are shown as templated and what follows as assumed, with no
// claim about a Service whose name is templated; an enum value the API server rejects is shown as rejected, never
// as the default. Also the preview model's problem order and what-if counts, and lens titles for long names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace } from '../../server/src/analysis/index';
import { producedHover } from '../../server/src/features/hoverInfo';
import { computeLenses, MAX_TITLE } from '../../server/src/features/lenses';
import { buildPreviewModel } from '../../server/src/features/previewModel';
import { RANDOM_GENERATOR } from '../support/lspFixtures';
import { corpusDir, corpusMissing } from '../support/paths';

const ELASTIC = 'elastic__helm-charts__elasticsearch__templates__statefulset.yaml';

function analyse(uri: string, text: string) {
  const ws = new ManifestWorkspace();
  ws.setFile(uri, text);
  const analysis = ws.analyzeFile(uri, DEFAULT_ANALYSIS_SETTINGS);
  const file = ws.getFile(uri)!;
  const id = analysis.identities[0]!;
  const hover = (at: string, delta = 2) => {
    const sts = file.resources.find((r) => r.recognized === 'StatefulSet')!;
    const offset = text.indexOf(at);
    assert.ok(offset >= 0, at);
    return producedHover(file, sts.node, id, offset + delta, (u) => u.slice(u.lastIndexOf('/') + 1))?.markdown;
  };
  return {
    model: buildPreviewModel(file, analysis, id, () => text),
    lenses: computeLenses(file, analysis.identities).map((l) => [l.range.start.line, l.command!.title, l.command!.tooltip]),
    hover,
  };
}

test('the elastic chart\'s StatefulSet: templated fields are listed with their .Values paths, no Service and no DNS names are claimed', { skip: corpusMissing }, () => {
  const text = readFileSync(path.join(corpusDir, ELASTIC), 'utf8');
  const { model } = analyse(`file:///chart/templates/${ELASTIC}`, text);
  assert.equal(model.template, true);
  assert.deepEqual(model.templated, [
    { field: 'name', source: '{{ template "elasticsearch.uname" . }}' },
    { field: 'serviceName', source: '{{ template "elasticsearch.uname" . }}-headless' },
    { field: 'replicas', source: '{{ .Values.replicas }}', values: '.Values.replicas' },
    { field: 'podManagementPolicy', source: '{{ .Values.podManagementPolicy }}', values: '.Values.podManagementPolicy' },
    { field: 'updateStrategy.type', source: '{{ .Values.updateStrategy }}', values: '.Values.updateStrategy' },
  ]);
  assert.equal(model.replicas, 1);
  assert.equal(model.service, undefined);
  assert.equal(model.serviceDns, undefined);
  assert.deepEqual(model.srvRecords, []);
  assert.deepEqual(model.pods.map((p) => [p.name, p.dns, p.pvcs]), [['<name>-0', undefined, ['<claim>-<name>-0']]]);
  assert.deepEqual(model.claimTemplates.map((c) => [c.name, c.pvcs]), [['<claim>', ['<claim>-<name>-0']]]);
  assert.deepEqual([model.startOrder, model.updateOrder, model.retention.onScaleDown.pod], [[['<name>-0']], ['<name>-0'], '<name>-0']);
  assert.equal(model.name, '{{ template "elasticsearch.uname" . }}');
  assert.equal(model.problems.some((p) => p.ruleId === 'service-not-found'), false);
});

test('the elastic chart\'s lenses: a banner, and pods, DNS, PVCs and update order said to be unknown until rendered', { skip: corpusMissing }, () => {
  const text = readFileSync(path.join(corpusDir, ELASTIC), 'utf8');
  const { lenses, hover } = analyse(`file:///chart/templates/${ELASTIC}`, text);
  assert.deepEqual(lenses.map(([line, title]) => [line, title]), [
    [4, 'Helm template — values not rendered'],
    [4, 'pods: unknown until rendered (replicas from .Values.replicas)'],
    [16, 'serviceName {{ tem…ess is templated: DNS names unknown until rendered'],
    [27, 'PVCs: names unknown until rendered'],
    [22, 'update strategy from .Values.updateStrategy: unknown until rendered'],
  ]);
  assert.equal(hover('replicas: {{'), '**Pods**: `replicas` comes from values `.Values.replicas`: their number is unknown until the chart is rendered. With replicas = 1 (assumed)');
  assert.equal(hover('podManagementPolicy: {{'), '`podManagementPolicy` comes from values `.Values.podManagementPolicy`: the start and scale-down order is unknown until the chart is rendered.');
  assert.equal(hover('name: {{'), '`metadata.name` is templated (`{{ template "elasticsearch.uname" . }}`): the pod and PVC names are unknown until the chart is rendered.');
  assert.equal(hover('serviceName: {{'), '`serviceName` is templated (`{{ template "elasticsearch.uname" . }}-headless`): the governing Service, and so the pods\' DNS names, are unknown until the chart is rendered.');
});

const TEMPLATE = RANDOM_GENERATOR.replace('  replicas: 2\n', '  replicas: {{ .Values.replicas }}\n');

test('a template with only replicas templated lists the pods it assumes, saying so in the lens and hover', () => {
  const { model, lenses, hover } = analyse('file:///chart/templates/rg.yaml', TEMPLATE);
  assert.deepEqual(model.templated, [{ field: 'replicas', source: '{{ .Values.replicas }}', values: '.Values.replicas' }]);
  assert.equal(model.service?.name, 'random-generator');
  assert.deepEqual(lenses.map(([, title]) => title), [
    'Helm template — values not rendered',
    'pods: rg-0 (assuming replicas = 1: .Values.replicas)',
    'DNS: rg-0.random-generator.default.svc.cluster.local (assuming replicas = 1: .Values.replicas)',
    'PVCs: logs-rg-0 (assuming replicas = 1: .Values.replicas)',
    'rolling update: rg-0 (assuming replicas = 1: .Values.replicas)',
  ]);
  assert.equal(hover('replicas:'), '**Pods**: `replicas` comes from values `.Values.replicas`: their number is unknown until the chart is rendered. With replicas = 1 (assumed): `rg-0`');
});

const PARALEL = RANDOM_GENERATOR.replace('  replicas: 2\n', '  replicas: 2\n  podManagementPolicy: Paralel\n  updateStrategy:\n    type: ondelete\n');

test('an invalid podManagementPolicy and update type are in the model as invalid, with their ranges, and the lens and hovers say the API server rejects them', () => {
  const { model, lenses, hover } = analyse('file:///rg.yaml', PARALEL);
  const line = PARALEL.split('\n').findIndex((l) => l.includes('Paralel'));
  assert.deepEqual(model.invalid, [
    { field: 'podManagementPolicy', value: 'Paralel', allowed: ['OrderedReady', 'Parallel'], range: { start: { line, character: 23 }, end: { line, character: 30 } } },
    { field: 'updateStrategy.type', value: 'ondelete', allowed: ['RollingUpdate', 'OnDelete'], range: { start: { line: line + 2, character: 10 }, end: { line: line + 2, character: 18 } } },
  ]);
  assert.equal(lenses.at(-1)![1], 'update strategy ondelete is invalid: the API server rejects the StatefulSet');
  const rejected = (value: string, allowed: string) => `**Invalid**: \`${value}\` is not ${allowed}. The API server rejects the StatefulSet, so nothing is created until it is fixed.`;
  assert.equal(hover('podManagementPolicy'), rejected('Paralel', '`OrderedReady` or `Parallel`'));
  assert.equal(hover('type: ondelete'), rejected('ondelete', '`RollingUpdate` or `OnDelete`'));
});

test('the preview model lists problems by severity, then by position', () => {
  const { model } = analyse('file:///rg.yaml', PARALEL.replace('  serviceName: random-generator\n', '  serviceName: nowhere\n'));
  const order = { error: 0, warning: 1, information: 2, hint: 3 };
  const keys = model.problems.map((p) => [order[p.severity], p.range.start.line, p.range.start.character]);
  assert.ok(model.problems.length >= 4, JSON.stringify(model.problems));
  assert.deepEqual(keys, [...keys].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!));
  assert.deepEqual([...new Set(model.problems.map((p) => p.severity))], ['error', 'warning', 'information']);
});

test('lens titles of a 60-character name stay within MAX_TITLE, shortened in the middle with the ordinal kept, the full names in the tooltip', () => {
  const long = 'orders-database-primary-replica-set-for-the-eu-west-region-1';
  assert.equal(long.length, 60);
  const text = RANDOM_GENERATOR.replace('  name: rg\n', `  name: ${long}\n`).replace('  replicas: 2\n', '  replicas: 3\n');
  const { lenses } = analyse('file:///rg.yaml', text);
  assert.deepEqual(lenses.map(([, title]) => title), [
    'pods: orders-databas…gion-1-0 … orders-databas…gion-1-2 (3 pods)',
    'DNS: orders-database-p…region-1-0.random-generator…ster.local, …',
    'PVCs: logs-orders-da…gion-1-0 … logs-orders-da…gion-1-2 (3 PVCs)',
    'rolling update: orders-da…on-1-2 → … → orders-da…on-1-0 (3 pods)',
  ]);
  for (const [, title] of lenses) assert.ok(String(title).length <= MAX_TITLE, String(title));
  assert.equal(lenses[0]![2], `3 pods:\n${long}-0\n${long}-1\n${long}-2`);
  assert.equal(lenses[2]![2], `3 PVCs from claim template logs:\nlogs-${long}-0\nlogs-${long}-1\nlogs-${long}-2`);
});

test('three pods use the short form, and the tooltip of 20 lists twelve and counts the rest', () => {
  const { lenses } = analyse('file:///rg.yaml', RANDOM_GENERATOR.replace('  replicas: 2\n', '  replicas: 20\n'));
  assert.equal(lenses[0]![1], 'pods: rg-0 … rg-19 (20 pods)');
  assert.equal(lenses[0]![2], ['20 pods:', ...Array.from({ length: 12 }, (_, i) => `rg-${i}`), '… and 8 more (the preview lists them all)'].join('\n'));
  assert.equal(analyse('file:///rg.yaml', RANDOM_GENERATOR.replace('  replicas: 2\n', '  replicas: 3\n')).lenses[0]![1], 'pods: rg-0 … rg-2 (3 pods)');
});

test('a what-if from 2 to 5000 counts every created pod and PVC and names the true last pod, listing the first 1000', () => {
  const ws = new ManifestWorkspace();
  const uri = 'file:///rg.yaml';
  ws.setFile(uri, RANDOM_GENERATOR);
  const analysis = ws.analyzeFile(uri, DEFAULT_ANALYSIS_SETTINGS);
  const sts = ws.getFile(uri)!.resources.find((r) => r.recognized === 'StatefulSet')!;
  const grown = buildPreviewModel(ws.getFile(uri)!, analysis, ws.identityOf(sts, DEFAULT_ANALYSIS_SETTINGS, 5000), () => RANDOM_GENERATOR, analysis.identities[0]);
  const w = grown.whatIf!;
  assert.deepEqual([w.from, w.to, w.createdCount, w.createdPvcCount, w.created.length, w.created[0], w.created.at(-1), w.createdLast], [2, 5000, 4998, 4998, 1000, 'rg-2', 'rg-1001', 'rg-4999']);
  assert.deepEqual([w.removedCount, w.removed, w.pvcs, w.removedPvcCount], [0, [], [], 0]);
  const big = RANDOM_GENERATOR.replace('  replicas: 2\n', '  replicas: 5000\n');
  ws.setFile(uri, big);
  const a2 = ws.analyzeFile(uri, DEFAULT_ANALYSIS_SETTINGS);
  const sts2 = ws.getFile(uri)!.resources.find((r) => r.recognized === 'StatefulSet')!;
  const shrunk = buildPreviewModel(ws.getFile(uri)!, a2, ws.identityOf(sts2, DEFAULT_ANALYSIS_SETTINGS, 2), () => big, a2.identities[0]).whatIf!;
  assert.deepEqual([shrunk.removedCount, shrunk.removed.length, shrunk.removed[0], shrunk.removedLast, shrunk.pvcs[0], shrunk.removedPvcCount], [4998, 1000, 'rg-4999', 'rg-2', { pvc: 'logs-rg-4999', action: 'Retain' }, 4998]);
});
