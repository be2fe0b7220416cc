// `statefulset-lens plan` and `check --baseline` as a user runs them (dist/cli.js) in real git repositories:
// text and JSON, a branch as baseline, a file new since the baseline, no repository, a shallow clone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { distDir } from '../support/paths';
import { git, gitMissing, makeRepo, webStatefulSet } from '../support/gitRepo';

const cli = path.join(distDir, 'cli.js');

function run(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const FORBIDDEN = "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

test('plan prints each StatefulSet against HEAD, refused changes first, and exits 1 when the API server would refuse', { skip: gitMissing }, () => {
  const repo = makeRepo();
  repo.write('k8s/web.yaml', webStatefulSet());
  const head = repo.commit('one');
  repo.write('k8s/web.yaml', webStatefulSet({ replicas: 5, serviceName: 'web-headless' }));
  const r = run(repo.dir, 'plan', 'k8s');
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(
    r.stdout,
    [
      `StatefulSet default/web  k8s/web.yaml:4:9 against HEAD (${head.slice(0, 12)})`,
      '  1. refused serviceName "web" → "web-headless": refused by the API server [immutable-field-changed] line 6',
      `     spec.serviceName changed from "web" (at HEAD) to "web-headless": the API server refuses this update with "${FORBIDDEN}". To change it, delete the StatefulSet but keep its pods and PVCs: kubectl delete statefulset web --cascade=orphan, then apply; the new StatefulSet adopts the running pods (its selector still matches their labels) and reuses their PVCs by name. The adopted pods keep their DNS names under the old Service until they are recreated.`,
      '  2. info scale up 3 → 5: creates web-3, web-4 [apply-plan] line 7',
      '     Scale-up from 3 (at HEAD) to 5: web-3, web-4 are created one at a time in ordinal order, each after the one before is Running and Ready (OrderedReady), with PVCs www-web-3, www-web-4 (created empty, or mounted again when a scale-down left them behind).',
      '',
    ].join('\n'),
  );
});

test('plan --format json carries the baseline commit, the lens and every step with its position', { skip: gitMissing }, () => {
  const repo = makeRepo();
  repo.write('web.yaml', webStatefulSet({ replicas: 4 }));
  const head = repo.commit('one');
  repo.write('web.yaml', webStatefulSet({ replicas: 2 }));
  const r = run(repo.dir, 'plan', 'web.yaml', '--format', 'json');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [
    {
      file: 'web.yaml',
      baseline: { revision: 'HEAD', commit: head },
      statefulSets: [
        {
          name: 'web',
          namespace: 'default',
          line: 4,
          column: 9,
          baselineObject: { name: 'web', namespace: 'default', uri: 'web.yaml' },
          lens: 'apply: −2 pods',
          steps: [
            {
              kind: 'scale-down',
              rule: 'statefulset-scale-down',
              severity: 'information',
              summary: 'scale down 4 → 2: deletes web-3, web-2, keeps 2 PVCs',
              message: 'Scale-down from 4 (at HEAD) to 2: web-3, web-2 are deleted one at a time, highest ordinal first, each after the one above has terminated (OrderedReady). Their PVCs www-web-3, www-web-2 are kept (whenScaled: Retain) and are mounted again if those ordinals come back.',
              line: 7,
              column: 13,
            },
          ],
        },
      ],
    },
  ]);
});

test('plan --baseline takes a branch; a StatefulSet moved to a new file is matched by name, not renamed', { skip: gitMissing }, () => {
  const repo = makeRepo();
  repo.write('old.yaml', webStatefulSet());
  repo.commit('one');
  repo.git('checkout', '-q', '-b', 'work');
  repo.write('old.yaml', '# moved\n');
  repo.write('apps/new.yaml', webStatefulSet({ image: 'nginx:1.28' }));
  const r = run(repo.dir, 'plan', '--baseline', 'main', 'apps/new.yaml', '--format', 'json');
  assert.equal(r.code, 0, r.stderr);
  const [file] = JSON.parse(r.stdout);
  assert.equal(file.baseline.revision, 'main');
  assert.deepEqual(file.statefulSets[0].baselineObject, { name: 'web', namespace: 'default', uri: 'old.yaml' });
  assert.deepEqual(file.statefulSets[0].steps.map((s: { kind: string; summary: string }) => `${s.kind}: ${s.summary}`), ['rolling-update: rolling update web-2 → web-0']);
});

