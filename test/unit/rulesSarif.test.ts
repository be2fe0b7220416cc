// The SARIF 2.1.0 output: its shape (rule metadata, levels, 1-based regions, relative URIs) and acceptance by
// Microsoft's own validator (@microsoft/sarif-multitool `validate`, a self-contained .NET binary). The
// validator exits 0 even for invalid logs, so the test reads the results it writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as sarif from 'sarif';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace } from '../../server/src/analysis/index';
import { validateSarif, sarifValidatorUnavailable } from '../support/sarifValidator';
import { buildSarifLog } from '../../server/src/sarif';
import { RULES } from '../../server/src/analysis/rules/index';

const BASE = 'file:///work/project';

function sampleLog(): sarif.Log {
  const ws = new ManifestWorkspace();
  const uri = `${BASE}/k8s/web.yaml`;
  const text = [
    'apiVersion: apps/v1',
    'kind: StatefulSet',
    'metadata:',
    '  name: web',
    'spec:',
    '  serviceName: web',
    '  podManagementPolicy: Paralel',
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
  ws.setFile(uri, text);
  const findings = ws.analyzeFile(uri, DEFAULT_ANALYSIS_SETTINGS).findings;
  return buildSarifLog([{ uri, text, findings }], { baseUri: BASE, toolVersion: '0.1.0' });
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

test("Microsoft's SARIF validator accepts the log with no error or warning", { skip: sarifValidatorUnavailable }, () => {
  assert.deepEqual(validateSarif(sampleLog()), []);
});
