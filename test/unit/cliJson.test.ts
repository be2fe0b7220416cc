// writeJson streams the CLI's JSON reports in pieces; the text must be exactly JSON.stringify(value, null, 2)
// and a line break, whatever the shape and however deep the streaming goes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeJson } from '../../server/src/cli/output';

function written(value: unknown, depth?: number): { text: string; chunks: number } {
  const chunks: string[] = [];
  writeJson(value, (c) => chunks.push(c), depth);
  return { text: chunks.join(''), chunks: chunks.length };
}

const SAMPLES: unknown[] = [
  [],
  {},
  [[], {}, [[]], { a: [] }],
  { statefulSets: [] },
  { a: undefined, b: () => 1, c: 1, d: [undefined, () => 2, Symbol('s'), null], e: { f: undefined } },
  [{ file: 'a\nb.yaml', message: 'line one\nline two "quoted" \u2028 \\', start: { line: 1, column: 2 } }],
  { runs: [{ tool: { driver: { name: 'x', rules: [{ id: 'r', properties: { tags: ['a', 'b'] } }] } }, results: [{ level: 'error', locations: [] }] }] },
  'just a string',
  42,
  null,
  [1, 'two', true, null, 3.5e-7, { nested: { deeper: { deepest: [1, [2, [3]]] } } }],
  { date: new Date(0), nested: [new Date(1)] },
];

test('writeJson writes exactly what JSON.stringify(value, null, 2) gives, at every streaming depth', () => {
  for (const value of SAMPLES) {
    const expected = JSON.stringify(value, null, 2) + '\n';
    for (const depth of [0, 1, 2, 3, 6, 20]) assert.equal(written(value, depth).text, expected, `${expected} at depth ${depth}`);
    assert.equal(written(value).text, expected);
  }
});

test('writeJson hands a big report over in pieces of about 64 KB, not as one string', () => {
  const findings = Array.from({ length: 10_000 }, (_, i) => ({ file: 'many.yaml', start: { line: i + 1, column: 3 }, severity: 'error', rule: 'replicas-range', message: `finding ${i}` }));
  const expected = JSON.stringify(findings, null, 2) + '\n';
  const { text, chunks } = written(findings);
  assert.equal(text, expected);
  assert.ok(chunks >= Math.floor(expected.length / 66_000) && chunks > 1 && chunks <= Math.ceil(expected.length / 65_536) + 1, `${chunks} chunks for ${expected.length} characters`);
});
