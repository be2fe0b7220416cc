// Findings of the analysis and schema diagnostics of the embedded YAML engine → LSP diagnostics, all with
// source `statefulset-lens`; a finding's code is its rule id and links to the rule's documentation.
// Pure: no LSP package (only its types), no IO.
import type { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Finding, ParsedFile, Severity } from '../analysis/index';
import { fileSpanToRange } from './ranges';

export const DIAGNOSTIC_SOURCE = 'statefulset-lens';
/** The code of diagnostics that come from the Kubernetes JSON schema rather than the rule catalogue. */
export const SCHEMA_CODE = 'schema';

const SEVERITY: Record<Severity, DiagnosticSeverity> = { error: 1, warning: 2, information: 3, hint: 4 };

/** `rulesDocUri` is the rules page (`…/docs/rules.md`); each rule is an anchor on it. */
export function findingToDiagnostic(file: ParsedFile, finding: Finding, rulesDocUri: string | undefined): Diagnostic {
  const diagnostic: Diagnostic = {
    range: fileSpanToRange(file, finding.span),
    severity: SEVERITY[finding.severity] ?? 2,
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    message: finding.message,
  };
  if (rulesDocUri) diagnostic.codeDescription = { href: `${rulesDocUri}#${finding.ruleId}` };
  return diagnostic;
}

/** The code of the one information diagnostic saying a file is kept away from yaml-language-server (ylsBudget.ts). */
export const SCHEMA_SKIPPED_CODE = 'schema-skipped';

/** One information diagnostic at the file's start: what the schema features skip for this file, and why. */
export function ylsSkippedDiagnostic(reason: string, validationSkipped: boolean): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: 3,
    source: DIAGNOSTIC_SOURCE,
    code: SCHEMA_SKIPPED_CODE,
    message: `${validationSkipped ? 'Schema validation, completion, hover and outline' : 'Completion, hover and outline'} from the Kubernetes schema are skipped for this file: ${reason}. StatefulSet Lens' own checks, lenses and preview still work.`,
  };
}

/** Whether the schema can say anything about the file: it has a kind the schema knows and is not a template. */
export function needsSchemaValidation(file: ParsedFile | undefined): boolean {
  if (!file || file.isTemplate) return false;
  return file.resources.some((r) => r.listItem === undefined && (r.recognized === 'StatefulSet' || r.recognized === 'Service' || r.recognized === 'PersistentVolumeClaim'));
}
