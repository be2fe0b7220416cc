// Runs the real server under Neovim (Debian's 0.7.2, headless) on a copy of examples/random-generator.yaml
// and checks what a user sees: no diagnostics, completion, the pods lens as virtual text, a hover, and a
// service-not-headless diagnostic after an edit. Skips with one line when nvim is missing, unless
// STATEFULSET_LENS_REQUIRE_EDITORS=1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SERVER_JS } from '../support/lspClient';
import { readExample } from '../support/lspFixtures';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const available = nvim.status === 0;
const required = process.env.STATEFULSET_LENS_REQUIRE_EDITORS === '1';

test('Neovim shows the lens, completion, hover and diagnostics of the example', (t) => {
  if (!available) {
    if (required) assert.fail('nvim is not installed but STATEFULSET_LENS_REQUIRE_EDITORS=1 (apt-get install -y --no-install-recommends neovim)');
    t.skip('nvim is not installed (apt-get install neovim); skipping the Neovim client test');
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'sts-lens-nvim-'));
  try {
    const file = path.join(dir, 'random-generator.yaml');
    writeFileSync(file, readExample());
    const home = path.join(dir, 'home');
    mkdirSync(home);
    const config = path.join(dir, 'init.lua');
    writeFileSync(config, documentedConfig());
    const r = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(__dirname, 'neovim.lua')}`, '--', file], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 90000,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH, HOME: home, XDG_CACHE_HOME: path.join(home, '.cache'), XDG_STATE_HOME: path.join(home, '.state'), STATEFULSET_LENS_NVIM_CONFIG: config },
    });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    let result: any;
    try {
      result = JSON.parse(line);
    } catch {
      assert.fail(`nvim printed no result (exit ${r.status}, signal ${r.signal}): ${r.stdout}\n${r.stderr}`);
    }
    assert.deepEqual(result.failures, [], JSON.stringify(result, null, 1));
    assert.deepEqual(result.clean_diagnostics, []);
    assert.ok(result.completion.includes('random-generator'));
    assert.ok(result.codelens_virtual_text.some((v: any) => v.text === 'pods: rg-0, rg-1'));
    assert.ok(result.edited_diagnostics.some((d: any) => /cluster IP|headless/i.test(d.message)), JSON.stringify(result.edited_diagnostics));
    assert.equal(r.status, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The Lua block of docs/neovim.md, with its placeholder path replaced by the built server. */
function documentedConfig(): string {
  const doc = readFileSync(path.join(__dirname, '../../docs/neovim.md'), 'utf8');
  const block = /```lua\n([\s\S]*?)```/.exec(doc);
  assert.ok(block, 'docs/neovim.md has a lua block');
  assert.ok(block[1].includes('/path/to/statefulset-lens/dist/server.js'), 'the documented config names the placeholder path');
  return block[1].replace('/path/to/statefulset-lens/dist/server.js', SERVER_JS);
}
