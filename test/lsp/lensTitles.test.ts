// Unit tests of the lens titles (server/src/features/lenses.ts) at the edges the issue words them for: no pods,
// one pod, long sets, more pods than the identity lists by name, partitions at and past replicas, OnDelete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace } from '../../server/src/analysis/index';
import { computeLenses } from '../../server/src/features/lenses';
import { RANDOM_GENERATOR } from '../support/lspFixtures';

/** The titles of the example's lenses after `edit`, in document order. */
function titles(edit: (text: string) => string): string[] {
  const ws = new ManifestWorkspace();
  const uri = 'file:///lenses/rg.yaml';
  ws.setFile(uri, edit(RANDOM_GENERATOR));
  const analysis = ws.analyzeFile(uri, DEFAULT_ANALYSIS_SETTINGS);
  return computeLenses(ws.getFile(uri)!, analysis.identities).map((l) => l.command!.title);
}

const withReplicas = (n: number, extra = '') => (t: string) => t.replace('  replicas: 2\n', `  replicas: ${n}\n${extra}`);
const partition = (p: number) => `  updateStrategy:\n    rollingUpdate:\n      partition: ${p}\n`;

test('two pods are listed in full, with the rolling update from the highest ordinal down', () => {
  assert.deepEqual(titles((t) => t), [
    'pods: rg-0, rg-1',
    'DNS: rg-0.random-generator.default.svc.cluster.local, …',
    'PVCs: logs-rg-0, logs-rg-1',
    'rolling update: rg-1 → rg-0',
  ]);
});

test('replicas 0 and 1 read naturally', () => {
  assert.deepEqual(titles(withReplicas(0)), [
    'pods: none (replicas: 0)',
    'DNS: random-generator.default.svc.cluster.local (no pods)',
    'PVCs: none (replicas: 0)',
    'rolling update: no pods',
  ]);
  assert.deepEqual(titles(withReplicas(1)), ['pods: rg-0', 'DNS: rg-0.random-generator.default.svc.cluster.local', 'PVCs: logs-rg-0', 'rolling update: rg-0']);
});

test('ten pods are abbreviated to the first and last with the count', () => {
  assert.deepEqual(titles(withReplicas(10)), [
    'pods: rg-0 … rg-9 (10 pods)',
    'DNS: rg-0.random-generator.default.svc.cluster.local, …',
    'PVCs: logs-rg-0 … logs-rg-9 (10 PVCs)',
    'rolling update: rg-9 → … → rg-0 (10 pods)',
  ]);
});

test('more pods than the identity lists by name still start the rolling update at the true last ordinal', () => {
  assert.deepEqual(titles(withReplicas(1500)), [
    'pods: rg-0 … rg-1499 (1500 pods)',
    'DNS: rg-0.random-generator.default.svc.cluster.local, …',
    'PVCs: logs-rg-0 … logs-rg-1499 (1500 PVCs)',
    'rolling update: rg-1499 → … → rg-0 (1500 pods)',
  ]);
  assert.equal(titles(withReplicas(1_000_000_000)).at(-1), 'rolling update: rg-999999999 → … → rg-0 (1000000000 pods)');
});

test('a partition over a large set counts and names what updates and what keeps beyond the listed pods', () => {
  assert.equal(titles(withReplicas(1500, partition(1))).at(-1), 'partition 1: updates rg-1499 … rg-1 (1499 pods), keeps rg-0');
  assert.equal(titles(withReplicas(3000, partition(1500))).at(-1), 'partition 1500: updates rg-2999 … rg-1500 (1500 pods), keeps rg-0 … rg-1499 (1500 pods)');
});

test('a partition at or past replicas updates no pod, and OnDelete says pods update only when deleted', () => {
  assert.equal(titles(withReplicas(2, partition(2))).at(-1), 'partition 2: updates no pod, keeps rg-0, rg-1');
  assert.equal(titles(withReplicas(2, partition(5))).at(-1), 'partition 5: updates no pod, keeps rg-0, rg-1');
  assert.equal(titles(withReplicas(2, partition(1))).at(-1), 'partition 1: updates rg-1, keeps rg-0');
  assert.equal(titles(withReplicas(2, '  updateStrategy:\n    type: OnDelete\n')).at(-1), 'OnDelete: pods update only when deleted');
});

test('ordinals.start shifts every name, and the partition counts from it', () => {
  assert.deepEqual(titles(withReplicas(2, '  ordinals:\n    start: 5\n')), [
    'pods: rg-5, rg-6',
    'DNS: rg-5.random-generator.default.svc.cluster.local, …',
    'PVCs: logs-rg-5, logs-rg-6',
    'rolling update: rg-6 → rg-5',
  ]);
  assert.equal(titles(withReplicas(3, `  ordinals:\n    start: 5\n${partition(1)}`)).at(-1), 'partition 1: updates rg-7, rg-6, keeps rg-5');
});

test('without serviceName there is no DNS lens', () => {
  assert.deepEqual(titles((t) => t.replace('  serviceName: random-generator\n', '')), ['pods: rg-0, rg-1', 'PVCs: logs-rg-0, logs-rg-1', 'rolling update: rg-1 → rg-0']);
});
