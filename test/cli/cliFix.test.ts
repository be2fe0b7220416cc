// `check --fix` and `--fix-dry-run` against the built CLI (dist/cli.js), on temporary copies of the example:
// what is written byte for byte, what is printed, exit codes on what remains, and files left alone on failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { distDir, examplesDir, repoRoot } from '../support/paths';
import { sarifValidatorUnavailable, validateSarif } from '../support/sarifValidator';

const cli = path.join(distDir, 'cli.js');
const EXAMPLE = readFileSync(path.join(examplesDir, 'random-generator.yaml'), 'utf8');
/** The example with a misspelt podManagementPolicy (line 22, column 24), and the same after the fix. */
const TYPO = EXAMPLE.replace('  replicas: 2\n', '  replicas: 2\n  podManagementPolicy: Paralel\n');
const FIXED = EXAMPLE.replace('  replicas: 2\n', '  replicas: 2\n  podManagementPolicy: Parallel\n');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempFile(name: string, content: string | Buffer): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sts-fix-'));
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return { dir, file };
}

test('check --fix corrects podManagementPolicy: Paralel in the file, reports it, and exits 0 on what remains', () => {
  const { file } = tempFile('sts.yaml', TYPO);
  assert.equal(run('check', file).code, 1);
  const r = run('check', '--fix', file);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'fixed 1 finding in 1 file\n1 file checked: 0 errors, 0 warnings, 0 other\n');
  assert.equal(readFileSync(file, 'utf8'), FIXED);
  assert.deepEqual([run('check', file).code, run('check', '--fix', file).stderr], [0, 'fixed 0 findings in 0 files\n1 file checked: 0 errors, 0 warnings, 0 other\n']);
});

test('--fix keeps CRLF line breaks, the byte order mark and the file mode: only the edited bytes change', () => {
  const crlf = (s: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s.replace(/\n/g, '\r\n'), 'utf8')]);
  const { dir, file } = tempFile('sts.yaml', crlf(TYPO));
  chmodSync(file, 0o640);
  const r = run('check', '--fix', file);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readFileSync(file), crlf(FIXED));
  assert.equal(statSync(file).mode & 0o777, 0o640);
  assert.deepEqual(readdirSync(dir), ['sts.yaml'], 'no temporary file is left behind');
});

test('--fix-dry-run prints the change as a unified diff, writes nothing, and exits on what would remain', () => {
  const { dir, file } = tempFile('sts.yaml', TYPO);
  const r = run('check', '--fix-dry-run', file);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    [
      `--- ${file}`,
      `+++ ${file}`,
      '@@ -19,7 +19,7 @@',
      ' spec:',
      '   serviceName: random-generator',
      '   replicas: 2',
      '-  podManagementPolicy: Paralel',
      '+  podManagementPolicy: Parallel',
      '   selector:',
      '     matchLabels:',
      '       app: random-generator',
      '',
    ].join('\n'),
  );
  assert.equal(r.stderr, 'would fix 1 finding in 1 file\n1 file checked: 0 errors, 0 warnings, 0 other\n');
  assert.equal(readFileSync(file, 'utf8'), TYPO);
  assert.deepEqual(readdirSync(dir), ['sts.yaml']);
});

test('a file that is not valid UTF-8 is left byte for byte, its fix skipped with a message naming it', () => {
  const bytes = Buffer.concat([Buffer.from(TYPO, 'utf8'), Buffer.from('# caf\xe9\n', 'latin1')]);
  const { file } = tempFile('latin1.yaml', bytes);
  const r = run('check', '--fix', file);
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr.split('\n')[0],
    `statefulset-lens: skipped "Change to 'Parallel'" for invalid-pod-management-policy at ${file}:22:24: ${file} is not valid UTF-8, so it is left as it is`,
  );
  assert.match(r.stderr, /^fixed 0 findings in 0 files$/m);
  assert.deepEqual(readFileSync(file), bytes);
});

