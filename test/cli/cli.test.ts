// Drives the built CLI (dist/cli.js) as a user would: arguments in, text and exit code out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { distDir, examplesDir, repoRoot } from '../support/paths';
import { sarifValidatorUnavailable, validateSarif } from '../support/sarifValidator';

const cli = path.join(distDir, 'cli.js');
const example = path.join(examplesDir, 'random-generator.yaml');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sts-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

test('preview of the bundled example prints pods, PVCs, DNS, SRV and both orders', () => {
  const r = run('preview', 'examples/random-generator.yaml');
  assert.equal(r.code, 0, r.stderr);
  const expected = [
    'StatefulSet default/rg  examples/random-generator.yaml:18:9',
    '  replicas 2, ordinals from 0, OrderedReady, RollingUpdate',
    '  Service   random-generator.default.svc.cluster.local  headless  examples/random-generator.yaml:6',
    '  SRV       _http._tcp.random-generator.default.svc.cluster.local → port 8080',
    '',
    '  Pods',
    '    rg-0  rg-0.random-generator.default.svc.cluster.local  PVCs: logs-rg-0',
    '    rg-1  rg-1.random-generator.default.svc.cluster.local  PVCs: logs-rg-1',
    '',
    '  Start order        rg-0 → rg-1  (one at a time, each Running and Ready first)',
    '  Scale-down order   rg-1 → rg-0',
    '  Rolling update     rg-1 → rg-0',
    '  Scale down by one  rg-1 removed; logs-rg-1 kept (whenScaled: Retain)',
    '  On delete          PVCs kept: logs-rg-0, logs-rg-1 (whenDeleted: Retain)',
    '',
    '',
  ].join('\n');
  assert.equal(r.stdout, expected);
});

test('preview with ordinals.start 5, replicas 3 and partition 1 names rg-5..rg-7 and updates rg-7, rg-6 only', () => {
  const src = readFileSync(example, 'utf8').replace('  replicas: 2\n', '  replicas: 3\n  ordinals:\n    start: 5\n  updateStrategy:\n    rollingUpdate:\n      partition: 1\n');
  const dir = tempDir({ 'rg.yaml': src });
  const r = run('preview', path.join(dir, 'rg.yaml'), '--format', 'json');
  assert.equal(r.code, 0, r.stderr);
  const [sts] = JSON.parse(r.stdout).statefulSets;
  assert.deepEqual(sts.pods.map((p: { name: string }) => p.name), ['rg-5', 'rg-6', 'rg-7']);
  assert.deepEqual(sts.claimTemplates[0].pvcs, ['logs-rg-5', 'logs-rg-6', 'logs-rg-7']);
  assert.deepEqual(sts.update, { type: 'RollingUpdate', partition: 1, maxUnavailable: null, updated: ['rg-7', 'rg-6'], kept: ['rg-5'] });
});

test('preview --format json carries the same content with 1-based locations', () => {
  const r = run('preview', example, '--format=json', '--cluster-domain', 'corp.local', '--namespace', 'shop');
  assert.equal(r.code, 0, r.stderr);
  const [sts] = JSON.parse(r.stdout).statefulSets;
  assert.equal(sts.namespace, 'shop');
  assert.deepEqual(sts.location, { start: { line: 18, column: 9 }, end: { line: 18, column: 11 } });
  assert.deepEqual(sts.pods[1], { ordinal: 1, name: 'rg-1', dns: 'rg-1.random-generator.shop.svc.corp.local', pvcs: ['logs-rg-1'] });
  assert.deepEqual(sts.srvRecords, [{ portName: 'http', protocol: 'tcp', port: 8080, record: '_http._tcp.random-generator.shop.svc.corp.local' }]);
  assert.deepEqual(sts.startOrder, [['rg-0'], ['rg-1']]);
  assert.deepEqual(sts.retention.onScaleDown, { pod: 'rg-1', pvcs: [{ pvc: 'logs-rg-1', action: 'Retain' }] });
});

test('a folder is searched for .yaml and .yml files, and a Service in another file resolves', () => {
  const dir = tempDir({
    'sts/db.yml': 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec: {serviceName: db-hl, replicas: 1}\n',
    'svc/db.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: db-hl}\nspec: {clusterIP: None}\n',
    'notes.txt': 'kind: StatefulSet\n',
    'node_modules/x.yaml': 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: ignored}\n',
  });
  const r = run('preview', dir, '--format', 'json');
  assert.equal(r.code, 0, r.stderr);
  const all = JSON.parse(r.stdout).statefulSets;
  assert.deepEqual(all.map((s: { name: string }) => s.name), ['db']);
  assert.equal(all[0].service.file, path.join(dir, 'svc/db.yaml'));
  assert.equal(all[0].service.headless, true);
});

