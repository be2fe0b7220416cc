// Files the CLI must not pretend to have checked or fixed: a file the user may not write is reported by
// `check --fix` (exit 2) and left alone, even though the folder would allow replacing it by a rename; a UTF-16
// or UTF-32 manifest is named as not UTF-8 and not read, and the other files are still checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { distDir, examplesDir } from '../support/paths';

const cli = path.join(distDir, 'cli.js');
const EXAMPLE = readFileSync(path.join(examplesDir, 'random-generator.yaml'), 'utf8');
const TYPO = EXAMPLE.replace('  replicas: 2\n', '  replicas: 2\n  podManagementPolicy: Paralel\n');

/** Root may write any file, so as root the CLI runs as `nobody` (setpriv); anyone else runs it directly. */
const asRoot = process.getuid?.() === 0;
const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));
const nobody = { uid: 65534, gid: 65534 };

function run(args: string[], cwd: string, unprivileged = false) {
  const command = unprivileged && asRoot ? setpriv! : process.execPath;
  const prefix = unprivileged && asRoot ? [`--reuid=${nobody.uid}`, `--regid=${nobody.gid}`, '--clear-groups', process.execPath] : [];
  const r = spawnSync(command, [...prefix, cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('check --fix on a read-only file in a writable folder exits 2, names the file and leaves it as it was', { skip: asRoot && !setpriv ? 'running as root without setpriv: root may write any file' : false }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sts-readonly-'));
  const file = path.join(dir, 'sts.yaml');
  writeFileSync(file, TYPO);
  if (asRoot) {
    // The user owns the file and the folder, as in a checkout: only the file's mode forbids writing.
    chownSync(dir, nobody.uid, nobody.gid);
    chownSync(file, nobody.uid, nobody.gid);
  }
  chmodSync(dir, 0o755);
  chmodSync(file, 0o444);
  const r = run(['check', '--fix', 'sts.yaml'], dir, true);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr, 'statefulset-lens: cannot write sts.yaml: it is read-only for this user; nothing was written\n');
  assert.equal(readFileSync(file, 'utf8'), TYPO);
  assert.deepEqual(readdirSync(dir), ['sts.yaml'], 'no temporary file is left behind');
  // The dry run writes nothing, so it works on a read-only file.
  const dry = run(['check', '--fix-dry-run', 'sts.yaml'], dir, true);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^\+  podManagementPolicy: Parallel$/m);
});

const UTF16_CASES: [string, Buffer, string][] = [
  ['UTF-16LE with a byte order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TYPO, 'utf16le')]), 'UTF-16LE (byte order mark FF FE)'],
  ['UTF-16BE with a byte order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(TYPO, 'utf16le').swap16()]), 'UTF-16BE (byte order mark FE FF)'],
  ['UTF-16LE without one', Buffer.from(TYPO, 'utf16le'), 'UTF-16LE (no byte order mark)'],
  ['UTF-32LE with a byte order mark', Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from([...TYPO].flatMap((c) => [c.charCodeAt(0), 0, 0, 0]))]), 'UTF-32LE (byte order mark FF FE 00 00)'],
];

for (const [what, bytes, named] of UTF16_CASES) {
  test(`a manifest in ${what} is named as not UTF-8 and not read; the other files are still checked (exit 2)`, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sts-utf16-'));
    writeFileSync(path.join(dir, 'a-wide.yaml'), bytes);
    writeFileSync(path.join(dir, 'b-typo.yaml'), TYPO);
    const r = run(['check', '.'], dir);
    assert.equal(r.code, 2);
    const encoding = named.split(' ')[0];
    assert.equal(
      r.stderr,
      `statefulset-lens: a-wide.yaml is ${named}, not UTF-8: it was not read (convert it with iconv -f ${encoding} -t UTF-8)\n1 file checked: 1 error, 0 warnings, 0 other\n`,
    );
    assert.match(r.stdout, /^b-typo\.yaml:22:24 error invalid-pod-management-policy /);
    const fix = run(['check', '--fix', '.'], dir);
    assert.equal(fix.code, 2);
    assert.deepEqual(readFileSync(path.join(dir, 'a-wide.yaml')), bytes, 'the wide file is left alone');
  });
}

test('a UTF-8 manifest with a byte order mark and NUL-free text is read as before', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sts-utf8-'));
  writeFileSync(path.join(dir, 'sts.yaml'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(EXAMPLE)]));
  const r = run(['check', 'sts.yaml'], dir);
  assert.deepEqual([r.code, r.stderr], [0, '1 file checked: 0 errors, 0 warnings, 0 other\n']);
});
