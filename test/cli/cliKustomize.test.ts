// `preview --kustomize DIR` and `check --kustomize DIR` through the built CLI with the real kubectl kustomize.
// Expected names are computed from kubectl kustomize's own output by the controller's rules (../kustomize/support.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { distDir, repoRoot } from '../support/paths';
import { sarifValidatorUnavailable, validateSarif } from '../support/sarifValidator';
import { expectedFromRender, kustomizeMissing, kustomizeObjects } from '../kustomize/support';

const cli = path.join(distDir, 'cli.js');
const fixtures = 'test/fixtures/kustomize';
const skip = kustomizeMissing;
if (skip) console.log(`# ${skip}`);

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('preview --kustomize prints the rendered pods, DNS names and PVCs, located in the base', { skip }, () => {
  const r = run('preview', '--kustomize', `${fixtures}/overlays/prod`);
  assert.equal(r.code, 0, r.stderr);
  const objects = kustomizeObjects(path.join(repoRoot, fixtures, 'overlays/prod'));
  const sts = objects.find((o) => o.kind === 'StatefulSet')!;
  const want = expectedFromRender(objects, sts.metadata.name);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], `Overlay prod  ${fixtures}/overlays/prod  (rendered by kubectl kustomize)`);
  assert.equal(lines[1], `StatefulSet ${want.namespace}/${want.name}  ${fixtures}/base/random-generator.yaml:17:9`);
  assert.equal(lines[2], `  replicas ${want.pods.length}, ordinals from 0, OrderedReady, RollingUpdate`);
  assert.equal(lines[3], `  Service   ${want.serviceDns}  headless  ${fixtures}/base/random-generator.yaml:5`);
  const podLines = lines.filter((l) => /^ {4}\S+-\d+ /.test(l));
  assert.deepEqual(podLines.map((l) => l.trim().split(/\s+/)), want.pods.map((p, i) => [p, want.dns[i], 'PVCs:', want.pvcs[i]]));
});

