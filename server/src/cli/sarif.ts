// Builds a SARIF 2.1.0 log (for code-scanning uploads) from findings, their quick fixes and the rule table.
// Pure: the caller supplies each file's text (to turn offsets into 1-based lines and columns) and writes the JSON.
// No IO and no node: imports here; URIs are handled as strings.
import type * as sarif from 'sarif';
import { sortEdits } from '../analysis/applyEdits';
import type { Finding, Fix, FixEdit, Severity } from '../analysis/model';
import { lineStarts, offsetToPosition } from '../analysis/positions';
import { RULES, ruleDocAnchor } from '../analysis/rules/ruleTable';

/** One analysed file: its URI or path as the findings name it, its text, and its findings. */
export interface SarifFileInput {
  uri: string;
  text: string;
  findings: readonly Finding[];
}

export interface SarifOptions {
  /**
   * A folder URI or path (e.g. the CLI's working directory or the folder it was given). Files under it are
   * written as relative URIs with `uriBaseId: "SRCROOT"`, which code scanning resolves against the checkout.
   */
  baseUri?: string;
  /** The tool version (package.json version). */
  toolVersion?: string;
  /** Absolute URL of the repository root; rule helpUri becomes `<repositoryUrl>/blob/main/docs/rules.md#<id>`. */
  repositoryUrl?: string;
}

export const SARIF_TOOL_NAME = 'statefulset-lens';
export const DEFAULT_REPOSITORY_URL = 'https://github.com/statefulset-lens/statefulset-lens';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export function sarifLevel(severity: Severity): sarif.Result.level {
  switch (severity) {
    case 'error':
      return 'error';
    case 'warning':
      return 'warning';
    default:
      return 'note';
  }
}

/** `error` → `error`, `warning` → `warning`, `information` and `hint` → `note` (SARIF has no finer level). */
export function buildSarifLog(files: readonly SarifFileInput[], options: SarifOptions = {}): sarif.Log {
  const repositoryUrl = (options.repositoryUrl ?? DEFAULT_REPOSITORY_URL).replace(/\/+$/, '');
  const rules: sarif.ReportingDescriptor[] = RULES.map((r) => ({
    id: r.id,
    name: pascalCase(r.id),
    shortDescription: { text: r.description },
    fullDescription: { text: r.description },
    helpUri: `${repositoryUrl}/blob/main/${ruleDocAnchor(r.id)}`,
    help: { text: `${r.description} See ${repositoryUrl}/blob/main/${ruleDocAnchor(r.id)}` },
    defaultConfiguration: { level: sarifLevel(r.defaultSeverity) },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const base = options.baseUri !== undefined ? toUriString(options.baseUri).replace(/\/*$/, '/') : undefined;

  const texts = new Map<string, { text: string; starts: number[] }>();
  const textOf = (uri: string) => {
    let t = texts.get(uri);
    if (!t) {
      const file = files.find((f) => f.uri === uri);
      if (!file) return undefined;
      t = { text: file.text, starts: lineStarts(file.text) };
      texts.set(uri, t);
    }
    return t;
  };

  const results: sarif.Result[] = [];
  for (const file of files) {
    const starts = lineStarts(file.text);
    for (const f of file.findings) {
      const start = offsetToPosition(starts, f.span.start);
      const end = offsetToPosition(starts, Math.max(f.span.start, f.span.end));
      const artifactLocation: sarif.ArtifactLocation = artifactFor(f.uri || file.uri, base);
      const result: sarif.Result = {
        ruleId: f.ruleId,
        level: sarifLevel(f.severity),
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation,
              region: {
                startLine: start.line + 1,
                startColumn: start.character + 1,
                endLine: end.line + 1,
                endColumn: end.character + 1,
              },
            },
          },
        ],
      };
      const index = ruleIndex.get(f.ruleId);
      if (index !== undefined) result.ruleIndex = index;
      const fixes = (f.fixes ?? []).map((fix) => sarifFix(fix, textOf, base)).filter((x) => x !== undefined);
      if (fixes.length) result.fixes = fixes;
      results.push(result);
    }
  }

  const run: sarif.Run = {
    tool: {
      driver: {
        name: SARIF_TOOL_NAME,
        informationUri: repositoryUrl,
        rules,
        ...(options.toolVersion ? { version: options.toolVersion, semanticVersion: options.toolVersion } : {}),
      },
    },
    columnKind: 'utf16CodeUnits',
    results,
  };
  if (base !== undefined) run.originalUriBaseIds = { SRCROOT: { uri: base } };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

/**
 * A fix as SARIF `fixes`: one artifactChange per file it edits (in the order first edited), each edit a
 * replacement of a 1-based region (empty for an insertion) by `insertedContent` (absent for a deletion).
 * Undefined when an edit's file is not among the inputs or its span does not fit that text.
 */
function sarifFix(fix: Fix, textOf: (uri: string) => { text: string; starts: number[] } | undefined, base: string | undefined): sarif.Fix | undefined {
  const byUri = new Map<string, FixEdit[]>();
  for (const edit of fix.edits) byUri.set(edit.uri, [...(byUri.get(edit.uri) ?? []), edit]);
  const changes = new Map<string, sarif.Replacement[]>();
  for (const [uri, edits] of byUri) {
    const file = textOf(uri);
    if (!file) return undefined;
    const replacements: sarif.Replacement[] = [];
    for (const edit of sortEdits(edits)) {
      if (edit.span.start < 0 || edit.span.start > edit.span.end || edit.span.end > file.text.length) return undefined;
      const start = offsetToPosition(file.starts, edit.span.start);
      const end = offsetToPosition(file.starts, edit.span.end);
      const replacement: sarif.Replacement = {
        deletedRegion: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
      };
      if (edit.newText) replacement.insertedContent = { text: edit.newText };
      replacements.push(replacement);
    }
    changes.set(uri, replacements);
  }
  if (changes.size === 0) return undefined;
  const out: sarif.Fix = {
    description: { text: fix.title },
    artifactChanges: [...changes].map(([uri, replacements]) => ({ artifactLocation: artifactFor(uri, base), replacements })),
  };
  // SARIF has no "preferred fix"; the property bag keeps the analysis' word for tools that read it.
  if (fix.isPreferred) out.properties = { isPreferred: true };
  return out;
}

function artifactFor(uriOrPath: string, base: string | undefined): sarif.ArtifactLocation {
  const uri = toUriString(uriOrPath);
  if (base !== undefined && uri.startsWith(base) && uri.length > base.length) {
    return { uri: uri.slice(base.length), uriBaseId: 'SRCROOT' };
  }
  return { uri };
}

/** A URI as is; an absolute path becomes a file: URI; a relative path stays relative (forward slashes, encoded). */
function toUriString(uriOrPath: string): string {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]+:\/\//.test(uriOrPath)) return uriOrPath;
  let p = uriOrPath.replace(/\\/g, '/');
  if (/^[a-zA-Z]:\//.test(p)) p = '/' + p;
  const encoded = p
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/%3A/gi, ':'))
    .join('/');
  return p.startsWith('/') ? `file://${encoded}` : encoded;
}

function pascalCase(id: string): string {
  return id
    .split('-')
    .map((w) => (w.length ? w[0].toUpperCase() + w.slice(1) : w))
    .join('');
}
