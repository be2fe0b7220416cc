// The preview model of a StatefulSet with more pods than the identity lists by name (1000): each listed pod's
// update status follows its ordinal and the partition, and the orders start at the true highest ordinal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace } from '../../server/src/analysis/index';
import { buildPreviewModel } from '../../server/src/features/previewModel';
import { RANDOM_GENERATOR } from '../support/lspFixtures';

function model(replicas: number, partition: number) {
  const text = RANDOM_GENERATOR.replace('  replicas: 2\n', `  replicas: ${replicas}\n  updateStrategy:\n    rollingUpdate: {partition: ${partition}}\n`);
  const ws = new ManifestWorkspace();
  const uri = 'file:///preview/rg.yaml';
  ws.setFile(uri, text);
  const analysis = ws.analyzeFile(uri, DEFAULT_ANALYSIS_SETTINGS);
  return buildPreviewModel(ws.getFile(uri)!, analysis, analysis.identities[0], () => text);
}

test('with 1500 pods and partition 500, listed pods below 500 keep their revision and the rest roll out', () => {
  const m = model(1500, 500);
  assert.equal(m.pods.length, 1000);
  assert.deepEqual([m.pods[0].update, m.pods[499].update, m.pods[500].update, m.pods[999].update], ['kept', 'kept', 'updated', 'updated']);
  assert.equal(m.updateOrder[0], 'rg-1499');
  assert.deepEqual(m.scaleDownOrder[0], ['rg-1499']);
});

test('with 1500 pods and no partition every listed pod rolls out', () => {
  const m = model(1500, 0);
  assert.ok(m.pods.every((p) => p.update === 'updated'));
});
