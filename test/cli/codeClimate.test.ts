// `check --format codeclimate`: the GitLab code quality report, from the built CLI run in a repository folder.
// Paths are relative to the working directory, lines 1-based, and a finding's fingerprint survives lines being
// added above it (GitLab compares fingerprints between the merge request and its base).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { distDir, examplesDir } from '../support/paths';

const cli = path.join(distDir, 'cli.js');
const EXAMPLE = readFileSync(path.join(examplesDir, 'random-generator.yaml'), 'utf8');
const BAD = EXAMPLE.replace('  replicas: 2\n', '  replicas: 2\n  podManagementPolicy: Paralel\n');

function checkIn(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, 'check', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sts-codeclimate-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

test('check --format codeclimate reports each finding as a GitLab code quality issue, exit 1 on an error', () => {
  const dir = repo({ 'k8s/sts.yaml': BAD, 'k8s/good.yaml': EXAMPLE.replace(/random-generator/g, 'other').replace(/\brg\b/g, 'other-sts') });
  try {
    const r = checkIn(dir, '--format', 'codeclimate', 'k8s/');
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, '');
    const report = JSON.parse(r.stdout);
    assert.equal(report.length, 1);
    const [issue] = report;
    assert.match(issue.fingerprint, /^[0-9a-f]{32}$/);
    assert.deepEqual({ ...issue, fingerprint: '…' }, {
      type: 'issue',
      check_name: 'invalid-pod-management-policy',
      description: issue.description,
      categories: ['Bug Risk'],
      severity: 'critical',
      fingerprint: '…',
      location: { path: 'k8s/sts.yaml', lines: { begin: 22, end: 22 } },
    });
    assert.match(issue.description, /^podManagementPolicy "Paralel" is not/);
    // Three lines added above the finding: same fingerprint, new line.
    writeFileSync(path.join(dir, 'k8s/sts.yaml'), `# a\n# b\n# c\n${BAD}`);
    const moved = JSON.parse(checkIn(dir, '--format', 'codeclimate', 'k8s/').stdout);
    assert.deepEqual([moved[0].fingerprint, moved[0].location.lines.begin], [issue.fingerprint, 25]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('identical findings in one file get distinct fingerprints; a clean tree is an empty report with exit 0', () => {
  const twice = `${BAD}---\n${BAD.replace('name: rg', 'name: rg2')}`;
  const dir = repo({ 'twice.yaml': twice, 'clean/ok.yaml': EXAMPLE });
  try {
    const report = JSON.parse(checkIn(dir, '--format', 'codeclimate', 'twice.yaml').stdout);
    const policy = report.filter((i: { check_name: string }) => i.check_name === 'invalid-pod-management-policy');
    assert.equal(policy.length, 2);
    assert.notEqual(policy[0].fingerprint, policy[1].fingerprint);
    const clean = checkIn(dir, '--format', 'codeclimate', 'clean/');
    assert.deepEqual([clean.code, clean.stdout], [0, '[]\n']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--format codeclimate is for check only', () => {
  const r = spawnSync(process.execPath, [cli, 'preview', path.join(examplesDir, 'random-generator.yaml'), '--format', 'codeclimate'], { encoding: 'utf8' });
  assert.deepEqual([r.status, r.stderr], [2, 'statefulset-lens: --format codeclimate is available for check only\n']);
});
