// The plan behind `check --fix`: the preferred fix of each finding, overlapping ones skipped with a message
// naming the fix, rule and position, files outside the inputs or refused by the caller left alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace, type Finding } from '../../server/src/analysis/index';
import { planPreferredFixes } from '../../server/src/cli/fixes';

const STS = [
  'apiVersion: apps/v1',
  'kind: StatefulSet',
  'metadata: {name: web}',
  'spec:',
  '  serviceName: web',
  '  podManagementPolicy: Paralel',
  '  updateStrategy: {type: OnDelet}',
  '',
].join('\n');

function workspace(files: Record<string, string>) {
  const ws = new ManifestWorkspace();
  for (const [uri, text] of Object.entries(files)) ws.setFile(uri, text);
  return ws;
}

test('the preferred fixes of every finding are applied together; suppression comments and other fixes are not', () => {
  const ws = workspace({ 'sts.yaml': STS });
  const findings = ws.analyzeFile('sts.yaml', DEFAULT_ANALYSIS_SETTINGS).findings;
  assert.ok(findings.some((f) => (f.fixes ?? []).some((x) => !x.isPreferred)), 'the sample has fixes that are not preferred');
  const plan = planPreferredFixes(ws, ['sts.yaml'], findings);
  assert.deepEqual(plan.skipped, []);
  assert.equal(plan.fixed, 2);
  assert.deepEqual(
    plan.changes.map((c) => [c.file, c.newText]),
    [['sts.yaml', STS.replace('Paralel', 'Parallel').replace('OnDelet', 'OnDelete')]],
  );
});

/** A finding with one preferred fix replacing [start, end) of `uri`; for planning, not produced by a rule. */
function finding(ruleId: string, uri: string, start: number, end: number, newText: string, editUri = uri): Finding {
  return { ruleId, severity: 'error', message: ruleId, uri, span: { start, end }, fixes: [{ title: `Change to '${newText}'`, edits: [{ uri: editUri, span: { start, end }, newText }], isPreferred: true }] };
}

test('a fix overlapping one already taken is skipped with a message naming its title, rule, position and the fix it clashes with', () => {
  const ws = workspace({ 'sts.yaml': STS });
  const start = STS.indexOf('Paralel');
  const plan = planPreferredFixes(ws, ['sts.yaml'], [finding('rule-a', 'sts.yaml', start, start + 7, 'Parallel'), finding('rule-b', 'sts.yaml', start + 2, start + 7, 'OrderedReady')]);
  assert.deepEqual(plan.skipped, [`skipped "Change to 'OrderedReady'" for rule-b at sts.yaml:6:26: its edits of sts.yaml overlap those of "Change to 'Parallel'"`]);
  assert.equal(plan.fixed, 1);
  assert.equal(plan.changes[0].newText, STS.replace('Paralel', 'Parallel'));
});

test('a fix editing a file that was not read, or one the caller refuses, is skipped and that file named', () => {
  const ws = workspace({ 'sts.yaml': STS, 'other.yaml': 'kind: Service\n' });
  const start = STS.indexOf('Paralel');
  const plan = planPreferredFixes(
    ws,
    ['sts.yaml', 'other.yaml'],
    [finding('rule-a', 'sts.yaml', 0, 1, 'x', 'elsewhere.yaml'), finding('rule-b', 'sts.yaml', start, start + 7, 'Parallel'), finding('rule-c', 'sts.yaml', 0, 4, 'Kind', 'other.yaml')],
    (file) => (file === 'other.yaml' ? 'is not valid UTF-8, so it is left as it is' : undefined),
  );
  assert.deepEqual(plan.skipped, [
    `skipped "Change to 'x'" for rule-a at sts.yaml:1:1: it edits elsewhere.yaml, which is not among the files read`,
    `skipped "Change to 'Kind'" for rule-c at sts.yaml:1:1: other.yaml is not valid UTF-8, so it is left as it is`,
  ]);
  assert.deepEqual(plan.changes.map((c) => c.file), ['sts.yaml']);
});

test('two StatefulSets sharing one misspelt value through a YAML merge key count as two findings fixed by one edit', () => {
  const text = [
    'apiVersion: v1',
    'kind: List',
    'items:',
    '- apiVersion: apps/v1',
    '  kind: StatefulSet',
    '  metadata: {name: a}',
    '  spec: &spec',
    '    serviceName: a',
    '    podManagementPolicy: Paralel',
    '- apiVersion: apps/v1',
    '  kind: StatefulSet',
    '  metadata: {name: b}',
    '  spec:',
    '    <<: *spec',
    '',
  ].join('\n');
  const ws = workspace({ 'list.yaml': text });
  const findings = ws.analyzeFile('list.yaml', DEFAULT_ANALYSIS_SETTINGS).findings;
  assert.equal(findings.filter((f) => f.ruleId === 'invalid-pod-management-policy').length, 2);
  const plan = planPreferredFixes(ws, ['list.yaml'], findings);
  assert.equal(plan.fixed, 2);
  assert.deepEqual(plan.skipped, []);
  assert.equal(plan.changes[0].edits.length, 1);
  assert.equal(plan.changes[0].newText, text.replace('Paralel', 'Parallel'));
});