/**
 * Makes `dir` refuse new files until the returned function undoes it: a read-only mode for ordinary users,
 * the immutable attribute for root (whom modes do not stop). Undefined when neither is possible here.
 */
function lockFolder(dir: string): (() => void) | undefined {
  if (process.getuid?.() !== 0) {
    chmodSync(dir, 0o555);
    return () => chmodSync(dir, 0o755);
  }
  const r = spawnSync('chattr', ['+i', dir], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  return () => spawnSync('chattr', ['-i', dir]);
}

const lockProbe = (() => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sts-lock-probe-'));
  const unlock = lockFolder(dir);
  unlock?.();
  return unlock ? undefined : 'skipped: running as root where chattr +i is unavailable, so no folder can be made unwritable';
})();

test('a file that cannot be written exits 2 naming it, and the original is untouched', { skip: lockProbe }, () => {
  const { dir, file } = tempFile('sts.yaml', TYPO);
  const unlock = lockFolder(dir)!;
  let r;
  try {
    r = run('check', '--fix', file);
  } finally {
    unlock();
  }
  assert.equal(r.code, 2);
  assert.match(r.stderr, new RegExp(`^statefulset-lens: cannot write ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: (EACCES|EPERM); nothing was written\\n$`));
  assert.equal(readFileSync(file, 'utf8'), TYPO);
  assert.deepEqual(readdirSync(dir), ['sts.yaml']);
});

test('--fix through a symlink rewrites the file it points to and keeps the link', () => {
  const { dir, file } = tempFile('real.yaml', TYPO);
  const link = path.join(dir, 'link.yaml');
  symlinkSync(file, link);
  const r = run('check', '--fix', link);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.equal(readFileSync(file, 'utf8'), FIXED);
});

test('check --fix --format sarif describes what remains, with its fixes, and Microsoft’s validator accepts it', { skip: sarifValidatorUnavailable }, () => {
  const { file } = tempFile('sts.yaml', TYPO.replace('  replicas: 2\n', '  replicas: 2\n  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      partition: -1\n'));
  const r = run('check', '--fix', '--format', 'sarif', file);
  assert.equal(r.code, 1, 'the negative partition has no preferred fix and remains an error');
  assert.equal(r.stderr, 'fixed 1 finding in 1 file\n');
  const log = JSON.parse(r.stdout);
  assert.deepEqual(
    log.runs[0].results.map((x: { ruleId: string }) => x.ruleId),
    ['negative-value'],
  );
  assert.deepEqual(log.runs[0].results[0].fixes, [
    {
      description: { text: 'Disable negative-value for this line' },
      artifactChanges: [
        {
          artifactLocation: { uri: `file://${file}` },
          replacements: [{ deletedRegion: { startLine: 25, startColumn: 1, endLine: 25, endColumn: 1 }, insertedContent: { text: '      # statefulset-lens-disable-next-line negative-value\n' } }],
        },
      ],
    },
  ]);
  assert.deepEqual(validateSarif(r.stdout), []);
});

test('--fix and --fix-dry-run are for check only, exclusive, and the dry run takes no --format json or sarif', () => {
  const { file } = tempFile('sts.yaml', TYPO);
  assert.deepEqual([run('preview', file, '--fix').code, run('preview', file, '--fix').stderr], [2, 'statefulset-lens: --fix is available for check only\n']);
  assert.equal(run('check', file, '--fix', '--fix-dry-run').stderr, 'statefulset-lens: use --fix or --fix-dry-run, not both\n');
  assert.equal(run('check', file, '--fix-dry-run', '--format', 'sarif').stderr, 'statefulset-lens: --fix-dry-run prints a diff and takes no --format sarif\n');
  assert.equal(readFileSync(file, 'utf8'), TYPO);
});

test('--help describes --fix and --fix-dry-run', () => {
  const r = run('--help');
  for (const s of ['--fix  ', '--fix-dry-run', 'fixed N findings in M files']) assert.ok(r.stdout.includes(s), `help mentions ${s}`);
});
