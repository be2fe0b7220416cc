// The fixture language for diagnostics: a YAML fixture holds one workspace (`#- /path.yaml` starts a file),
// optional `#! settings: {json}` / `#! only: id, id` header lines, and the expected findings as comment lines
// under the code they point at: `#   ^^^^ warning[rule-id]: message` (`#<^^^` for a finding at column 0).
// `#- baseline /path.yaml` starts the text a file had at the git baseline (HEAD): with one, the fixture's
// expected findings include the apply plan's (analysis/plan.ts).
// checkFixtureFindings is the only test code that calls the analysis for rule fixtures.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace, lineStarts, offsetToPosition, planFile, type AnalysisSettings, type Finding } from '../../server/src/analysis/index';
import { checkFileStrict } from '../../server/src/analysis/rules/index';

const EXPECTATION = /^#<?\s*\^/;
const FILE_MARKER = /^#- (baseline )?(\/\S+)\s*$/;
const HEADER = /^#! (settings|only): (.*)$/;

export interface FixtureFile {
  path: string;
  uri: string;
  /** The file's text as the analysis sees it (expectation comment lines included). */
  text: string;
  /** True for the text the file had at the baseline revision (`#- baseline /path.yaml`). */
  baseline?: boolean;
}

export interface Fixture {
  settings: AnalysisSettings;
  only: string[] | undefined;
  files: FixtureFile[];
}

export function parseFixture(source: string): Fixture {
  const lines = source.split('\n');
  let settings: AnalysisSettings = { ...DEFAULT_ANALYSIS_SETTINGS };
  let only: string[] | undefined;
  const files: { path: string; lines: string[]; baseline?: boolean }[] = [];
  for (const line of lines) {
    const h = HEADER.exec(line);
    if (h && files.length === 0) {
      if (h[1] === 'settings') settings = { ...settings, ...(JSON.parse(h[2]) as Partial<AnalysisSettings>) };
      else only = h[2].split(',').map((s) => s.trim()).filter(Boolean);
      continue;
    }
    const m = FILE_MARKER.exec(line);
    if (m) {
      files.push({ path: m[2], lines: [], ...(m[1] ? { baseline: true } : {}) });
      continue;
    }
    if (files.length === 0) files.push({ path: '/fixture.yaml', lines: [] });
    files[files.length - 1].lines.push(line);
  }
  return {
    settings,
    only,
    files: files.map((f) => ({ path: f.path, uri: `file:///fixture${f.path}`, text: f.lines.join('\n'), ...(f.baseline ? { baseline: true } : {}) })),
  };
}

/** Analyses every file of the fixture as one workspace; also runs the checks strictly so a throwing check fails. */
export function analyzeFixture(fixture: Fixture): Map<string, Finding[]> {
  const ws = new ManifestWorkspace();
  const baseline = fixture.files.filter((f) => f.baseline);
  for (const f of fixture.files) if (!f.baseline) ws.setFile(f.uri, f.text);
  if (baseline.length) {
    ws.setBaseline('', { revision: 'HEAD', commit: 'f'.repeat(40), paths: new Set(baseline.map((f) => f.uri)), texts: new Map(baseline.map((f) => [f.uri, f.text])) });
  }
  const out = new Map<string, Finding[]>();
  for (const f of fixture.files) {
    if (f.baseline) continue;
    const findings = ws.analyzeFile(f.uri, fixture.settings).findings;
    const file = ws.getFile(f.uri)!;
    const strict = checkFileStrict({
      file,
      workspace: ws,
      settings: fixture.settings,
      statefulSets: file.resources.filter((r) => r.recognized === 'StatefulSet').map((resource) => ({ resource, identity: ws.identityOf(resource, fixture.settings) })),
    });
    assert.deepEqual(strict, findings, `${f.path}: the analysis and the strict check run disagree`);
    const all = baseline.length ? [...findings, ...planFile(ws, f.uri, fixture.settings).findings].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.ruleId.localeCompare(b.ruleId)) : findings;
    out.set(f.path, fixture.only ? all.filter((x) => fixture.only!.includes(x.ruleId)) : all);
  }
  return out;
}

/** One finding as a caret comment line, aligned under the code line it starts on. */
export function renderFinding(text: string, starts: number[], f: Finding): string {
  const s = offsetToPosition(starts, f.span.start);
  const e = offsetToPosition(starts, Math.max(f.span.start, f.span.end));
  const lineEnd = s.line + 1 < starts.length ? starts[s.line + 1] : text.length;
  const lineLength = text.slice(starts[s.line], lineEnd).replace(/\r?\n$/, '').length;
  const width = Math.max(1, e.line === s.line ? e.character - s.character : lineLength - s.character);
  const tail = e.line !== s.line ? ` (to ${e.line - s.line} line${e.line - s.line === 1 ? '' : 's'} below, column ${e.character + 1})` : '';
  const lead = s.character === 0 ? '#<' : '#' + ' '.repeat(s.character - 1);
  return `${lead}${'^'.repeat(width)} ${f.severity}[${f.ruleId}]${tail}: ${f.message}`;
}

/** The fixture source rewritten with the actual findings in place of the expectation lines. */
export function renderFixture(source: string, fixture: Fixture, findings: Map<string, Finding[]>): string {
  const out: string[] = [];
  for (const line of source.split('\n')) {
    if (HEADER.test(line) && !out.some((l) => FILE_MARKER.test(l))) out.push(line);
    else break;
  }
  const multiFile = source.split('\n').some((l) => FILE_MARKER.test(l));
  for (const f of fixture.files) {
    if (multiFile) out.push(`#- ${f.baseline ? 'baseline ' : ''}${f.path}`);
    const starts = lineStarts(f.text);
    const lines = f.text.split('\n');
    const byLine = new Map<number, Finding[]>();
    for (const x of f.baseline ? [] : findings.get(f.path) ?? []) {
      const l = offsetToPosition(starts, x.span.start).line;
      byLine.set(l, [...(byLine.get(l) ?? []), x]);
    }
    lines.forEach((line, i) => {
      if (EXPECTATION.test(line)) return;
      out.push(line);
      for (const x of byLine.get(i) ?? []) out.push(renderFinding(f.text, starts, x));
    });
  }
  return out.join('\n');
}

/** Compares a fixture file's written expectations with the analysis; UPDATE_EXPECT=1 rewrites the file. */
export function checkFixtureFindings(fixturePath: string): void {
  const source = readFileSync(fixturePath, 'utf8');
  const fixture = parseFixture(source);
  const actual = renderFixture(source, fixture, analyzeFixture(fixture));
  if (actual === source) return;
  if (process.env.UPDATE_EXPECT === '1') {
    writeFileSync(fixturePath, actual);
    return;
  }
  console.log(`--- actual ${fixturePath} (UPDATE_EXPECT=1 rewrites it):\n${actual}\n--- end`);
  assert.equal(actual, source);
}
