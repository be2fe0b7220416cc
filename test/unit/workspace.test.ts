import { test } from 'node:test';
import assert from 'node:assert/strict';
import { growthFactor, LINEAR_GROWTH_LIMIT } from '../support/growth';
import { DEFAULT_ANALYSIS_SETTINGS as S, ManifestWorkspace } from '../../server/src/analysis/index';

const sts = (serviceName: string, replicas = 2, ns?: string) =>
  `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n  serviceName: ${serviceName}\n  replicas: ${replicas}\n`;
const svc = (name: string, clusterIP = 'None', ns?: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n  clusterIP: ${clusterIP}\n  ports:\n    - {name: sql, port: 5432}\n`;

test('a StatefulSet finds its headless Service in another file of the workspace', () => {
  const ws = new ManifestWorkspace();
  ws.setFile('file:///sts.yaml', sts('db-hl'));
  ws.setFile('file:///svc.yaml', svc('db-hl'));
  const [id] = ws.analyzeFile('file:///sts.yaml', S).identities;
  assert.equal(id.service?.uri, 'file:///svc.yaml');
  assert.equal(id.service?.headless, true);
  assert.deepEqual(id.srvRecords.map((r) => r.record), ['_sql._tcp.db-hl.default.svc.cluster.local']);
});

test('a Service in another namespace does not resolve', () => {
  const ws = new ManifestWorkspace();
  ws.setFile('a.yaml', sts('db-hl', 2, 'prod'));
  ws.setFile('b.yaml', svc('db-hl', 'None', 'staging'));
  assert.equal(ws.analyzeFile('a.yaml', S).identities[0].service, undefined);
});

test('setting a file to the same text parses nothing and keeps the cached analysis', () => {
  const ws = new ManifestWorkspace();
  assert.equal(ws.setFile('a.yaml', sts('x')), true);
  const first = ws.analyzeFile('a.yaml', S);
  assert.equal(ws.setFile('a.yaml', sts('x')), false);
  assert.equal(ws.parseCount, 1);
  assert.equal(ws.analyzeFile('a.yaml', S), first);
});

test('editing one file re-parses only that file, and a StatefulSet edit leaves other files’ analyses cached', () => {
  const ws = new ManifestWorkspace();
  ws.setFile('a.yaml', sts('x'));
  ws.setFile('b.yaml', sts('y'));
  ws.setFile('svc.yaml', svc('x'));
  const b = ws.analyzeFile('b.yaml', S);
  const cross = ws.crossFileRevision;
  ws.setFile('a.yaml', sts('x', 5));
  assert.equal(ws.parseCount, 4);
  assert.equal(ws.crossFileRevision, cross, 'replicas are not visible to other files');
  assert.equal(ws.analyzeFile('b.yaml', S), b);
});

test('changing a Service bumps the cross-file revision and the dependent StatefulSet sees the change', () => {
  const ws = new ManifestWorkspace();
  ws.setFile('a.yaml', sts('x'));
  ws.setFile('svc.yaml', svc('x', '10.0.0.1'));
  assert.equal(ws.analyzeFile('a.yaml', S).identities[0].service?.headless, false);
  const cross = ws.crossFileRevision;
  ws.setFile('svc.yaml', svc('x', 'None'));
  assert.ok(ws.crossFileRevision > cross);
  assert.equal(ws.analyzeFile('a.yaml', S).identities[0].service?.headless, true);
});

test('removing the Service file leaves the StatefulSet without a Service', () => {
  const ws = new ManifestWorkspace();
  ws.setFile('a.yaml', sts('x'));
  ws.setFile('svc.yaml', svc('x'));
  assert.ok(ws.analyzeFile('a.yaml', S).identities[0].service);
  assert.equal(ws.removeFile('svc.yaml'), true);
  assert.equal(ws.analyzeFile('a.yaml', S).identities[0].service, undefined);
  assert.equal(ws.removeFile('svc.yaml'), false);
});

test('a Service in the same file wins over one of the same name elsewhere', () => {
  const ws = new ManifestWorkspace();
  ws.setFile('other.yaml', svc('x', '10.0.0.1'));
  ws.setFile('a.yaml', `${svc('x')}---\n${sts('x')}`);
  assert.equal(ws.analyzeFile('a.yaml', S).identities[0].service?.uri, 'a.yaml');
});

test('a changed default namespace applies to resources that name none', () => {
  const ws = new ManifestWorkspace();
  ws.setFile('a.yaml', `${svc('x')}---\n${sts('x')}`);
  const [id] = ws.analyzeFile('a.yaml', { ...S, defaultNamespace: 'dev' }).identities;
  assert.equal(id.namespace, 'dev');
  assert.equal(id.service?.namespace, 'dev');
  assert.equal(id.pods[0].dns, 'db-0.x.dev.svc.cluster.local');
});

test('statefulSetAt finds the StatefulSet around an offset', () => {
  const ws = new ManifestWorkspace();
  const text = `${svc('x')}---\n${sts('x')}`;
  ws.setFile('a.yaml', text);
  assert.equal(ws.statefulSetAt('a.yaml', text.indexOf('replicas'))?.name, 'db');
  assert.equal(ws.statefulSetAt('a.yaml', text.indexOf('clusterIP')), undefined);
});

test('analysing every file of a 4,000-file Kustomize workspace stays linear, and kustomization facts follow edits', () => {
  const app = (i: number) =>
    `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db${i}\nspec:\n  serviceName: db${i}\n  selector:\n    matchLabels: {app: db${i}}\n  template:\n    metadata:\n      labels: {app: db${i}}\n    spec:\n      containers:\n      - {name: c, image: busybox}\n`;
  const workspaceOf = (apps: number) => {
    const w = new ManifestWorkspace();
    for (let i = 0; i < apps; i++) {
      w.setFile(`file:///w/app${i}/sts.yaml`, app(i));
      w.setFile(`file:///w/app${i}/kustomization.yaml`, 'resources:\n- sts.yaml\ncommonLabels:\n  team: a\n');
    }
    return w;
  };
  const analyseAll = (w: ManifestWorkspace) => {
    for (const uri of w.uris()) w.analyzeFile(uri, S);
  };
  // Each file scanned every kustomization of the workspace: 4,000 files took 30 s (quadratic). Ten times the
  // files must cost about ten times the time.
  const growth = growthFactor((n) => analyseAll(workspaceOf(n)), 2000);
  assert.ok(growth.factor < LINEAR_GROWTH_LIMIT, `400 files: ${Math.round(growth.small)} ms, 4,000: ${Math.round(growth.large)} ms`);
  const ws = workspaceOf(2000);
  analyseAll(ws);
  // The selector lacks the commonLabels label the kustomization adds to the template: no mismatch either way.
  assert.deepEqual(ws.analyzeFile('file:///w/app7/sts.yaml', S).findings.filter((f) => f.severity === 'error'), []);
  // Listing the file as a patch instead makes it a partial object: no missing-field findings for it.
  ws.setFile('file:///w/app7/sts.yaml', 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db7\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n      - {name: c, image: busybox}\n');
  const problems = () => ws.analyzeFile('file:///w/app7/sts.yaml', S).findings.filter((f) => f.severity !== 'information').map((f) => f.ruleId);
  assert.deepEqual(problems(), ['missing-selector', 'missing-service-name']);
  ws.setFile('file:///w/app7/kustomization.yaml', 'patches:\n- path: ./sts.yaml\n');
  assert.deepEqual(problems(), []);
});
