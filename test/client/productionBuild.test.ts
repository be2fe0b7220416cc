// The production build (`npm run package` runs `node scripts/build.mjs --production`): minified bundles and no
// source map beside them, not even one an earlier development build left (it would describe other code).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../support/paths';

test('a production build removes the source maps a development build left and links none', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'sts-lens-production-'));
  try {
    const dev = spawnSync(process.execPath, ['scripts/build.mjs', `--outdir=${out}`], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(dev.status, 0, dev.stderr);
    assert.ok(existsSync(path.join(out, 'server.js.map')), 'the development build writes maps');
    assert.match(readFileSync(path.join(out, 'server.js'), 'utf8'), /\/\/# sourceMappingURL=server\.js\.map\s*$/);
    writeFileSync(path.join(out, 'unrelated.js.map'), '{}');
    const production = spawnSync(process.execPath, ['scripts/build.mjs', '--production', `--outdir=${out}`], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(production.status, 0, production.stderr);
    for (const bundle of ['server', 'cli', 'client']) {
      assert.equal(existsSync(path.join(out, `${bundle}.js.map`)), false, `${bundle}.js.map is left beside the minified bundle`);
      assert.doesNotMatch(readFileSync(path.join(out, `${bundle}.js`), 'utf8'), /sourceMappingURL/, `${bundle}.js links a map`);
    }
    assert.ok(existsSync(path.join(out, 'unrelated.js.map')), 'files the build does not write are not touched');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
