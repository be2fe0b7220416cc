// The npm package as a user installs it for CI: `npm pack` of this checkout (what the test run built into dist/),
// installed globally into a temporary prefix offline with an empty cache (so nothing comes from the registry),
// then the installed `statefulset-lens` checks the example; and the pre-commit hook of .pre-commit-hooks.yaml,
// run by Debian's pre-commit in a temporary git repository, blocks a commit of a bad manifest with the finding.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { examplesDir, repoRoot } from '../support/paths';

/**
 * Exactly what the package holds: the command (npm adds the `bin` file), the extension's runtime files and the
 * README's screenshots (the extension's details page shows them), as package.json `files` lists them.
 */
const PACKAGE_FILES = [
  'CHANGELOG.md',
  'LICENSE',
  'README.md',
  'client/media/preview.css',
  'client/media/preview.js',
  'dist/cli.js',
  'dist/client.js',
  'dist/isomorphicGit.js',
  'dist/parseWorker.js',
  'dist/server.js',
  'dist/validateK8s.js',
  // The README's screenshots: the extension's details page shows them.
  ...[...readFileSync(path.join(repoRoot, 'README.md'), 'utf8').matchAll(/\]\((docs\/images\/[^)]+\.png)\)/g)].map((m) => m[1]),
  'docs/rules.md',
  'icon.png',
  'package.json',
  'server/schemas/k8s-statefulset-lens.schema.json',
  'syntaxes/statefulsetLensInjection.tmLanguage.json',
];

const EXAMPLE = readFileSync(path.join(examplesDir, 'random-generator.yaml'), 'utf8');
const BAD = EXAMPLE.replace('  replicas: 2\n', '  replicas: 2\n  podManagementPolicy: Paralel\n');

let tmp: string;
let prefix: string;
let packedFiles: string[];
let installError: string | undefined;

/** The environment without npm's own variables (npm test sets npm_config_*), so the flags given decide. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return { ...env, NO_COLOR: '1', ...extra };
}

function run(cmd: string, args: string[], options: SpawnSyncOptions = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000, env: cleanEnv(), ...options });
  return { code: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), error: r.error };
}

before(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'sts-lens-install-'));
  prefix = path.join(tmp, 'prefix');
  // --ignore-scripts: pack the dist/ this test run built (prepack would rebuild it for production).
  const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: repoRoot });
  if (pack.code !== 0) {
    installError = `npm pack failed: ${pack.stderr}`;
    return;
  }
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  packedFiles = info.files.map((f) => f.path).sort();
  // Offline with an empty cache: any dependency to fetch would fail the install (ENOTCACHED).
  const install = run('npm', ['install', '--global', '--prefix', prefix, '--offline', '--cache', path.join(tmp, 'cache'), '--no-audit', '--no-fund', path.join(tmp, info.filename)]);
  if (install.code !== 0) installError = `npm install of the tarball failed: ${install.stderr}`;
});

after(() => {
  rmSync(tmp, { recursive: true, force: true });
});

test('npm pack holds only the command and the extension\'s runtime files', () => {
  assert.ok(packedFiles, installError);
  assert.deepEqual(packedFiles, [...new Set(PACKAGE_FILES)].sort());
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  assert.deepEqual(manifest.bin, { 'statefulset-lens': 'dist/cli.js' });
  assert.equal(manifest.dependencies, undefined, 'the bundles have no runtime dependencies');
});

test('the tarball installs offline into a prefix, and its statefulset-lens checks the example', () => {
  assert.equal(installError, undefined);
  const bin = path.join(prefix, 'bin', 'statefulset-lens');
  assert.equal(existsSync(path.join(prefix, 'lib/node_modules/statefulset-lens/node_modules')), false, 'nothing else was installed');
  const good = run(bin, ['check', path.join(examplesDir, 'random-generator.yaml')]);
  assert.deepEqual([good.code, good.stdout, good.stderr], [0, '', '1 file checked: 0 errors, 0 warnings, 0 other\n']);
  const badFile = path.join(tmp, 'bad.yaml');
  writeFileSync(badFile, BAD);
  const bad = run(bin, ['check', badFile]);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /bad\.yaml:22:24 error invalid-pod-management-policy podManagementPolicy "Paralel"/);
});

const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const required = process.env.STATEFULSET_LENS_REQUIRE_EDITORS === '1';

test('the pre-commit hook blocks a commit of a bad manifest with the finding and lets a good one through', (t) => {
  if (preCommit.status !== 0) {
    if (required) assert.fail('pre-commit is not installed but STATEFULSET_LENS_REQUIRE_EDITORS=1 (apt-get install -y pre-commit)');
    t.skip('pre-commit is not installed (apt-get install pre-commit); skipping the hook test');
    return;
  }
  assert.equal(installError, undefined);
  const env = cleanEnv({
    PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH}`,
    HOME: path.join(tmp, 'home'),
    PRE_COMMIT_HOME: path.join(tmp, 'pre-commit-cache'),
    GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com',
    GIT_CONFIG_NOSYSTEM: '1',
  });
  mkdirSync(env.HOME!, { recursive: true });
  const git = (cwd: string, ...args: string[]) => run('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, env });
  // The hook repository: a git repository of this package's hook definition (pre-commit clones it by path).
  const hooks = path.join(tmp, 'hooks-repo');
  mkdirSync(hooks);
  cpSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), path.join(hooks, '.pre-commit-hooks.yaml'));
  cpSync(path.join(repoRoot, 'package.json'), path.join(hooks, 'package.json'));
  assert.equal(git(hooks, 'init', '-q').code, 0);
  git(hooks, 'add', '.');
  assert.equal(git(hooks, 'commit', '-q', '-m', 'hooks').code, 0);
  const rev = git(hooks, 'rev-parse', 'HEAD').stdout.trim();
  // The user's repository, with the hook configured as docs/ci.md shows.
  const project = path.join(tmp, 'project');
  mkdirSync(project);
  git(project, 'init', '-q');
  writeFileSync(path.join(project, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hooks}\n    rev: ${rev}\n    hooks:\n      - id: statefulset-lens\n`);
  const install = run('pre-commit', ['install'], { cwd: project, env });
  assert.equal(install.code, 0, install.stderr);

  writeFileSync(path.join(project, 'sts.yaml'), BAD);
  git(project, 'add', '.');
  const blocked = git(project, 'commit', '-m', 'bad manifest');
  assert.equal(blocked.code, 1, blocked.stdout + blocked.stderr);
  const output = blocked.stdout + blocked.stderr;
  assert.match(output, /statefulset-lens check\.+Failed/);
  assert.match(output, /sts\.yaml:22:24 error invalid-pod-management-policy podManagementPolicy "Paralel"/);
  assert.equal(git(project, 'rev-parse', '--verify', '-q', 'HEAD').code, 1, 'nothing was committed');

  writeFileSync(path.join(project, 'sts.yaml'), EXAMPLE);
  git(project, 'add', '.');
  const passed = git(project, 'commit', '-m', 'good manifest');
  assert.equal(passed.code, 0, passed.stdout + passed.stderr);
  assert.match(passed.stdout + passed.stderr, /statefulset-lens check\.+Passed/);
});
