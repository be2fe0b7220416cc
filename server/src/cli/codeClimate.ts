// Builds a GitLab code quality report (the Code Climate issue format GitLab reads from `artifacts:reports:
// codequality`) from findings: one issue per finding with its rule, message, severity, path relative to the
// repository and begin/end lines. Pure: the caller supplies each file's text and writes the JSON.
import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../analysis/model';
import { lineStarts, offsetToPosition } from '../analysis/positions';

/** One analysed file: its path as the findings name it, its text, and its findings. */
export interface CodeClimateFileInput {
  uri: string;
  text: string;
  findings: readonly Finding[];
}

/** An issue as GitLab's code quality widget reads it (a subset of the Code Climate spec). */
export interface CodeClimateIssue {
  type: 'issue';
  check_name: string;
  description: string;
  categories: string[];
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  fingerprint: string;
  location: { path: string; lines: { begin: number; end: number } };
}

/** Errors are what the API server rejects or what breaks the workload; warnings what misbehaves. */
const SEVERITY: Record<Severity, CodeClimateIssue['severity']> = { error: 'critical', warning: 'major', information: 'minor', hint: 'info' };

/** `path` relative to `baseDir` with `/` separators, when it lies under it; as given otherwise. */
function relativePath(path: string, baseDir: string | undefined): string {
  const p = path.replace(/\\/g, '/');
  if (!baseDir) return p.replace(/^\.\//, '');
  const base = baseDir.replace(/\\/g, '/').replace(/\/+$/, '');
  return (p.startsWith(`${base}/`) ? p.slice(base.length + 1) : p).replace(/^\.\//, '');
}

/**
 * The report: every finding of every file, in file order. The fingerprint hashes the rule, the path, the message
 * and how many identical findings came before in that file, not the line: a finding that only moves (lines added
 * above it) keeps its fingerprint, so GitLab does not report it as fixed and new.
 */
export function buildCodeClimateReport(files: readonly CodeClimateFileInput[], baseDir?: string): CodeClimateIssue[] {
  const issues: CodeClimateIssue[] = [];
  for (const file of files) {
    const starts = lineStarts(file.text);
    const path = relativePath(file.uri, baseDir);
    const seen = new Map<string, number>();
    for (const f of file.findings) {
      const key = `${f.ruleId}\u0000${path}\u0000${f.message}`;
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      issues.push({
        type: 'issue',
        check_name: f.ruleId,
        description: f.message,
        categories: ['Bug Risk'],
        severity: SEVERITY[f.severity] ?? 'major',
        fingerprint: createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex').slice(0, 32),
        location: { path, lines: { begin: offsetToPosition(starts, f.span.start).line + 1, end: offsetToPosition(starts, f.span.end).line + 1 } },
      });
    }
  }
  return issues;
}
