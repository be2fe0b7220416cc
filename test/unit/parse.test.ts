import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile, getPath, asString, toPlain, type ParsedFile, type Span } from '../../server/src/analysis/index';
import { growthFactor, LINEAR_GROWTH_LIMIT } from '../support/growth';

const text = (file: ParsedFile, span: Span) => file.text.slice(span.start, span.end);

test('a multi-document file yields one document per --- section and recognises each resource', () => {
  const f = parseFile('a.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n---\n');
  assert.equal(f.documents.length, 3);
  assert.deepEqual(f.resources.map((r) => [r.kind, r.recognized, r.name, r.namespace, r.namespaceExplicit]), [
    ['Service', 'Service', 'web', 'default', false],
    ['StatefulSet', 'StatefulSet', 'web', 'default', false],
  ]);
  assert.deepEqual(f.problems, []);
});

test('spans count UTF-16 code units after CJK and emoji comments, a BOM and CRLF line ends', () => {
  const src = '\uFEFF# 日本語のコメント 😀🚀\r\napiVersion: apps/v1\r\nkind: StatefulSet\r\nmetadata:\r\n  name: 数据库  # 😀\r\n';
  const f = parseFile('u.yaml', src);
  const name = getPath(f.resources[0].node, 'metadata', 'name')!;
  assert.equal(text(f, name.span), '数据库');
  assert.equal(name.span.start, src.indexOf('数据库'));
  assert.equal(f.resources[0].recognized, 'StatefulSet');
});

test('a tab used for indentation is a yaml-syntax error at the tab, and the next document is still read', () => {
  const src = 'apiVersion: v1\nkind: Service\nmetadata:\n\tname: x\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: ok\n';
  const f = parseFile('t.yaml', src);
  assert.ok(f.problems.length >= 1);
  assert.equal(f.problems[0].ruleId, 'yaml-syntax');
  assert.equal(f.problems[0].severity, 'error');
  assert.match(f.problems[0].message, /^YAML syntax error: /);
  assert.equal(src.slice(0, f.problems[0].span.start).split('\n').length, 4, 'the error sits on the tab line');
  assert.deepEqual(f.resources.filter((r) => r.recognized === 'StatefulSet').map((r) => r.name), ['ok']);
});

test('broken YAML in one document leaves the documents after it analysed', () => {
  const src = 'kind: Service\napiVersion: v1\nmetadata: {name: a\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: after\n';
  const f = parseFile('b.yaml', src);
  assert.ok(f.problems.some((p) => p.ruleId === 'yaml-syntax' && p.severity === 'error'));
  assert.ok(f.resources.some((r) => r.name === 'after' && r.recognized === 'StatefulSet'));
});

test('a flow-style document with trailing commas and quoted kind is recognised', () => {
  const src = '---\n{\n  "apiVersion": "apps/v1",\n  kind: "StatefulSet",\n  metadata: {name: flow, namespace: ns1,},\n  spec: {serviceName: svc, replicas: 3,},\n}\n';
  const f = parseFile('f.yaml', src);
  assert.deepEqual(f.problems, []);
  const sts = f.resources[0];
  assert.equal(sts.recognized, 'StatefulSet');
  assert.equal(sts.namespace, 'ns1');
  assert.equal(sts.namespaceExplicit, true);
  assert.equal(asString(getPath(sts.node, 'spec', 'serviceName')), 'svc');
});

test('kind and apiVersion tolerate trailing spaces and stray quotes; legacy apps versions are StatefulSets; lookalikes are not', () => {
  const f = parseFile('k.yaml', [
    'apiVersion: apps/v1beta1\nkind: StatefulSet \nmetadata: {name: a}',
    "apiVersion: 'apps/v1beta2'\nkind: '\"StatefulSet\"'\nmetadata: {name: b}",
    'apiVersion: apps.kruise.io/v1beta1\nkind: StatefulSet\nmetadata: {name: c}',
    'apiVersion: apps/v1alpha1\nkind: PetSet\nmetadata: {name: d}',
  ].join('\n---\n'));
  assert.deepEqual(f.resources.map((r) => [r.name, r.recognized]), [
    ['a', 'StatefulSet'],
    ['b', 'StatefulSet'],
    ['c', 'other'],
    ['d', 'other'],
  ]);
});

