// Runs Microsoft's SARIF validator (@microsoft/sarif-multitool, a self-contained .NET binary from npm) on a
// log and returns its error- and warning-level results as text; an empty list means the log is valid.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as sarif from 'sarif';
import { repoRoot } from './paths';

const validator = path.join(repoRoot, 'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');

/** Why the validator cannot run on this platform, or undefined when it can. */
export const sarifValidatorUnavailable: string | undefined = process.platform === 'linux' && process.arch === 'x64' ? undefined : 'the SARIF validator installed here is the linux-x64 build';

export function validateSarif(log: unknown): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sarif-'));
  try {
    const input = path.join(dir, 'input.sarif');
    const output = path.join(dir, 'validation.sarif');
    writeFileSync(input, typeof log === 'string' ? log : JSON.stringify(log, null, 2));
    const r = spawnSync(validator, ['validate', input, '--output', output, '--log', 'ForceOverwrite'], {
      encoding: 'utf8',
      timeout: 120_000,
      // Without libicu the .NET runtime aborts; invariant globalization needs nothing from the system.
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    });
    if (r.status !== 0) throw new Error(`the SARIF validator failed to run: ${r.error ?? ''}${r.stderr}${r.stdout}`);
    // The validator exits 0 even for an invalid log: its verdict is in the result file.
    const report = JSON.parse(readFileSync(output, 'utf8')) as sarif.Log;
    return (report.runs[0].results ?? [])
      .filter((x) => x.level === 'error' || x.level === 'warning')
      .map((x) => `${x.ruleId}: ${x.message.text ?? JSON.stringify(x.message.arguments)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
