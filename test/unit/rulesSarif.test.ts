// The SARIF 2.1.0 output: its shape (rule metadata, levels, 1-based regions, relative URIs, quick fixes as
// `fixes` with replacements, across files too) and acceptance by
// Microsoft's own validator (@microsoft/sarif-multitool `validate`, a self-contained .NET binary). The
// validator exits 0 even for invalid logs, so the test reads the results it writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as sarif from 'sarif';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace } from '../../server/src/analysis/index';
import { validateSarif, sarifValidatorUnavailable } from '../support/sarifValidator';
import { buildSarifLog } from '../../server/src/cli/sarif';
import { RULES } from '../../server/src/analysis/rules/index';

const BASE = 'file:///work/project';

function sampleLog(): sarif.Log {
  const ws = new ManifestWorkspace();
  const uri = `${BASE}/k8s/web.yaml`;
  const svcUri = `${BASE}/k8s/svc.yaml`;
  const text = [
    'apiVersion: apps/v1',
    'kind: StatefulSet',
    'metadata:',
    '  name: web',
    'spec:',
    '  serviceName: web',
    '  podManagementPolicy: Paralel',
    '  updateStrategy:',
    '    type: OnDelete',
    '    rollingUpdate:',
    '      partition: 1',
    '  selector:',
    '    matchLabels:',
    '      app: web',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: web',
    '    spec:',
    '      containers:',
    '      - name: nginx',
    '        image: nginx',
    '',
  ].join('\n');
  // Not headless: the StatefulSet's finding gets a fix that edits this other file.
  const svcText = ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', 'spec:', '  selector:', '    app: web', ''].join('\n');
  ws.setFile(uri, text);
  ws.setFile(svcUri, svcText);
  const files = [
    { uri, text, findings: ws.analyzeFile(uri, DEFAULT_ANALYSIS_SETTINGS).findings },
    { uri: svcUri, text: svcText, findings: ws.analyzeFile(svcUri, DEFAULT_ANALYSIS_SETTINGS).findings },
  ];
  return buildSarifLog(files, { baseUri: BASE, toolVersion: '0.1.0' });
}

test('the SARIF log carries every rule with a docs link and each finding with its level and 1-based region', () => {
  const log = sampleLog();
  assert.equal(log.version, '2.1.0');
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'statefulset-lens');
  assert.equal(run.tool.driver.rules?.length, RULES.length);
  const rule = run.tool.driver.rules!.find((r) => r.id === 'invalid-pod-management-policy')!;
  assert.equal(rule.helpUri, 'https://github.com/statefulset-lens/statefulset-lens/blob/main/docs/rules.md#invalid-pod-management-policy');
  assert.equal(rule.defaultConfiguration?.level, 'error');
  const result = run.results!.find((r) => r.ruleId === 'invalid-pod-management-policy')!;
  assert.equal(result.level, 'error');
  assert.equal(run.tool.driver.rules![result.ruleIndex!].id, 'invalid-pod-management-policy');
  assert.deepEqual(result.locations![0].physicalLocation, {
    artifactLocation: { uri: 'k8s/web.yaml', uriBaseId: 'SRCROOT' },
    region: { startLine: 7, startColumn: 24, endLine: 7, endColumn: 31 },
  });
  assert.deepEqual(run.originalUriBaseIds, { SRCROOT: { uri: `${BASE}/` } });
  const info = run.results!.find((r) => r.ruleId === 'no-pod-disruption-budget');
  assert.equal(info?.level, 'note');
});

test("Microsoft's SARIF validator accepts the log, fixes included, with no error or warning", { skip: sarifValidatorUnavailable }, () => {
  const log = sampleLog();
  assert.ok(log.runs[0].results!.filter((r) => r.fixes?.length).length >= 4, 'the log has fixes to validate');
  assert.deepEqual(validateSarif(log), []);
});

const artifact = (uri: string) => ({ uri, uriBaseId: 'SRCROOT' });

test('each finding carries its fixes as SARIF fixes: a replaced value, the preferred one marked in its property bag', () => {
  const result = sampleLog().runs[0].results!.find((r) => r.ruleId === 'invalid-pod-management-policy')!;
  const web = artifact('k8s/web.yaml');
  assert.deepEqual(result.fixes, [
    {
      description: { text: "Change to 'Parallel'" },
      artifactChanges: [{ artifactLocation: web, replacements: [{ deletedRegion: { startLine: 7, startColumn: 24, endLine: 7, endColumn: 31 }, insertedContent: { text: 'Parallel' } }] }],
      properties: { isPreferred: true },
    },
    {
      description: { text: 'Disable invalid-pod-management-policy for this line' },
      artifactChanges: [
        {
          artifactLocation: web,
          replacements: [{ deletedRegion: { startLine: 7, startColumn: 1, endLine: 7, endColumn: 1 }, insertedContent: { text: '  # statefulset-lens-disable-next-line invalid-pod-management-policy\n' } }],
        },
      ],
    },
  ]);
});

test('a removal is a replacement without insertedContent, and a fix into another file names that file', () => {
  const results = sampleLog().runs[0].results!;
  const removal = results.find((r) => r.ruleId === 'rolling-update-with-on-delete')!.fixes![0];
  assert.deepEqual(removal, {
    description: { text: 'Remove rollingUpdate' },
    artifactChanges: [{ artifactLocation: artifact('k8s/web.yaml'), replacements: [{ deletedRegion: { startLine: 10, startColumn: 1, endLine: 12, endColumn: 1 } }] }],
  });
  const headless = results.find((r) => r.ruleId === 'service-not-headless')!;
  assert.equal(headless.locations![0].physicalLocation!.artifactLocation!.uri, 'k8s/web.yaml');
  assert.deepEqual(headless.fixes![0], {
    description: { text: "Make Service 'web' headless (clusterIP: None)" },
    artifactChanges: [
      {
        artifactLocation: artifact('k8s/svc.yaml'),
        replacements: [{ deletedRegion: { startLine: 6, startColumn: 1, endLine: 6, endColumn: 1 }, insertedContent: { text: '  clusterIP: None\n' } }],
      },
    ],
  });
});

test('a fix into a file the log was not given is left out rather than pointing at unknown lines', () => {
  const uri = `${BASE}/a.yaml`;
  const text = 'kind: X\n';
  const finding = {
    ruleId: 'yaml-syntax',
    severity: 'error' as const,
    message: 'm',
    uri,
    span: { start: 0, end: 4 },
    fixes: [
      { title: 'Elsewhere', edits: [{ uri: `${BASE}/b.yaml`, span: { start: 0, end: 0 }, newText: 'x' }] },
      { title: 'Out of range', edits: [{ uri, span: { start: 5, end: 99 }, newText: 'x' }] },
    ],
  };
  const result = buildSarifLog([{ uri, text, findings: [finding] }], { baseUri: BASE }).runs[0].results![0];
  assert.equal(result.fixes, undefined);
});