test('aliases resolve per document: serviceName and labels given by alias read as their anchors', () => {
  const src = [
    'apiVersion: apps/v1',
    'kind: StatefulSet',
    'metadata:',
    '  name: web',
    '  labels: &labels {app: web, tier: db}',
    'spec:',
    '  serviceName: &svc web-headless',
    '  selector: {matchLabels: *labels}',
    '  template:',
    '    metadata: {labels: *labels}',
    '  x-service: *svc',
  ].join('\n');
  const f = parseFile('alias.yaml', src);
  const sts = f.resources[0];
  assert.deepEqual(toPlain(getPath(sts.node, 'spec', 'template', 'metadata', 'labels')), { app: 'web', tier: 'db' });
  const aliased = getPath(sts.node, 'spec', 'x-service')!;
  assert.equal(asString(aliased), 'web-headless');
  assert.equal(text(f, aliased.span), '*svc', 'an alias node keeps the span of the alias itself');
});

test('merge keys copy the anchored pairs and explicit keys win', () => {
  const f = parseFile('m.yaml', 'base: &b {a: 1, b: 2}\nderived:\n  <<: *b\n  b: 3\n');
  assert.deepEqual(toPlain(getPath(f.documents[0].root, 'derived')), { a: 1, b: 3 });
});

test('an alias bomb stops at the node budget with one yaml-alias-limit warning instead of hanging', () => {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const cur = String.fromCharCode(97 + i);
    lines.push(`${cur}: &${cur} [${Array(10).fill('*' + prev).join(',')}]`);
  }
  const started = Date.now();
  const f = parseFile('bomb.yaml', lines.join('\n'));
  assert.ok(Date.now() - started < 5000, 'parsing an alias bomb must be quick');
  const limits = f.problems.filter((p) => p.ruleId === 'yaml-alias-limit');
  assert.equal(limits.length, 1);
  assert.equal(limits[0].severity, 'warning');
});

test('kind: List items are resources of their own', () => {
  const src = [
    'apiVersion: v1',
    'kind: List',
    'items:',
    '  - apiVersion: v1',
    '    kind: Service',
    '    metadata: {name: web, namespace: shop}',
    '  - apiVersion: apps/v1',
    '    kind: StatefulSet',
    '    metadata: {name: web, namespace: shop}',
  ].join('\n');
  const f = parseFile('list.yaml', src);
  assert.deepEqual(f.resources.map((r) => [r.kind, r.name, r.namespace, r.listItem]), [
    ['Service', 'web', 'shop', 0],
    ['StatefulSet', 'web', 'shop', 1],
  ]);
});

test('comments everywhere and an empty trailing document parse cleanly', () => {
  const f = parseFile('c.yaml', '# head\n---\n# only a comment\n---\napiVersion: v1 # c\nkind: Service # c\n# c\nmetadata: # c\n  name: s # c\n---  \n');
  assert.deepEqual(f.problems, []);
  assert.deepEqual(f.resources.map((r) => r.name), ['s']);
});

test('binary junk gives a bounded number of yaml-syntax problems and no resources', () => {
  let junk = '';
  for (let i = 0; i < 20000; i++) junk += String.fromCharCode((i * 7919) % 256);
  const f = parseFile('junk.yaml', junk);
  assert.ok(f.problems.length <= 50);
  assert.deepEqual(f.resources, []);
});

test('a file over the size limit is skipped with one information finding', () => {
  const f = parseFile('big.yaml', 'a: 1\n'.repeat(900_000));
  assert.deepEqual(f.problems.map((p) => [p.ruleId, p.severity]), [['file-too-large', 'information']]);
  assert.equal(f.documents.length, 0);
});

test('Helm templates are flagged as templates by their {{ }} syntax or a chart templates/ path', () => {
  assert.equal(parseFile('a.yaml', 'metadata:\n  name: {{ .Release.Name }}\n').isTemplate, true);
  assert.equal(parseFile('/chart/templates/sts.yaml', 'a: 1\n').isTemplate, true);
  assert.equal(parseFile('/k8s/sts.yaml', 'a: 1\n').isTemplate, false);
});

