// What other files see of a file (the cross-file revision): a Service's values and where its nodes sit inside
// its document; a StatefulSet's name, serviceName, selector and template labels; kustomizations; nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ANALYSIS_SETTINGS as S, ManifestWorkspace } from '../../server/src/analysis/index';
import { kustomizeFactsFor } from '../../server/src/analysis/rules/kustomize';

const sts = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db-hl\n  replicas: 2\n';
const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db-hl\nspec:\n  clusterIP: None\n  ports:\n    - {name: sql, port: 5432}\n';

function workspace(): ManifestWorkspace {
  const ws = new ManifestWorkspace();
  ws.setFile('file:///sts.yaml', sts);
  ws.setFile('file:///svc.yaml', svc);
  return ws;
}

test('a comment inside a Service moves its nodes: other files see it, and their results point at the new offsets', () => {
  const ws = workspace();
  assert.equal(ws.analyzeFile('file:///sts.yaml', S).identities[0].service?.span.start, svc.indexOf('db-hl'));
  const cross = ws.crossFileRevision;
  const moved = svc.replace('metadata:\n', '# owned by the database team\nmetadata:\n');
  ws.setFile('file:///svc.yaml', moved);
  assert.ok(ws.crossFileRevision > cross);
  assert.equal(ws.analyzeFile('file:///sts.yaml', S).identities[0].service?.span.start, moved.indexOf('db-hl'));
});

test('a value of a Service written another way is a change; a comment after its last node is not', () => {
  const ws = workspace();
  let cross = ws.crossFileRevision;
  ws.setFile('file:///svc.yaml', svc.replace('port: 5432', 'port: 0x1538'));
  assert.ok(ws.crossFileRevision > cross, 'the same number, another source');
  cross = ws.crossFileRevision;
  ws.setFile('file:///svc.yaml', `${svc.replace('port: 5432', 'port: 0x1538')}# end\n`);
  assert.equal(ws.crossFileRevision, cross);
});

test('replicas are not seen by other files; serviceName and template labels of a StatefulSet are', () => {
  const ws = workspace();
  let cross = ws.crossFileRevision;
  ws.setFile('file:///sts.yaml', sts.replace('replicas: 2', 'replicas: 3'));
  assert.equal(ws.crossFileRevision, cross);
  ws.setFile('file:///sts.yaml', sts.replace('serviceName: db-hl', 'serviceName: db'));
  assert.ok(ws.crossFileRevision > cross);
  cross = ws.crossFileRevision;
  ws.setFile('file:///sts.yaml', `${sts.replace('serviceName: db-hl', 'serviceName: db')}  template:\n    metadata:\n      labels: {start: 5}\n`);
  assert.ok(ws.crossFileRevision > cross);
});

test('what a kustomization says about a file follows its edits, a kustomization named `Kustomization` too', () => {
  for (const name of ['kustomization.yaml', 'Kustomization']) {
    const ws = new ManifestWorkspace();
    ws.setFile('file:///k/sts.yaml', sts);
    ws.setFile(`file:///k/${name}`, 'patches:\n  - path: sts.yaml\n');
    assert.equal(kustomizeFactsFor(ws.getFile('file:///k/sts.yaml')!, ws).listedAsPatch, true, name);
    ws.setFile('file:///k/sts.yaml', sts.replace('replicas: 2', 'replicas: 3'));
    assert.equal(kustomizeFactsFor(ws.getFile('file:///k/sts.yaml')!, ws).listedAsPatch, true, name);
    ws.setFile(`file:///k/${name}`, 'resources:\n  - sts.yaml\ncommonLabels:\n  team: db\n');
    assert.deepEqual(kustomizeFactsFor(ws.getFile('file:///k/sts.yaml')!, ws), { listedAsPatch: false, addedLabels: { team: 'db' } }, name);
  }
});
