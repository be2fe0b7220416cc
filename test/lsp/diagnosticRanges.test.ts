// Line tables behind LSP ranges: the fast line count, the table kept per text (a newer version of a file as long
// as the older one, an undo back to an older text) and the one kept per parsed file, against a count from scratch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace, fileLineStarts, lineStarts, type Span } from '../../server/src/analysis/index';
import { findingToDiagnostic } from '../../server/src/features/diagnostics';
import { fileSpanToRange, spanToRange } from '../../server/src/features/ranges';

/** Line and character of an offset, counted character by character (\n, \r\n and a lone \r end a line). */
function countedPosition(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

const counted = (text: string, span: Span) => ({ start: countedPosition(text, span.start), end: countedPosition(text, span.end) });

test('line starts are the same with and without carriage returns in the text', () => {
  assert.deepEqual(lineStarts(''), [0]);
  assert.deepEqual(lineStarts('a'), [0]);
  assert.deepEqual(lineStarts('a\nbc\n'), [0, 2, 5]);
  assert.deepEqual(lineStarts('\n\n'), [0, 1, 2]);
  assert.deepEqual(lineStarts('a\r\nbc\r\n'), [0, 3, 7]);
  assert.deepEqual(lineStarts('a\rb\r\nc\nd'), [0, 2, 5, 7]);
});

test('a range in a newer text of the same length is counted in that text, and an undo reads the older text again', () => {
  const v1 = 'kind: StatefulSet\nmetadata:\n  name: web\n';
  // Same length, the second line break two characters later.
  const v2 = 'kind: StatefulSet\nmeta  data:\nname: web\n';
  const v1Again = ['kind: StatefulSet', 'metadata:', '  name: web', ''].join('\n');
  assert.equal(v2.length, v1.length);
  const span = { start: 36, end: 39 };
  assert.deepEqual(spanToRange(v1, span), { start: { line: 2, character: 8 }, end: { line: 2, character: 11 } });
  assert.deepEqual(spanToRange(v2, span), { start: { line: 2, character: 6 }, end: { line: 2, character: 9 } });
  assert.deepEqual(spanToRange(v1Again, span), { start: { line: 2, character: 8 }, end: { line: 2, character: 11 } });
  assert.deepEqual(spanToRange(v2, span), counted(v2, span));
});

const pair = (i: number) => `apiVersion: v1
kind: Service
metadata:
  name: web-${i}
spec:
  clusterIP: None
  selector:
    app: web-${i}
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web-${i}
spec:
  serviceName: web-${i}
  replicas: 2
  selector:
    matchLabels:
      app: web-${i}
  template:
    metadata:
      labels:
        app: web-${i}
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

test('diagnostics of a file edited in place equal those of the same text analysed from scratch', () => {
  const uri = 'file:///edited.yaml';
  let text = [0, 1, 2, 3].map(pair).join('---\n');
  const ws = new ManifestWorkspace();
  ws.setFile(uri, text);
  const diagnosticsOf = (w: ManifestWorkspace) => {
    const file = w.getFile(uri)!;
    return w.analyzeFile(uri, DEFAULT_ANALYSIS_SETTINGS).findings.map((f) => findingToDiagnostic(file, f, 'file:///docs/rules.md'));
  };
  const first = diagnosticsOf(ws);
  // Per StatefulSet: no PDB (on its name), its Service names no port (on serviceName's value), no anti-affinity (on replicas' value).
  assert.deepEqual(first.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]), [
    ['no-pod-disruption-budget', 12, 8, 13],
    ['service-port-unnamed', 14, 15, 20],
    ['no-pod-anti-affinity', 15, 12, 13],
    ['no-pod-disruption-budget', 40, 8, 13],
    ['service-port-unnamed', 42, 15, 20],
    ['no-pod-anti-affinity', 43, 12, 13],
    ['no-pod-disruption-budget', 68, 8, 13],
    ['service-port-unnamed', 70, 15, 20],
    ['no-pod-anti-affinity', 71, 12, 13],
    ['no-pod-disruption-budget', 96, 8, 13],
    ['service-port-unnamed', 98, 15, 20],
    ['no-pod-anti-affinity', 99, 12, 13],
  ]);
  // Lines added to the first document move the others; a value of the same length; lines removed again.
  const edits: [string, string][] = [
    ['  clusterIP: None\n', '  clusterIP: None\n  ports:\n    - port: 80\n'],
    ['  replicas: 2\n', '  replicas: 7\n'],
    ['  ports:\n    - port: 80\n', ''],
    ['name: web-2\n', 'name: web-22\n'],
  ];
  for (const [from, to] of edits) {
    text = text.replace(from, to);
    assert.equal(ws.setFile(uri, text), true);
    const fresh = new ManifestWorkspace();
    fresh.setFile(uri, text);
    const now = diagnosticsOf(ws);
    assert.deepEqual(now, diagnosticsOf(fresh));
    const file = ws.getFile(uri)!;
    for (const f of ws.analyzeFile(uri, DEFAULT_ANALYSIS_SETTINGS).findings) assert.deepEqual(fileSpanToRange(file, f.span), counted(text, f.span));
  }
  // Each edit re-parsed its own document only: the others kept their objects and moved.
  assert.equal(ws.documentParseCount, 8 + edits.length);
});

test('a parsed file keeps one line table, counted from its own text', () => {
  const ws = new ManifestWorkspace();
  ws.setFile('file:///a.yaml', pair(0));
  const a = ws.getFile('file:///a.yaml')!;
  assert.equal(fileLineStarts(a), fileLineStarts(a));
  assert.deepEqual(fileLineStarts(a), lineStarts(a.text));
  ws.setFile('file:///a.yaml', `# moved\n${pair(0)}`);
  const b = ws.getFile('file:///a.yaml')!;
  assert.deepEqual(fileLineStarts(b), lineStarts(b.text));
  assert.deepEqual(fileSpanToRange(b, { start: 8, end: 18 }), { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } });
});
