// A text that is one JSON value is read by jsonc-parser's scanner straight into the analysis tree
// (analysis/jsonText.ts) instead of the `yaml` package: the parse must be exactly the YAML path's — documents,
// spans, values, sources, problems, resources, layout — for every JSON text, and the YAML path must keep every
// text that is not plain JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { MAX_DEPTH, MAX_DOCUMENT_NODES, parseWholeFile } from '../../server/src/analysis/parse';
import { convertJsonText } from '../../server/src/analysis/jsonText';
import { StringPool } from '../../server/src/analysis/stringPool';
import { corpusDir, corpusMissing } from '../support/paths';

const LIMITS = { maxNodes: MAX_DOCUMENT_NODES, maxDepth: MAX_DEPTH };

/** Asserts that `text` takes the JSON path and parses exactly as the YAML path parses it. */
function sameAsYaml(text: string, what: string): ReturnType<typeof parseWholeFile> {
  assert.ok(convertJsonText(text, LIMITS, new StringPool()), `${what}: read as JSON`);
  const uri = 'file:///w/manifest.json.yaml';
  const json = parseWholeFile(uri, text);
  assert.deepStrictEqual(json, parseWholeFile(uri, text, 'default', { json: false }), what);
  return json;
}

const STATEFULSET = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', labels: { app: 'web', '': 'empty key', '<<': 'not a merge key' } },
  spec: {
    serviceName: 'web',
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', ports: [{ containerPort: 80 }], args: [] }] } },
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
  },
};

test('JSON of every layout, escape and number form parses as the YAML path parses it', () => {
  const list = { apiVersion: 'v1', kind: 'List', items: [STATEFULSET, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { clusterIP: 'None' } }] };
  for (const indent of [undefined, 0, 1, 2, 4, '\t']) {
    const text = JSON.stringify(list, null, indent);
    sameAsYaml(text, `indent ${JSON.stringify(indent)}`);
    sameAsYaml(`\n  \t\r\n${text}\r\n\n  `, `indent ${JSON.stringify(indent)} with whitespace around`);
    sameAsYaml(text.replaceAll('\n', '\r\n'), `indent ${JSON.stringify(indent)} with CRLF`);
  }
  const scalars = String.raw`{"s": "a\"b\\c\/d\b\f\n\r\t\u00e9\u4e2d\ud83d\ude00\ud800 é 😀", "n": [0, -0, 1, -1, 2.50, 1e3, 1E-3, -1.5e+2, 123456789012345678901234567890, 1e400, 0.000001],
    "k": [true, false, null], "e": {}, "a": [[], [[]], {}], "": "", "long": "${'x'.repeat(5000)}", "${'k'.repeat(2000)}": 1}`;
  const parsed = sameAsYaml(scalars, 'escapes and numbers');
  const root = parsed.file.documents[0].root;
  assert.equal(root?.kind, 'map');
  if (root?.kind === 'map') {
    const n = root.pairs[1].value;
    assert.ok(n?.kind === 'seq');
    if (n?.kind === 'seq') assert.deepStrictEqual(n.items.slice(0, 5).map((i) => (i.kind === 'scalar' ? [i.value, i.source] : [])), [[0, '0'], [-0, '-0'], [1, '1'], [-1, '-1'], [2.5, '2.50']]);
  }
  // The document's span around the value follows the `yaml` package's rule for blanks and line breaks.
  const blanks = ['', ' ', '\t', '\n', '\r\n', '\r'];
  const around = blanks.flatMap((a) => blanks.map((b) => a + b));
  for (const before of around) for (const after of around) sameAsYaml(`${before}{"a": [1,\n 2]}${after}`, `blanks ${JSON.stringify([before, after])}`);
  sameAsYaml('[1, {"x": -0}]', 'a root array');
  sameAsYaml('{"a":1,"b":{"c":[1,2,{"d":null}]}}', 'no spaces');
});

