// An edit inside one YAML document re-parses and re-checks that document only, and the result is exactly what
// a whole-file computation gives: seeded random edits over the corpus and generated multi-document files,
// each compared with a fresh workspace (parse, resources, problems, identities, findings with their fixes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace, type AnalysisSettings } from '../../server/src/analysis/index';
import { corpusDir, corpusMissing, examplesDir } from '../support/paths';
import { seededRandom } from '../support/seededRandom';

const example = readFileSync(path.join(examplesDir, 'random-generator.yaml'), 'utf8');

/** `pairs` headless Services and StatefulSets, each pair renamed, joined by `---` lines. */
function generated(pairs: number, eol = '\n'): string {
  const [svc, sts] = example.replace(/^#.*\n/gm, '').split(/\n---\n/);
  const docs: string[] = [];
  for (let i = 0; i < pairs; i++) {
    const rename = (t: string) => t.replaceAll('random-generator', `random-generator-${i}`).replace(/name: rg\b/, `name: rg-${i}`);
    docs.push(rename(svc), rename(sts));
  }
  return docs.join('\n---\n').replaceAll('\n', eol) + eol;
}

/** Multi-document files with the awkward parts: comments around `---`, `...`, empty documents, anchors, a List, a BOM. */
const SHAPES: [string, string][] = [
  ['generated.yaml', generated(4)],
  ['crlf.yaml', generated(3, '\r\n')],
  ['bom.yaml', `\uFEFF${generated(2)}`],
  // Template syntax inside a block scalar is a ConfigMap's content, until an edit lets it out.
  ['alertmanager.yaml', `${generated(1)}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: t\ndata:\n  x.tmpl: |\n    {{ define "x" }}{{ .Labels }}{{ end }}\n    more: text\n`],
  [
    'awkward.yaml',
    `# leading comment\n---\n${generated(1)}# between\n\n---\n---\n...\n---\napiVersion: v1\nkind: List\nitems:\n  - apiVersion: apps/v1\n    kind: StatefulSet\n    metadata: {name: listed}\n    spec:\n      serviceName: random-generator-0\n      selector: {matchLabels: {app: x}}\n      template:\n        metadata: {labels: &l {app: x}}\n        spec: {containers: [{name: c, image: i}]}\n---\nbase: &base {a: 1, b: 2}\nuse:\n  <<: *base\n  c: 3\n--- # trailing\n`,
  ],
];

const SNIPPETS = ['  replicas: 7\n', '# statefulset-lens-disable-next-line\n', '---\n', 'x', ' ', '\n', ':', '"', '{{ .Values.x }}', '- ', '  serviceName: other\n', '...\n', '%YAML 1.2\n', '\t', '[', '😀', '# statefulset-lens-disable service-not-found\n'];

/** One random edit: a digit changed, a line deleted or duplicated, a snippet inserted, a range deleted. */
function edit(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * (text.length + 1));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const nextLine = text.indexOf('\n', at);
  const lineEnd = nextLine < 0 ? text.length : nextLine + 1;
  switch (Math.floor(rnd() * 9)) {
    case 0:
    case 1: {
      const digit = text.slice(at).search(/\d/);
      return digit < 0 ? text : text.slice(0, at + digit) + String(Math.floor(rnd() * 30)) + text.slice(at + digit + 1);
    }
    case 2: {
      // A value retyped: the word after the next `: `.
      const m = /: (\S+)/.exec(text.slice(at));
      return m ? text.slice(0, at + m.index + 2) + ['x', 'None', 'OnDelete', '"quoted"', 'Parallel', '0'][Math.floor(rnd() * 6)] + text.slice(at + m.index + 2 + m[1].length) : text;
    }
    case 3:
      return `${text.slice(0, lineStart)}# a comment\n${text.slice(lineStart)}`;
    case 4:
      return text.slice(0, lineStart) + text.slice(lineEnd);
    case 5:
      return text.slice(0, lineEnd) + text.slice(lineStart, lineEnd) + text.slice(lineEnd);
    case 6:
      return text.slice(0, lineStart) + SNIPPETS[Math.floor(rnd() * SNIPPETS.length)] + text.slice(lineStart);
    case 7:
      return text.slice(0, at) + SNIPPETS[Math.floor(rnd() * SNIPPETS.length)] + text.slice(at);
    default:
      return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(rnd() * 12)));
  }
}

