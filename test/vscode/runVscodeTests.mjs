// `npm run test:vscode`: runs the in-editor suite in desktop VS Code through @vscode/test-electron. Where VS Code
// cannot be downloaded (no network), it prints one line saying so and exits 0; the same suite then runs in
// code-server through runCodeServer.mjs, which needs no download.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { SilentReporter, downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { bundleSuite, makeWorkspace, repoRoot } from './bundleSuite.mjs';

const version = process.env.STATEFULSET_LENS_VSCODE_VERSION ?? '1.100.3';
let vscodeExecutablePath;
try {
  vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath: path.join(repoRoot, '.vscode-test'), reporter: new SilentReporter() });
} catch (error) {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  console.log(`test:vscode skipped: VS Code ${version} could not be downloaded (${reason}); run test/vscode/runCodeServer.mjs instead`);
  process.exit(0);
}

const extensionTestsPath = await bundleSuite();
const workspace = makeWorkspace();
try {
  const code = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
  process.exitCode = code;
} catch (error) {
  console.error(`test:vscode failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(path.dirname(workspace), { recursive: true, force: true });
}
