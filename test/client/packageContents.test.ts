// Tests of the packaged extension: `vsce ls` and a real `vsce package` into a temp folder, whose zip directory is
// read back. The .vsix must hold only the allow-listed runtime files (no sources, tests, maps or node_modules)
// and stay under 3 MB. It packages whatever `node scripts/build.mjs` last built into dist/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../support/paths';

const vsce = path.join(repoRoot, 'node_modules/@vscode/vsce/vsce');
const MAX_VSIX_BYTES = 3 * 1024 * 1024;

/** Files the installed extension needs; each must be in the package. */
const REQUIRED = [
  'package.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  'icon.png',
  'dist/client.js',
  'dist/server.js',
  // dist/server.js parses large files in a worker thread started from this file beside it.
  'dist/parseWorker.js',
  // The schema validator, loaded by the server when it first validates.
  'dist/validateK8s.js',
  // isomorphic-git, loaded by the server when it first reads a repository.
  'dist/isomorphicGit.js',
  'client/media/preview.js',
  'client/media/preview.css',
  'syntaxes/statefulsetLensInjection.tmLanguage.json',
  // dist/server.js reads the Kubernetes schema from disk, beside the bundle.
  'server/schemas/k8s-statefulset-lens.schema.json',
  'docs/images/lens.png',
  'docs/images/preview.png',
  // Diagnostics link their rule id to this page (codeDescription), so it ships with the server.
  'docs/rules.md',
];
/** Everything allowed in the package. */
const ALLOWED = [
  /^(package\.json|README\.md|CHANGELOG\.md|LICENSE|icon\.png)$/,
  /^dist\/(client|server|parseWorker|validateK8s|isomorphicGit)\.js$/,
  /^client\/media\/[A-Za-z]+\.(js|css)$/,
  /^syntaxes\/[A-Za-z.]+\.tmLanguage\.json$/,
  /^server\/schemas\/[A-Za-z0-9.-]+\.json$/,
  /^docs\/images\/[A-Za-z-]+\.png$/,
  /^docs\/rules\.md$/,
];

/** The `vsce package …` arguments of `npm run package`, so this test packages exactly as users' builds do. */
function packageArgs(): string[] {
  const script = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).scripts.package as string;
  const vsceCommand = script.split('&&').map((s) => s.trim()).find((s) => s.startsWith('vsce package'));
  assert.ok(vsceCommand, `scripts.package has no vsce package step: ${script}`);
  return vsceCommand.split(/\s+/).slice(1);
}

function runVsce(args: string[]): string {
  const r = spawnSync(process.execPath, [vsce, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `vsce ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Entry names of a zip file, read from its central directory. */
function zipEntries(file: string): string[] {
  const zip = readFileSync(file);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  assert.ok(eocd >= 0, `${file} is not a zip file`);
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(offset), 0x02014b50, 'corrupt central directory');
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

function disallowed(files: string[]): string[] {
  return files.filter((f) => !ALLOWED.some((re) => re.test(f)));
}

test('the bundles the package is made from have been built', () => {
  const missing = ['dist/client.js', 'dist/server.js'].filter((f) => !existsSync(path.join(repoRoot, f)));
  assert.deepEqual(missing, [], 'run `node scripts/build.mjs` first');
});

test('vsce ls lists every runtime file and nothing else: no sources, tests, maps or node_modules', () => {
  const files = runVsce(['ls', '--no-dependencies']).split('\n').map((l) => l.trim()).filter(Boolean).sort();
  assert.deepEqual(disallowed(files), []);
  assert.deepEqual(REQUIRED.filter((f) => !files.includes(f)), []);
  assert.equal(files.some((f) => /(^|\/)(src|test|node_modules)\//.test(f) || /\.(ts|map)$/.test(f)), false);
});

test('the packaged .vsix holds exactly the allow-listed files and stays under 3 MB', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'statefulset-lens-vsix-'));
  try {
    const out = path.join(dir, 'statefulset-lens.vsix');
    runVsce([...packageArgs(), '--out', out]);
    const size = statSync(out).size;
    assert.ok(size < MAX_VSIX_BYTES, `.vsix is ${size} bytes, the limit is ${MAX_VSIX_BYTES}`);
    // vsce puts the extension under extension/ next to its own manifest files, and renames the three documents.
    const entries = zipEntries(out);
    const renamed: Record<string, string> = { 'readme.md': 'README.md', 'changelog.md': 'CHANGELOG.md', 'LICENSE.txt': 'LICENSE' };
    const extensionFiles = entries
      .filter((e) => e.startsWith('extension/'))
      .map((e) => e.slice('extension/'.length))
      .map((f) => renamed[f] ?? f)
      .sort();
    const others = entries.filter((e) => !e.startsWith('extension/')).sort();
    assert.deepEqual(others, ['[Content_Types].xml', 'extension.vsixmanifest']);
    assert.deepEqual(disallowed(extensionFiles), []);
    assert.deepEqual(REQUIRED.filter((f) => !extensionFiles.includes(f)), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