test('{{ }} only inside block scalars or comments of clean YAML (an Alertmanager template in a ConfigMap) is not a Helm template', () => {
  const src = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: am  # {{ not an action }}\ndata:\n  t.tmpl: |\n    {{ define "x" }}{{ .Labels.a }}{{ end }}\n';
  const f = parseFile('/k8s/alertmanager.yaml', src);
  assert.equal(f.isTemplate, false);
  assert.deepEqual(f.problems, []);
  // The block scalar reads as its content, not as its source text.
  assert.equal(asString(getPath(f.resources[0].node, 'data', 't.tmpl')), '{{ define "x" }}{{ .Labels.a }}{{ end }}\n');
  // An action in a plain or quoted value, in a key, or a file that does not parse without masking stays a template.
  assert.equal(parseFile('a.yaml', 'spec:\n  image: "{{ .Values.image }}"\n').isTemplate, true);
  assert.equal(parseFile('a.yaml', 'spec:\n  {{ .Values.key }}: 1\n').isTemplate, true);
  assert.equal(parseFile('a.yaml', 'data:\n  t: |\n    {{ x }}\n{{- if .Values.a }}\nb: 1\n{{- end }}\n').isTemplate, true);
  // Under a chart's templates/ folder a file is a template whatever its content.
  assert.equal(parseFile('/chart/templates/cm.yaml', src).isTemplate, true);
});

test('a missing namespace takes the given default', () => {
  const f = parseFile('n.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\n', 'team-a');
  assert.equal(f.resources[0].namespace, 'team-a');
});

test('flow nesting deeper than 1000 levels is refused with one error instead of costing seconds and memory', () => {
  const n = 200_000;
  const src = 'a: ' + '['.repeat(n) + ']'.repeat(n);
  const started = Date.now();
  const f = parseFile('deep.yaml', src);
  assert.ok(Date.now() - started < 2000);
  assert.deepEqual(f.problems.map((p) => [p.ruleId, p.span.start]), [['yaml-syntax', 3 + 1000]]);
  assert.match(f.problems[0].message, /nesting deeper than 1000 levels/);
});

test('nesting within the limit is parsed, and the tree is cut at depth 500 with one warning', () => {
  const f = parseFile('deep.yaml', 'a: ' + '['.repeat(800) + ']'.repeat(800));
  assert.ok(f.problems.some((p) => p.ruleId === 'yaml-alias-limit'));
});

test('a multi-line quoted annotation whose lines are not indented past its key is read as kubectl reads it', () => {
  const src = [
    'apiVersion: apps/v1beta1',
    'kind: StatefulSet',
    'metadata:',
    '  name: redis',
    '  annotations:',
    "    pod.beta.kubernetes.io/init-containers: '[",
    '      {"name": "init"}',
    "    ]'",
    'spec:',
    '  serviceName: redis',
  ].join('\n');
  const f = parseFile('legacy.yaml', src);
  assert.deepEqual(f.problems, []);
  const sts = f.resources[0];
  const annotation = getPath(sts.node, 'metadata', 'annotations', 'pod.beta.kubernetes.io/init-containers')!;
  assert.equal(asString(annotation), '[ {"name": "init"} ]');
  const serviceName = getPath(sts.node, 'spec', 'serviceName')!;
  assert.equal(text(f, serviceName.span), 'redis', 'spans after the repaired lines still point into the original text');
  assert.equal(serviceName.span.start, src.lastIndexOf('redis'));
});

test('20,000 under-indented quoted annotations are repaired in linear time and every span maps back to the text', () => {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: x', '  annotations:'];
  for (let i = 0; i < 20000; i++) lines.push(`    a${i}: "{`, `    \\"k\\": ${i}}"`);
  const src = lines.join('\n') + '\n';
  const f = parseFile('big.yaml', src);
  assert.deepEqual(f.problems, []);
  // Mapping each span through every insertion before it took 10 s here (quadratic): ten times the annotations
  // must cost about ten times the time, not a hundred.
  const annotationsText = (n: number) => [...lines.slice(0, 5), ...lines.slice(5, 5 + 2 * n)].join('\n') + '\n';
  const growth = growthFactor((n) => parseFile('big.yaml', annotationsText(n)), 20000);
  assert.ok(growth.factor < LINEAR_GROWTH_LIMIT, `2,000 annotations: ${Math.round(growth.small)} ms, 20,000: ${Math.round(growth.large)} ms`);
  const annotations = getPath(f.resources[0].node, 'metadata', 'annotations');
  assert.equal(annotations?.kind === 'map' && annotations.pairs.length, 20000);
  const last = getPath(annotations, 'a19999')!;
  assert.equal(asString(last), '{ "k": 19999}');
  assert.equal(text(f, last.span), '"{\n    \\"k\\": 19999}"');
});

