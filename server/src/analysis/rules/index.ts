// Entry point of the rule catalogue: turns one file's parse problems and StatefulSets into findings.
// Placeholder until the catalogue lands: it passes parse-level problems through unchanged.
import type { CheckInput, Finding } from '../model';

/** Every finding of one file: parse problems plus the catalogue's checks, after severities and suppressions. */
export function checkFile(input: CheckInput): Finding[] {
  return [...input.file.problems];
}
