// The one test command (`npm test`): build the bundles, type-check, run every node:test file under test/
// (unit, protocol, grammar, editor clients), then the suite inside a real VS Code (code-server) when present.
// `node scripts/test.mjs unit protocol` runs only the named test folders; `--no-vscode` skips the VS Code run.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const folders = args.filter((a) => !a.startsWith('--'));
const skipVscode = args.includes('--no-vscode') || (folders.length > 0 && !folders.includes('vscode'));

function run(cmd, cmdArgs, label) {
  console.log(`\n> ${label}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${label} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

function findTests(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'fixtures' && name !== 'vscode') out.push(...findTests(p));
    } else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

run(process.execPath, ['scripts/build.mjs'], 'build');
run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b'], 'typecheck');
const roots = folders.filter((f) => f !== 'vscode').map((f) => path.join(root, 'test', f));
const files = (roots.length ? roots : folders.length ? [] : [path.join(root, 'test')]).flatMap(findTests);
if (files.length) {
  run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files.map((f) => path.relative(root, f))], `node --test (${files.length} files)`);
}
if (!skipVscode) {
  const harness = path.join(root, 'test/vscode/runCodeServer.mjs');
  if (existsSync(harness)) run(process.execPath, [harness], 'tests inside VS Code (code-server)');
}
