// Unit tests of the "what it produces" hovers (server/src/features/hoverInfo.ts) on StatefulSets with more pods
// than the identity lists by name (1000): every list names the true last pod and count, and none grows
// without bound (a Parallel start of 1500 pods is one line, not 1000 names).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace } from '../../server/src/analysis/index';
import { producedHover } from '../../server/src/features/hoverInfo';
import { RANDOM_GENERATOR } from '../support/lspFixtures';

/** The produced hover on the first occurrence of `at` in the example with 1500 replicas plus `extra` spec lines. */
function hoverAt(at: string, extra = '', replicas = 1500): string {
  const text = RANDOM_GENERATOR.replace('  replicas: 2\n', `  replicas: ${replicas}\n${extra}`);
  const ws = new ManifestWorkspace();
  const uri = 'file:///hover/rg.yaml';
  ws.setFile(uri, text);
  const id = ws.analyzeFile(uri, DEFAULT_ANALYSIS_SETTINGS).identities[0];
  const file = ws.getFile(uri)!;
  const sts = file.resources.find((r) => r.recognized === 'StatefulSet')!;
  const offset = text.indexOf(at);
  assert.ok(offset >= 0, at);
  return producedHover(file, sts.node, id, offset + 2, (u) => u.slice(u.lastIndexOf('/') + 1))!.markdown;
}

const dns = (n: number) => `\`rg-${n}.random-generator.default.svc.cluster.local\``;

test('the DNS names on serviceName end with the last pod and the true count', () => {
  assert.match(hoverAt('serviceName:'), new RegExp(`\\*\\*DNS names\\*\\*: ${dns(0)}, ${dns(1)}, ${dns(2)}, ${dns(3)}, ${dns(4)}, … ${dns(1499)} \\(1500\\)\n`));
});

test('the PVCs of a claim template end with the last pod\'s claim and the true count', () => {
  assert.equal(hoverAt('metadata:\n        name: logs'), '**PVCs** from claim template `logs` (storage 10Mi · ReadWriteOnce): `logs-rg-0`, `logs-rg-1`, `logs-rg-2`, `logs-rg-3`, `logs-rg-4`, … `logs-rg-1499` (1500)');
});

test('a partition names the pods that roll out from the highest ordinal, with the true counts', () => {
  assert.equal(
    hoverAt('partition:', '  updateStrategy:\n    rollingUpdate:\n      partition: 1\n'),
    '**Partition 1**: a template change rolls out to `rg-1499`, `rg-1498`, `rg-1497`, `rg-1496`, `rg-1495`, … `rg-1` (1499) (highest ordinal first); `rg-0` keeps the current revision.',
  );
  assert.equal(
    hoverAt('partition:', '  updateStrategy:\n    rollingUpdate:\n      partition: 1200\n'),
    '**Partition 1200**: a template change rolls out to `rg-1499`, `rg-1498`, `rg-1497`, `rg-1496`, `rg-1495`, … `rg-1200` (300) (highest ordinal first); `rg-0`, `rg-1`, `rg-2`, `rg-3`, `rg-4`, … `rg-1199` (1200) keep the current revision.',
  );
});

test('the rolling update order starts at the highest ordinal', () => {
  assert.equal(hoverAt('updateStrategy', '  updateStrategy:\n    type: RollingUpdate\n'), '**Rolling update** order: `rg-1499` → … → `rg-0` (1500 pods)');
});

test('start and scale-down order stay one short line, ordered or parallel', () => {
  assert.equal(hoverAt('podManagementPolicy', '  podManagementPolicy: OrderedReady\n'),
    '**Start** (one at a time, each after the previous is Ready): `rg-0` → … → `rg-1499` (1500 steps)\n\n**Scale down**: `rg-1499` → … → `rg-0` (1500 steps)');
  assert.equal(hoverAt('podManagementPolicy', '  podManagementPolicy: Parallel\n'),
    '**Start** (all at once): `rg-0 + rg-1 + … + rg-1499` (1500 pods)\n\n**Scale down**: `rg-1499 + rg-1498 + … + rg-0` (1500 pods)');
  assert.equal(hoverAt('podManagementPolicy', '  podManagementPolicy: Parallel\n', 2),
    '**Start** (all at once): `rg-0 + rg-1`\n\n**Scale down**: `rg-1 + rg-0`');
});

test('on delete, the retained PVCs end with the last pod\'s claim and the true count', () => {
  assert.equal(hoverAt('persistentVolumeClaimRetentionPolicy', '  persistentVolumeClaimRetentionPolicy:\n    whenScaled: Delete\n'),
    'On scale-down by one, `rg-1499` goes and its PVCs are **deleted**: `logs-rg-1499`.\n\nOn delete of the StatefulSet, the PVCs are kept: `logs-rg-0`, `logs-rg-1`, `logs-rg-2`, `logs-rg-3`, `logs-rg-4`, … `logs-rg-1499` (1500).');
});
