// The bundles read the `yaml` parser's LOG_TOKENS switch once, not once per token (scripts/build/yamlTokenLog.mjs),
// and the switch still works. The built CLI is run with process.env behind a proxy that counts the reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { distDir } from '../support/paths';

const cli = path.join(distDir, 'cli.js');

/** Runs `check` on `file` with the built CLI; stderr ends with how often LOG_TOKENS was read. */
function checkCountingReads(file: string, env: NodeJS.ProcessEnv) {
  const script = [
    'let reads = 0;',
    'const real = process.env;',
    "process.env = new Proxy(real, { get(target, key) { if (key === 'LOG_TOKENS') reads++; return target[key]; } });",
    "process.on('exit', () => process.stderr.write(`\\nLOG_TOKENS reads: ${reads}\\n`));",
    `process.argv = [process.argv[0], ${JSON.stringify(cli)}, 'check', ${JSON.stringify(file)}];`,
    `require(${JSON.stringify(cli)});`,
  ].join('\n');
  return spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
}

test('the parser reads LOG_TOKENS once per process, and setting it still prints every token', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sts-lens-token-log-'));
  try {
    const file = path.join(dir, 'many.yaml');
    const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: b\n';
    writeFileSync(file, Array.from({ length: 200 }, () => doc).join('---\n'));
    const quiet = checkCountingReads(file, { LOG_TOKENS: '' });
    assert.equal(quiet.status, 0, quiet.stderr);
    // 200 documents are some 5,000 tokens: one read at load, not one per token.
    assert.match(quiet.stderr, /\nLOG_TOKENS reads: 1\n$/);
    assert.doesNotMatch(quiet.stdout, /^\| /m);
    const logged = checkCountingReads(file, { LOG_TOKENS: '1' });
    assert.equal(logged.status, 0, logged.stderr);
    assert.equal(logged.stdout.split('\n').filter((l) => l === '| "ConfigMap"').length, 200);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
