// The extensionTestsPath module: runs the mocha suite inside VS Code's extension host (desktop VS Code via
// @vscode/test-electron, or code-server's Node extension host). Results also go to $STATEFULSET_LENS_RESULT_FILE
// because code-server's extension host exits 0 even when run() rejects; the harness reads that file.
import { readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

interface Results {
  passed: string[];
  failed: { title: string; error: string }[];
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec' });
  for (const file of readdirSync(__dirname).sort()) if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  const resultFile = process.env.STATEFULSET_LENS_RESULT_FILE;
  return new Promise((resolve, reject) => {
    const results: Results = { passed: [], failed: [] };
    const runner = mocha.run((failures) => {
      if (resultFile) {
        // Write then rename, so the harness polling for the file never reads half of it.
        writeFileSync(`${resultFile}.part`, JSON.stringify(results, null, 2));
        renameSync(`${resultFile}.part`, resultFile);
      }
      if (failures > 0) reject(new Error(`${failures} of ${results.passed.length + failures} tests failed`));
      else resolve();
    });
    runner.on('pass', (t) => results.passed.push(t.fullTitle()));
    runner.on('fail', (t, error: unknown) => results.failed.push({ title: t.fullTitle(), error: error instanceof Error ? error.message : String(error) }));
  });
}
