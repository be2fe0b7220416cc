// Every check must survive any shape of input: this replaces each value of a complete StatefulSet workspace,
// one at a time, with values of the wrong kind and runs the catalogue strictly (a throwing check fails).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { growthFactor, LINEAR_GROWTH_LIMIT } from '../support/growth';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace } from '../../server/src/analysis/index';
import { checkFileStrict } from '../../server/src/analysis/rules/index';
import { repoRoot } from '../support/paths';

const base = readFileSync(path.join(repoRoot, 'test/rules/fixtures/clean-workspace.yaml'), 'utf8');
const junk = ['', ' null', ' []', ' {}', ' "x"', ' 1', ' -1', ' 1.5', ' true', ' [1, [2]]', ' {a: {b: c}}', ' {{ .Values.x }}'];

test('no check throws when any value of a StatefulSet workspace has the wrong kind', () => {
  const lines = base.split('\n');
  let runs = 0;
  lines.forEach((line, i) => {
    const m = /^(\s*(?:- )?[A-Za-z0-9./-]+:)( .*)?$/.exec(line);
    if (!m) return;
    for (const j of junk) {
      const text = [...lines.slice(0, i), m[1] + j, ...lines.slice(i + 1)].join('\n');
      for (const uri of ['file:///w/a.yaml', 'file:///w/templates/a.yaml']) {
        const ws = new ManifestWorkspace();
        ws.setFile(uri, text);
        const file = ws.getFile(uri)!;
        for (const version of ['1.35', '1.30']) {
          const settings = { ...DEFAULT_ANALYSIS_SETTINGS, kubernetesVersion: version };
          const statefulSets = file.resources.filter((r) => r.recognized === 'StatefulSet').map((resource) => ({ resource, identity: ws.identityOf(resource, settings) }));
          assert.doesNotThrow(() => checkFileStrict({ file, workspace: ws, settings, statefulSets }), `line ${i + 1} as "${m[1] + j}"`);
          runs++;
        }
      }
    }
  });
  assert.ok(runs > 1000, `only ${runs} variants ran`);
});

test('a StatefulSet with 5,000 volumes and 5,000 unknown mounts is checked in linear time, with messages of bounded length', () => {
  const manifest = (n: number) => {
    const volumes = Array.from({ length: n }, (_, i) => `      - name: vol-${i}\n        emptyDir: {}\n`).join('');
    const mounts = Array.from({ length: n }, (_, i) => `        - name: mnt-${i * 7919}\n          mountPath: /m${i}\n`).join('');
    return [
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata:',
      '  name: web',
      'spec:',
      '  serviceName: web',
      '  selector:',
      '    matchLabels: {app: web}',
      '  template:',
      '    metadata:',
      '      labels: {app: web}',
      '    spec:',
      '      containers:',
      '      - name: c',
      '        image: busybox',
      '        volumeMounts:',
      mounts + '      volumes:',
      volumes,
    ].join('\n');
  };
  const workspaceOf = (n: number) => {
    const ws = new ManifestWorkspace();
    ws.setFile('file:///w/big.yaml', manifest(n));
    return ws;
  };
  const findings = workspaceOf(5000).analyzeFile('file:///w/big.yaml', DEFAULT_ANALYSIS_SETTINGS).findings.filter((f) => f.ruleId === 'unknown-volume-mount');
  assert.equal(findings.length, 5000);
  // 25 million name comparisons took a minute (quadratic): ten times the mounts must cost about ten times the time.
  const growth = growthFactor((n) => workspaceOf(n).analyzeFile('file:///w/big.yaml', DEFAULT_ANALYSIS_SETTINGS), 5000);
  assert.ok(growth.factor < LINEAR_GROWTH_LIMIT, `500 mounts: ${Math.round(growth.small)} ms, 5,000: ${Math.round(growth.large)} ms`);
  assert.ok(Math.max(...findings.map((f) => f.message.length)) < 1000, 'a message lists every volume of the pod');
  assert.match(findings[0].message, /^Container "c" mounts volume "mnt-0", which is neither a pod volume nor a volumeClaimTemplate \(the pod has "vol-0", "vol-1", .*, and 4990 more\)/);
});
