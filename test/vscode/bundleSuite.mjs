// Bundles the in-editor mocha suite (test/vscode/suite/*.ts) into out/test/vscode/suite/*.js for the extension
// host, and prepares a throwaway workspace holding a copy of examples/. Shared by both runners
// (runVscodeTests.mjs for desktop VS Code, runCodeServer.mjs for code-server); it starts nothing.
import * as esbuild from 'esbuild';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Builds a suite and returns the path of its index.js (the extensionTestsPath): `suite` (test/vscode/suite), or
 * another folder of test/vscode holding only *.test.ts files, which then run under the same index.ts.
 */
export async function bundleSuite(folder = 'suite') {
  const suiteDir = path.join(repoRoot, 'test/vscode', folder);
  const outDir = path.join(repoRoot, 'out/test/vscode', folder);
  rmSync(outDir, { recursive: true, force: true });
  const tests = readdirSync(suiteDir).filter((f) => f.endsWith('.ts')).map((f) => path.join(suiteDir, f));
  await esbuild.build({
    absWorkingDir: repoRoot,
    // Output names without folders, so index.js sits beside the tests it loads.
    entryPoints: Object.fromEntries([...tests, path.join(repoRoot, 'test/vscode/suite/index.ts')].map((f) => [path.basename(f, '.ts'), f])),
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // vscode comes from the extension host; mocha is resolved from the repository's node_modules at run time.
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return path.join(outDir, 'index.js');
}

/**
 * A fresh workspace folder named like a project (it shows in screenshots) with a copy of examples/ (and of the
 * elastic chart's StatefulSet template from ../shared/corpus, when it is there) and settings
 * that keep the editor quiet. Returns its path; the caller removes `path.dirname(result)`.
 */
export function makeWorkspace() {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'statefulset-lens-ws-'));
  const workspace = path.join(parent, 'statefulset-lens-demo');
  mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  cpSync(path.join(repoRoot, 'examples'), path.join(workspace, 'examples'), { recursive: true });
  // A real Helm chart template (the elastic chart's StatefulSet) from the shared corpus, where a chart keeps it;
  // the tests that open it skip when the corpus is absent.
  const chart = path.resolve(repoRoot, '..', 'shared', 'corpus', 'elastic__helm-charts__elasticsearch__templates__statefulset.yaml');
  if (existsSync(chart)) {
    mkdirSync(path.join(workspace, 'charts/elasticsearch/templates'), { recursive: true });
    copyFileSync(chart, path.join(workspace, 'charts/elasticsearch/templates/statefulset.yaml'));
  }
  writeFileSync(path.join(workspace, '.vscode/settings.json'), JSON.stringify({ 'editor.minimap.enabled': false }, null, 2));
  return workspace;
}