test('a 50,000-key map parses in linear time and its duplicate keys are still errors at the repeated key', () => {
  const keys = Array.from({ length: 50000 }, (_, i) => `  k${i}: v`);
  const src = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: x, name: y}', 'data:', ...keys, '  k7: again', ''].join('\n');
  const f = parseFile('keys.yaml', src);
  // The parser's own check compares every key with every earlier one: 50,000 keys took 15 s (quadratic).
  const growth = growthFactor((n) => parseFile('keys.yaml', ['data:', ...keys.slice(0, n), ''].join('\n')), 50000);
  assert.ok(growth.factor < LINEAR_GROWTH_LIMIT, `5,000 keys: ${Math.round(growth.small)} ms, 50,000: ${Math.round(growth.large)} ms`);
  const dupName = src.indexOf('name: y');
  const dupK7 = src.lastIndexOf('k7: again');
  assert.deepEqual(
    f.problems.map((p) => [p.ruleId, p.message, p.span.start, p.span.end]),
    [
      ['yaml-syntax', 'YAML syntax error: Map keys must be unique', dupName, dupName + 1],
      ['yaml-syntax', 'YAML syntax error: Map keys must be unique', dupK7, dupK7 + 1],
    ],
  );
});

test('a merge key copying a 20,000-key anchor is applied in linear time, explicit keys winning', () => {
  const keys = Array.from({ length: 20000 }, (_, i) => `  k${i}: v${i}`);
  const src = ['base: &b', ...keys, 'copy:', '  <<: *b', '  k5: mine', ''].join('\n');
  const f = parseFile('merge.yaml', src);
  const merged = (n: number) => ['base: &b', ...keys.slice(0, n), 'copy:', '  <<: *b', '  k5: mine', ''].join('\n');
  const growth = growthFactor((n) => parseFile('merge.yaml', merged(n)), 20000);
  assert.ok(growth.factor < LINEAR_GROWTH_LIMIT, `2,000 keys: ${Math.round(growth.small)} ms, 20,000: ${Math.round(growth.large)} ms`);
  const copy = getPath(f.documents[0].root, 'copy');
  assert.equal(copy?.kind === 'map' && copy.pairs.length, 20000);
  assert.equal(asString(getPath(copy, 'k5')), 'mine');
  assert.equal(asString(getPath(copy, 'k19999')), 'v19999');
});

test('a quoted scalar that is really unterminated is still a yaml-syntax error', () => {
  const f = parseFile('open.yaml', "a: 'never closed\nb: 1\n");
  assert.ok(f.problems.some((p) => p.ruleId === 'yaml-syntax' && p.severity === 'error'));
});

test('a Helm template is read around its actions: control lines are blanked and inline actions keep their text and span', () => {
  const src = [
    '{{- if .Values.enabled }}',
    'apiVersion: apps/v1',
    'kind: StatefulSet',
    'metadata:',
    '  name: {{ include "db.fullname" . }}',
    '  labels:',
    '    {{- include "db.labels" . | nindent 4 }}',
    'spec:',
    '  serviceName: {{ include "db.fullname" . }}-hl',
    '  replicas: {{ .Values.replicas }}',
    '{{- end }}',
  ].join('\n');
  const f = parseFile('/chart/templates/sts.yaml', src);
  assert.equal(f.isTemplate, true);
  assert.deepEqual(f.resources.map((r) => [r.recognized, r.name]), [['StatefulSet', '{{ include "db.fullname" . }}']]);
  const serviceName = getPath(f.resources[0].node, 'spec', 'serviceName')!;
  assert.equal(asString(serviceName), '{{ include "db.fullname" . }}-hl');
  assert.equal(text(f, serviceName.span), '{{ include "db.fullname" . }}-hl');
  assert.equal(asString(getPath(f.resources[0].node, 'spec', 'replicas')), '{{ .Values.replicas }}');
});