test('a JSON text past the node or depth limit is cut where the YAML path cuts it, with the same warning', () => {
  // The cut falls on a scalar in a map, on a map in a list, on a list value and on a scalar in a list.
  for (const [items, pad] of [
    [3000, 0],
    [2999, 7],
    [3001, 13],
    [4000, 29],
  ] as const) {
    const big = { apiVersion: 'v1', kind: 'List', items: Array.from({ length: items }, (_, i) => ({ ...STATEFULSET, metadata: { name: `web-${i}` }, pad: Array.from({ length: pad }, (_, j) => j) })) };
    const parsed = sameAsYaml(JSON.stringify(big), `${items} items padded ${pad}`);
    const limits = parsed.file.problems.filter((p) => p.ruleId === 'yaml-alias-limit');
    assert.deepEqual(
      limits.map((p) => p.message),
      [`This document has more than ${MAX_DOCUMENT_NODES} nodes; StatefulSet Lens reads it only up to this point.`],
    );
  }
  const deep = (n: number, open: string, close: string, leaf: string) => open.repeat(n) + leaf + close.repeat(n);
  for (const text of [deep(MAX_DEPTH + 20, '[', ']', '1'), deep(MAX_DEPTH + 1, '{"a":', '}', '"x"'), deep(MAX_DEPTH, '{"a":', '}', '[1, 2]'), `[${deep(MAX_DEPTH, '[', ']', '1')}, 2, {"b": 3}]`]) {
    const parsed = sameAsYaml(text, `nested ${text.slice(0, 12)}`);
    if (text.length > 2 * MAX_DEPTH + 10) assert.deepEqual(parsed.file.problems.map((p) => p.message), ['This document is nested too deeply; StatefulSet Lens reads it only up to this point.']);
  }
});

test('text that is not plain JSON is left to the YAML path, which reports it as YAML', () => {
  for (const text of [
    '{"a": 1,}',
    '{"a": 1} // comment',
    '# comment\n{"a": 1}',
    '{"a": 1, "a": 2}',
    `{${Array.from({ length: 40 }, (_, i) => `"k${i % 39}": ${i}`).join(', ')}}`,
    '{a: 1}',
    '{"a": 1}\n---\n{"b": 2}',
    '{"a": "tab\there"}',
    '{"a": "line\nbreak"}',
    '{"a": 01}',
    '{"a": .5}',
    '{"a": NaN}',
    "{'a': 1}",
    '\uFEFF{"a": 1}',
    '{"a": 1}}',
    '{"a": [1, 2}',
    '"just a string"',
    '42',
    '',
  ]) {
    assert.equal(convertJsonText(text, LIMITS, new StringPool()), undefined, JSON.stringify(text));
  }
  // A duplicate key past the node limit is still a YAML error: the YAML path reads such a text.
  const numbers = Array.from({ length: 60000 }, (_, i) => i);
  const pastTheLimit = JSON.stringify({ a: numbers, b: numbers, c: { x: 1, y: 2, x2: 3 } }).replace('"x2"', '"x"');
  assert.equal(convertJsonText(pastTheLimit, LIMITS, new StringPool()), undefined, 'a duplicate key past the limit');
  const dup = parseWholeFile('file:///w/d.yaml', '{"a": 1, "b": {"c": 1, "c": 2}}');
  assert.deepEqual(
    dup.file.problems.map((p) => [p.message, p.span]),
    [['YAML syntax error: Map keys must be unique', { start: 23, end: 24 }]],
  );
});

test('every corpus manifest, as JSON, parses as the YAML path parses it', { skip: corpusMissing }, () => {
  const files = readdirSync(corpusDir).filter((f) => /\.ya?ml$/.test(f)).sort();
  let read = 0;
  for (const name of files) {
    const docs = parseAllDocuments(readFileSync(path.join(corpusDir, name), 'utf8'));
    for (const [i, doc] of docs.entries()) {
      if (doc.errors.length > 0) continue;
      const value = doc.toJS({ maxAliasCount: -1 });
      if (value === null || typeof value !== 'object') continue;
      const json = JSON.stringify(value, null, i % 3 === 0 ? undefined : i % 3 === 1 ? 2 : '\t');
      if (json === undefined || !/^[[{]/.test(json)) continue;
      sameAsYaml(json, `${name} document ${i}`);
      read++;
    }
  }
  assert.ok(read > 100, `${read} corpus documents read as JSON`);
});

test('mutated JSON manifests: whatever the JSON path accepts parses exactly as the YAML path parses it', () => {
  // A seeded generator: the same 3000 mutations every run.
  let seed = 20261201;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const base = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [STATEFULSET] }, null, 1);
  const pieces = ['{', '}', '[', ']', ',', ':', '"', '\\', ' ', '\n', '\r', '\t', '0', '-', '1e5', 'true', 'null', '"a"', '\u00e9', '\\u0041', '#', '---', '\r\n', '//', '<<'];
  let accepted = 0;
  for (let i = 0; i < 3000; i++) {
    let text = base;
    for (let m = 1 + random(3); m > 0; m--) {
      const at = random(text.length + 1);
      text = random(2) === 0 ? text.slice(0, at) + pieces[random(pieces.length)] + text.slice(at) : text.slice(0, at) + text.slice(at + 1 + random(3));
    }
    if (!convertJsonText(text, LIMITS, new StringPool())) continue;
    accepted++;
    sameAsYaml(text, `mutation ${i}: ${JSON.stringify(text.slice(0, 80))}`);
  }
  assert.ok(accepted > 300, `${accepted} mutations read as JSON`);
});