test('check --baseline adds the plan findings to the others; without the flag they are not there', { skip: gitMissing }, () => {
  const repo = makeRepo();
  repo.write('web.yaml', webStatefulSet());
  repo.commit('one');
  repo.write('web.yaml', webStatefulSet({ storage: '2Gi', replicas: 1 }));
  const r = run(repo.dir, 'check', 'web.yaml', '--baseline', 'HEAD', '--format', 'json', '--rule', 'service-not-found=off', '--rule', 'no-pod-disruption-budget=off');
  assert.equal(r.code, 1, r.stderr);
  const found = JSON.parse(r.stdout).map((f: { start: { line: number }; rule: string; severity: string }) => `${f.start.line} ${f.severity} ${f.rule}`);
  assert.deepEqual(found, ['7 information statefulset-scale-down', '29 error immutable-field-changed']);
  const without = run(repo.dir, 'check', 'web.yaml', '--format', 'json', '--rule', 'service-not-found=off', '--rule', 'no-pod-disruption-budget=off');
  assert.equal(without.code, 0, without.stderr);
  assert.deepEqual(JSON.parse(without.stdout), []);
});

test('a file new since the baseline, no repository and a shallow clone without the revision: no plan, one line why', { skip: gitMissing }, () => {
  const repo = makeRepo();
  repo.write('a.yaml', 'kind: ConfigMap\n');
  repo.commit('one');
  repo.write('new.yaml', webStatefulSet());
  const fresh = run(repo.dir, 'plan', 'new.yaml');
  assert.equal(fresh.code, 0, fresh.stderr);
  assert.match(fresh.stdout, /^StatefulSet default\/web {2}new\.yaml:4:9 against HEAD \([0-9a-f]{12}\)\n {2}new\.yaml is new since HEAD: apply creates StatefulSet web with 3 pods\.\n$/);

  const plain = mkdtempSync(path.join(tmpdir(), 'sts-plain-'));
  writeFileSync(path.join(plain, 'web.yaml'), webStatefulSet());
  const none = run(plain, 'plan', 'web.yaml');
  assert.equal(none.code, 0);
  assert.equal(none.stdout, `web.yaml: No apply plan: ${plain} is not in a git repository.\n`);
  assert.equal(none.stderr, `statefulset-lens: No apply plan: ${plain} is not in a git repository.\n`);

  repo.write('new.yaml', webStatefulSet());
  repo.commit('two');
  const cloneDir = mkdtempSync(path.join(tmpdir(), 'sts-shallow-cli-'));
  git(cloneDir, 'clone', '-q', '--depth', '1', `file://${repo.dir}`, 's');
  const clone = path.join(cloneDir, 's');
  const shallow = run(clone, 'check', 'new.yaml', '--baseline', 'origin/feature');
  assert.equal(shallow.stderr.split('\n')[0], `statefulset-lens: No apply plan: the revision origin/feature is not in the repository at ${clone}. This is a shallow clone: fetch the revision (git fetch --deepen or git fetch origin <branch>).`);
});

test('--baseline needs a value and is not for preview', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sts-args-'));
  writeFileSync(path.join(dir, 'web.yaml'), webStatefulSet());
  assert.deepEqual(run(dir, 'plan', 'web.yaml', '--baseline'), { code: 2, stdout: '', stderr: 'statefulset-lens: --baseline needs a revision (HEAD, origin/main, a commit id)\n' });
  assert.deepEqual(run(dir, 'preview', 'web.yaml', '--baseline', 'HEAD'), { code: 2, stdout: '', stderr: 'statefulset-lens: --baseline is available for check and plan only\n' });
});