/** The incremental workspace's view of every file equals a fresh workspace's, parse and analysis. */
function assertSameAsFromScratch(ws: ManifestWorkspace, texts: Map<string, string>, settings: AnalysisSettings, what: string): void {
  const fresh = new ManifestWorkspace();
  for (const [uri, text] of texts) fresh.setFile(uri, text);
  for (const uri of texts.keys()) {
    const a = ws.getFile(uri)!;
    const b = fresh.getFile(uri)!;
    assert.deepEqual({ documents: a.documents, resources: a.resources, problems: a.problems, isTemplate: a.isTemplate }, { documents: b.documents, resources: b.resources, problems: b.problems, isTemplate: b.isTemplate }, `parse of ${uri} after ${what}`);
    assert.deepEqual(ws.analyzeFile(uri, settings), fresh.analyzeFile(uri, settings), `analysis of ${uri} after ${what}`);
  }
}

function fuzz(files: [string, string][], seed: number, edits: number, settings = DEFAULT_ANALYSIS_SETTINGS): { incremental: number; total: number } {
  const rnd = seededRandom(seed);
  const ws = new ManifestWorkspace();
  const texts = new Map(files);
  for (const [uri, text] of texts) ws.setFile(uri, text);
  for (const uri of texts.keys()) ws.analyzeFile(uri, settings);
  let incremental = 0;
  const clean = new Map(files);
  for (let i = 0; i < edits; i++) {
    const uri = files[Math.floor(rnd() * files.length)][0];
    const before = texts.get(uri)!;
    const after = edit(before, rnd);
    texts.set(uri, after);
    const docsBefore = ws.getFile(uri)!.documents.length;
    const parsedBefore = ws.documentParseCount;
    ws.setFile(uri, after);
    if (before !== after && ws.documentParseCount - parsedBefore < Math.max(1, docsBefore) && ws.getFile(uri)!.documents.length > 1) incremental++;
    assertSameAsFromScratch(ws, texts, settings, `edit ${i} (seed ${seed}) of ${uri}: ${JSON.stringify(before.length < 400 ? after : `${after.length} characters`)}`);
    // Undo most edits that broke the YAML or made a template, as a user would: later edits start from plain YAML.
    if (ws.getFile(uri)!.problems.some((p) => p.severity === 'error') || /\{\{ \.Values|(^|\n)%/.test(after)) {
      if (rnd() < 0.8) {
        texts.set(uri, clean.get(uri)!);
        ws.setFile(uri, clean.get(uri)!);
      }
    } else clean.set(uri, after);
  }
  return { incremental, total: edits };
}

test('random edits of generated multi-document files give what a whole-file parse and analysis give', () => {
  let incremental = 0;
  let total = 0;
  for (const [i, [name, text]] of SHAPES.entries()) {
    const r = fuzz([[`file:///ws/${name}`, text]], 8000 + i, 60);
    incremental += r.incremental;
    total += r.total;
  }
  // Most random edits stay inside one document: they must take the incremental path, not only agree.
  assert.ok(incremental > total / 2, `only ${incremental} of ${total} edits re-parsed less than the whole file`);
});

test('random edits across two files (the Service in one, StatefulSets in the other) agree with a fresh workspace', () => {
  const [svc] = generated(1).split('\n---\n');
  const settings = { ...DEFAULT_ANALYSIS_SETTINGS, rules: { 'no-pod-disruption-budget': 'off' as const } };
  fuzz([['file:///ws/svc.yaml', `${svc}\n---\n${svc.replace('random-generator-0', 'other')}\n`], ['file:///ws/sts.yaml', generated(3)]], 8100, 80, settings);
});

test('random edits of real manifests from the corpus agree with a fresh workspace', { skip: corpusMissing }, () => {
  const files = readdirSync(corpusDir).filter((f) => /\.ya?ml$/.test(f)).sort();
  for (const [i, f] of files.entries()) {
    fuzz([[`file:///corpus/${f}`, readFileSync(path.join(corpusDir, f), 'utf8')]], 9000 + i, 5);
  }
});

test('an edit inside one document parses and checks that document only, and the others keep their objects', () => {
  const ws = new ManifestWorkspace();
  const uri = 'file:///ws/three.yaml';
  const text = generated(3);
  ws.setFile(uri, text);
  ws.analyzeFile(uri, DEFAULT_ANALYSIS_SETTINGS);
  assert.equal(ws.documentParseCount, 6);
  assert.equal(ws.statefulSetCheckCount, 3);
  const before = ws.getFile(uri)!.documents;
  // The second StatefulSet (document 3) gets 12 replicas instead of 2: one character more.
  const at = text.indexOf('replicas: 2', text.indexOf('name: rg-1'));
  const edited = `${text.slice(0, at)}replicas: 12${text.slice(at + 'replicas: 2'.length)}`;
  ws.setFile(uri, edited);
  const after = ws.getFile(uri)!.documents;
  assert.equal(ws.documentParseCount, 7);
  assert.deepEqual(after.map((d, i) => d === before[i]), [true, true, true, false, true, true]);
  assert.equal(after[4].span.start, before[4].span.start);
  const analysis = ws.analyzeFile(uri, DEFAULT_ANALYSIS_SETTINGS);
  assert.equal(ws.statefulSetCheckCount, 4);
  assert.deepEqual(analysis.identities.map((i) => i.replicas.value), [2, 12, 2]);
  assert.deepEqual(analysis.identities.map((i) => i.nameSpan.start), [edited.indexOf('name: rg-0') + 6, edited.indexOf('name: rg-1') + 6, edited.indexOf('name: rg-2') + 6]);

  // A new `---` line changes how the file splits: the whole file is parsed again.
  const split = edited.replace('  clusterIP: None\n', '  clusterIP: None\n---\n');
  ws.setFile(uri, split);
  assert.equal(ws.documentParseCount, 7 + 7);
  // A YAML error is never handled by parts (the file may need the quoted-scalar repair): whole file again.
  ws.setFile(uri, split.replace('replicas: 12', 'replicas: "12'));
  assert.equal(ws.documentParseCount, 7 + 7 + 7);
});

test('a one-shot workspace (keepForEdits: false, the CLI) keeps no results for edits: an edit re-checks every StatefulSet, with the same results', () => {
  const uri = 'file:///ws/three.yaml';
  const text = generated(3);
  const at = text.indexOf('replicas: 2', text.indexOf('name: rg-1'));
  const edited = `${text.slice(0, at)}replicas: 12${text.slice(at + 'replicas: 2'.length)}`;
  const oneShot = new ManifestWorkspace({ keepForEdits: false });
  const kept = new ManifestWorkspace();
  for (const ws of [oneShot, kept]) {
    ws.setFile(uri, text);
    ws.analyzeFile(uri, DEFAULT_ANALYSIS_SETTINGS);
    ws.setFile(uri, edited);
  }
  const a = oneShot.analyzeFile(uri, DEFAULT_ANALYSIS_SETTINGS);
  const b = kept.analyzeFile(uri, DEFAULT_ANALYSIS_SETTINGS);
  assert.equal(oneShot.statefulSetCheckCount, 6);
  assert.equal(kept.statefulSetCheckCount, 4);
  assert.deepEqual(a, b);
  assert.deepEqual(a.identities.map((i) => i.replicas.value), [2, 12, 2]);
});