test('preview --kustomize --format json has the rendered identity per overlay', { skip }, () => {
  const r = run('preview', '--kustomize', `${fixtures}/overlays/staging`, '--kustomize', `${fixtures}/overlays/prod`, '--format', 'json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.overlays.map((o: any) => [o.overlay, o.error, o.renderedBy]), [['staging', null, 'kubectl kustomize'], ['prod', null, 'kubectl kustomize']]);
  for (const [i, overlay] of ['staging', 'prod'].entries()) {
    const objects = kustomizeObjects(path.join(repoRoot, fixtures, 'overlays', overlay));
    const want = expectedFromRender(objects, objects.find((o) => o.kind === 'StatefulSet')!.metadata.name);
    const s = out.overlays[i].statefulSets[0];
    assert.deepEqual([s.file, s.name, s.namespace, s.location.start], [`${fixtures}/base/random-generator.yaml`, want.name, want.namespace, { line: 17, column: 9 }]);
    assert.deepEqual(s.pods.map((p: any) => p.dns), want.dns);
    assert.deepEqual(s.update.updated, want.updated);
    assert.deepEqual(s.startOrder, want.startOrder);
  }
});

test('check --kustomize reports rendered-only findings on the line that caused them; exit 1', { skip }, () => {
  const r = run('check', '--kustomize', `${fixtures}/overlays/broken-selector`, '--kustomize', `${fixtures}/overlays/broken`);
  assert.equal(r.code, 1);
  const lines = r.stdout.trim().split('\n').map((l) => l.split(' ').slice(0, 3).join(' '));
  assert.deepEqual(lines, [
    `${fixtures}/overlays/broken-selector/relabel.yaml:8:7 information no-pod-disruption-budget`,
    `${fixtures}/overlays/broken-selector/relabel.yaml:8:7 error selector-mismatch`,
    `${fixtures}/overlays/broken-selector/relabel.yaml:8:7 warning service-selector-mismatch`,
    `${fixtures}/overlays/broken/kustomization.yaml:2:1 error kustomize-build`,
  ]);
  assert.match(r.stdout, /kustomize-build Overlay broken: kustomize could not render it: accumulating resources: .*missing-service\.yaml: no such file or directory/);
  assert.equal(r.stderr, '2 overlays rendered and checked: 2 errors, 1 warning, 1 other\n');
});

test('check --kustomize of a clean overlay exits 0; of a remote base says it is refused', { skip }, () => {
  const clean = run('check', '--kustomize', `${fixtures}/overlays/prod`);
  assert.deepEqual([clean.code, clean.stdout, clean.stderr], [0, '', '1 overlay rendered and checked: 0 errors, 0 warnings, 0 other\n']);
  const remote = run('check', '--kustomize', `${fixtures}/overlays/remote`, '--format', 'json');
  assert.equal(remote.code, 1);
  assert.deepEqual(JSON.parse(remote.stdout), [{
    file: `${fixtures}/overlays/remote/kustomization.yaml`,
    start: { line: 4, column: 5 },
    end: { line: 4, column: 81 },
    severity: 'error',
    rule: 'kustomize-build',
    message: 'Overlay remote: kustomize could not render it: remote base https://github.com/kubernetes-sigs/kustomize//examples/multibases?ref=v5.5.0 not rendered: StatefulSet Lens runs kustomize without network access. Vendor the base into the workspace to preview this overlay.',
  }]);
});

test('check --kustomize --format sarif is valid SARIF pointing at the kustomization', { skip: skip ?? sarifValidatorUnavailable }, () => {
  const r = run('check', '--kustomize', `${fixtures}/overlays/long-prefix`, '--format', 'sarif');
  assert.equal(r.code, 1);
  const log = JSON.parse(r.stdout);
  const results = log.runs[0].results;
  assert.deepEqual(results.map((x: any) => [x.ruleId, x.locations[0].physicalLocation.artifactLocation.uri, x.locations[0].physicalLocation.region.startLine]), [
    ['name-too-long', `${fixtures}/overlays/long-prefix/kustomization.yaml`, 4],
    ['invalid-service-name', `${fixtures}/overlays/long-prefix/kustomization.yaml`, 4],
  ]);
  assert.deepEqual(validateSarif(r.stdout), []);
  // A render error is a result too, for a rule outside the table.
  const broken = run('check', '--kustomize', `${fixtures}/overlays/broken`, '--format', 'sarif');
  assert.deepEqual(JSON.parse(broken.stdout).runs[0].results.map((x: any) => x.ruleId), ['kustomize-build']);
  assert.deepEqual(validateSarif(broken.stdout), []);
});

test('--kustomize usage errors exit 2', () => {
  assert.deepEqual(Object.values(run('check', 'examples', '--kustomize', 'x')).slice(0, 2), [2, '']);
  assert.equal(run('check', '--kustomize', 'x', '--fix').stderr, 'statefulset-lens: --fix and --fix-dry-run do not apply to --kustomize (fix the files the findings point at)\n');
  assert.equal(run('preview', '--kustomize', 'examples').stderr, 'statefulset-lens: examples holds no kustomization.yaml, kustomization.yml or Kustomization\n');
  assert.equal(run('preview', '--kustomize', 'x', '--kustomize-command', 'helm template').stderr, "statefulset-lens: --kustomize-command must be 'kubectl kustomize' or 'kustomize build', not 'helm template'\n");
});

test('the demo under examples/kustomize renders cleanly: both overlays, no finding', { skip }, () => {
  const r = run('check', '--kustomize', 'examples/kustomize/overlays/prod', '--kustomize', 'examples/kustomize/overlays/staging');
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', '2 overlays rendered and checked: 0 errors, 0 warnings, 0 other\n']);
  const staging = JSON.parse(run('preview', '--kustomize', 'examples/kustomize/overlays/staging', '--format', 'json').stdout).overlays[0].statefulSets[0];
  const objects = kustomizeObjects(path.join(repoRoot, 'examples/kustomize/overlays/staging'));
  const want = expectedFromRender(objects, 'rg');
  assert.deepEqual([staging.namespace, staging.pods.map((p: any) => p.dns), staging.update.updated, staging.update.kept], [want.namespace, want.dns, want.updated, want.kept]);
});

test('--kustomize . from inside the overlay, and a base above the working folder, are found and located', { skip }, () => {
  const inside = spawnSync(process.execPath, [cli, 'preview', '--kustomize', '.'], { cwd: path.join(repoRoot, fixtures, 'overlays/prod'), encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(inside.status, 0, inside.stderr);
  assert.deepEqual(inside.stdout.split('\n').slice(0, 2), [
    `Overlay prod  ${path.join(repoRoot, fixtures, 'overlays/prod')}  (rendered by kubectl kustomize)`,
    `StatefulSet shop/prod-rg  ${path.join(repoRoot, fixtures, 'base/random-generator.yaml')}:17:9`,
  ]);
  const beside = spawnSync(process.execPath, [cli, 'check', '--kustomize', 'long-prefix'], { cwd: path.join(repoRoot, fixtures, 'overlays'), encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(beside.status, 1);
  assert.deepEqual(beside.stdout.trim().split('\n').map((l) => l.split(' ').slice(0, 3).join(' ')), [
    'long-prefix/kustomization.yaml:4:1 warning name-too-long',
    'long-prefix/kustomization.yaml:4:1 error invalid-service-name',
  ]);
  const base = spawnSync(process.execPath, [cli, 'preview', '--kustomize', 'prod'], { cwd: path.join(repoRoot, fixtures, 'overlays'), encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(base.stdout.split('\n')[1], 'StatefulSet shop/prod-rg  ../base/random-generator.yaml:17:9');
});