test('check exits 1 on a YAML error and prints path:line:col severity rule-id message', () => {
  const dir = tempDir({ 'bad.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n\tname: x\n' });
  const file = path.join(dir, 'bad.yaml');
  const r = run('check', file);
  assert.equal(r.code, 1);
  assert.match(r.stdout.split('\n')[0], new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:1 error yaml-syntax YAML syntax error: `));
  assert.match(r.stderr, /1 file checked: \d+ errors?/);
});

test('check exits 2 and names the file when an input cannot be read', () => {
  const r = run('check', 'no/such/file.yaml');
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'statefulset-lens: cannot read no/such/file.yaml: no such file or folder\n');
});

test('bad usage exits 2 with a message that points at --help', () => {
  assert.deepEqual([run('frobnicate').code, run('frobnicate').stderr], [2, "statefulset-lens: unknown command 'frobnicate': use 'preview', 'check' or 'plan' (see --help)\n"]);
  assert.equal(run('preview').code, 2);
  assert.equal(run('preview', example, '--format', 'xml').stderr, "statefulset-lens: --format must be text, json, sarif or codeclimate, not 'xml'\n");
  assert.equal(run('check', example, '--rule', 'nonsense').code, 2);
});

test('--help explains both commands and the exit codes', () => {
  const r = run('--help');
  assert.equal(r.code, 0);
  for (const s of ['statefulset-lens preview <file|dir>...', 'statefulset-lens check   <file|dir>...', '--cluster-domain', '--format text|json|sarif|codeclimate', 'Exit status:']) {
    assert.ok(r.stdout.includes(s), `help mentions ${s}`);
  }
});

test('colour is used only on a terminal: piped output has no escape codes', () => {
  const r = spawnSync(process.execPath, [cli, 'preview', example], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
  assert.equal(r.status, 0);
  assert.equal(/\x1b\[/.test(r.stdout), false);
});

test('check --format sarif on examples/ and a faulty file is SARIF 2.1.0 that Microsoft’s validator accepts', { skip: sarifValidatorUnavailable }, () => {
  const dir = tempDir({ 'bad/sts.yaml': readFileSync(example, 'utf8').replace('  replicas: 2\n', '  replicas: 2\n  podManagementPolicy: Paralel\n') });
  const r = run('check', '--format', 'sarif', 'examples/', path.join(dir, 'bad'));
  assert.equal(r.code, 1, r.stderr);
  const log = JSON.parse(r.stdout);
  assert.equal(log.version, '2.1.0');
  const run0 = log.runs[0];
  assert.equal(run0.tool.driver.name, 'statefulset-lens');
  assert.ok(run0.tool.driver.rules.some((rule: { id: string }) => rule.id === 'invalid-pod-management-policy'));
  const result = run0.results.find((x: { ruleId: string }) => x.ruleId === 'invalid-pod-management-policy');
  assert.equal(result.level, 'error');
  assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 22, startColumn: 24, endLine: 22, endColumn: 31 });
  assert.deepEqual(result.fixes[0], {
    description: { text: "Change to 'Parallel'" },
    artifactChanges: [
      {
        artifactLocation: { uri: `file://${path.join(dir, 'bad/sts.yaml')}` },
        replacements: [{ deletedRegion: { startLine: 22, startColumn: 24, endLine: 22, endColumn: 31 }, insertedContent: { text: 'Parallel' } }],
      },
    ],
    properties: { isPreferred: true },
  });
  assert.deepEqual(validateSarif(r.stdout), []);
});

test('--rule and --config change severities; an unknown rule id is refused with exit 2', () => {
  const dir = tempDir({
    'sts.yaml': readFileSync(example, 'utf8').replace('  replicas: 2\n', '  replicas: 2\n  podManagementPolicy: Paralel\n'),
    'cfg.json': JSON.stringify({ rules: { 'invalid-pod-management-policy': 'warning' } }),
    'bad.json': JSON.stringify({ rules: { 'no-such-rule': 'off' } }),
  });
  const file = path.join(dir, 'sts.yaml');
  assert.equal(run('check', file).code, 1);
  assert.equal(run('check', file, '--rule', 'invalid-pod-management-policy=off').code, 0);
  const viaConfig = run('check', file, '--config', path.join(dir, 'cfg.json'));
  assert.equal(viaConfig.code, 0);
  assert.match(viaConfig.stdout, /:22:24 warning invalid-pod-management-policy /);
  const bad = run('check', file, '--config', path.join(dir, 'bad.json'));
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /no-such-rule/);
});

test('the README shows exactly what npm start prints for the bundled example', () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const block = /`npm start` prints what `examples\/random-generator\.yaml` will produce:\n\n```\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, 'README has the npm start output block');
  assert.equal(block[1].trimEnd(), run('preview', 'examples/random-generator.yaml').stdout.trimEnd());
});
