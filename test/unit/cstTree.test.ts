// Plain YAML documents are built into the analysis tree straight from the `yaml` parser's CST (analysis/cstTree.ts)
// instead of from composed `yaml` documents: the parse must be exactly the composed path's — documents, spans,
// values, sources, problems, resources, layout — for every text, and every document cstTree cannot vouch for must
// go to the composer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Parser, type CST } from 'yaml';
import { assembleParts, MAX_DEPTH, MAX_DOCUMENT_NODES, parsePart, parseWholeFile, partsOf } from '../../server/src/analysis/parse';
import { convertCstDocument, type CstContext } from '../../server/src/analysis/cstTree';
import { StringPool } from '../../server/src/analysis/stringPool';
import { corpusDir, corpusMissing } from '../support/paths';
import { seededRandom } from '../support/seededRandom';

const URI = 'file:///w/manifest.yaml';

/** Asserts that the parse of `text` is the composed path's, and returns it. */
function sameAsComposed(text: string, what: string): ReturnType<typeof parseWholeFile> {
  const built = parseWholeFile(URI, text, 'default', { json: false });
  assert.deepStrictEqual(built, parseWholeFile(URI, text, 'default', { json: false, cst: false }), what);
  return built;
}

/** How many of the text's documents cstTree builds (the others go to the composer). */
function builtFromCst(text: string): { built: number; documents: number } {
  const ctx: CstContext = {
    text,
    strings: new StringPool(),
    maxNodes: MAX_DOCUMENT_NODES,
    maxDepth: MAX_DEPTH,
    span: (start, end) => ({ start, end }),
    plainValues: new Map(),
    keyValues: new Map(),
  };
  let built = 0;
  let documents = 0;
  for (const token of new Parser().parse(text)) {
    if (token.type !== 'document') continue;
    documents++;
    if (convertCstDocument(token as CST.Document, ctx)) built++;
  }
  return { built, documents };
}

const STATEFULSET = `apiVersion: apps/v1 # trailing comment
kind: StatefulSet
metadata:
  name: web
  labels: {}
  annotations:
    "quoted key": 'single ''quoted'' value'
    plain-multi: first
      second line

      third
    dq: "tab\\t and \\u00e9 and \\
      folded"
spec:
  serviceName: web # the headless Service
  replicas: 3
  # a comment line between pairs
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: c
          image: nginx:1.27
          args: ["--a", '--b', --c, [nested, 1], ]
          extra: {a: 1, }
          command: [
            sh, -c,
            "echo hi"
          ]
          env: []
          resources: {limits: {cpu: "1", memory: 1Gi}, requests: { cpu: 500m }}
          securityContext: {
            runAsUser: 1000, "runAsGroup": 0x10,
            capabilities: {drop: [ALL]}
          }
          ports:
          - containerPort: 80
            # comment inside a sequence item
          - containerPort: 0x1F
        # comment after the sequence, at its indentation
      initContainers:
        - name: init
          script: |
            line one
              indented
            line three
          folded: >-
            a
            b

            c
          keep: |+
            kept

          indicator: |2
              two extra
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: 1Gi
  values:
    nulls: [~, null, Null, NULL]
    bools: [true, True, TRUE, false, False, FALSE, yes, no, on, off]
    ints: [0, -1, +2, 0o17, 0x1f, 1_000, 09]
    floats: [1.0, -0.5, .5, 1e3, 1.5E-3, .inf, -.Inf, .nan, 1.]
    strings: [a b, "1", '2', "", '', 2024-01-01, 1:2, a:b]
  ~: tilde key
  1: one
  true: true key
  0x10: hex key
  .inf: inf key
# a comment after the document
`;

test('a manifest of every plain shape is built from its CST, exactly as the composer gives it', () => {
  sameAsComposed(STATEFULSET, 'manifest');
  assert.deepStrictEqual(builtFromCst(STATEFULSET), { built: 1, documents: 1 });
  const three = `${STATEFULSET}---\n${STATEFULSET}--- # marker comment\n\n${STATEFULSET}`;
  sameAsComposed(three, 'three documents');
  assert.deepStrictEqual(builtFromCst(three), { built: 3, documents: 3 });
  for (const eol of ['\r\n']) sameAsComposed(three.replace(/\n/g, eol), 'CRLF');
  sameAsComposed(three.replace(/\n/g, '\r'), 'lone CR');
});

test('documents cstTree cannot vouch for go to the composer, and the file still parses as composed', () => {
  // Each variant breaks one rule of the plain shape; the document holding it is composed, the others built.
  const variants: [string, string][] = [
    ['anchor and alias', 'a: &x 1\nb: *x\n'],
    ['merge key', 'base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n'],
    ['tag', 'a: !!str 1\nb: !custom x\n'],
    ['explicit key', '? a\n: 1\n'],
    ['duplicate key', 'a: 1\nb: 2\na: 3\n'],
    ['duplicate by value', '1: a\n"1": b\n0x1: c\n'],
    ['duplicate bool', 'true: a\nTrue: b\n'],
    ['duplicate in a large map', Array.from({ length: 40 }, (_, i) => `k${i % 39}: ${i}\n`).join('')],
    ['empty value', 'a:\nb: 1\n'],
    ['empty item', '- \n- 1\n'],
    ['tab indentation', 'a:\n\tb: 1\n'],
    ['tab after value', 'a: 1\t\nb:\t2\n'],
    ['compact map', 'a: b: c\n'],
    ['multi-line key', 'a\n b: 1\n'],
    ['bad indentation', 'a:\n  b: 1\n c: 2\n'],
    ['duplicate key in a flow map', 'a: {b: 1, b: 2}\n'],
    ['flow comment', 'a: [1, # c\n 2]\n'],
    ['flow map key without a value', 'a: {b, c: 1}\n'],
    ['flow map without a space after the colon', 'a: {b:1}\n'],
    ['flow map missing a comma', 'a: {b: 1 c: 2}\n'],
    ['flow map with an explicit key', 'a: {? b: 1}\n'],
    ['flow map with a leading comma', 'a: {, b: 1}\n'],
    ['flow map with a block value', 'a: {b:\n  - 1}\n'],
    ['empty flow item', 'a: [1, , 2]\n'],
    ['unclosed flow', 'a: [1, 2\nb: 3\n'],
    ['unclosed quote', 'a: "x\nb: 1\n'],
    ['bad escape', 'a: "\\q"\n'],
    ['reserved start', 'a: @x\nb: `y\n'],
    ['document end marker', 'a: 1\n...\n---\nb: 2\n'],
    ['junk after document end', 'a: 1\n... x\nb: 2\n'],
    ['directive', '%YAML 1.1\n---\na: yes\n'],
    ['empty document', '---\n---\na: 1\n'],
    ['root scalar', '--- text\n'],
    ['root block scalar', '--- |\n  text\n'],
    ['block map on the marker line', '--- a: 1\n'],
    ['comment without space', 'a: 1 #ok\nb: "x"#bad\n'],
    ['key of 1100 characters', `${'k'.repeat(1100)}: 1\n`],
    ['block scalar with a more-indented first line', 'a: |\n\n    x\n  y\n'],
    ['stray token between documents', 'a: 1\n]\n---\nb: 2\n'],
    ['sequence as a key', '- a: 1\n  - b\n'],
    ['nested too deeply', `${Array.from({ length: MAX_DEPTH + 2 }, (_, i) => `${'  '.repeat(i)}k:\n`).join('')}${'  '.repeat(MAX_DEPTH + 2)}v: 1\n`],
    ['BOM', '\ufeffa: 1\n---\nb: 2\n'],
    ['quoted merge-like key', '"<<": 1\n'],
  ];
  for (const [what, variant] of variants) {
    sameAsComposed(variant, what);
    const around = `first: 1\n---\n${variant}---\nlast: 2\n`;
    sameAsComposed(around, `${what}, between documents`);
  }
  // The rule each variant breaks keeps its document from cstTree (the plain neighbours are still built).
  for (const [what, variant] of variants.slice(0, 16)) assert.equal(builtFromCst(variant).built, 0, what);
  assert.deepStrictEqual(builtFromCst('first: 1\n---\na: &x 1\n---\nlast: 2\n'), { built: 2, documents: 3 });
  // A quoted `<<` is an ordinary key, not a merge.
  assert.equal(builtFromCst('"<<": 1\n').built, 1);
});

test('empty documents, with or without comments, are built as the composer places their null', () => {
  const texts = ['---\n', '---', '--- \n', '---   # after the marker\n', '---\n# a comment line\n', '# before\n---\n\n\n', '---\n---\n---\n', 'a: 1\n---\n', 'a: 1\n--- # c\n---\nb: 2\n', '---\r\n\r\n---\r\n'];
  for (const text of texts) {
    sameAsComposed(text, JSON.stringify(text));
    const { built, documents } = builtFromCst(text);
    assert.equal(built, documents, JSON.stringify(text));
  }
  const parsed = sameAsComposed('a: 1\n---   # c\n---\nb: 2\n', 'spans');
  // After the marker and the spaces that follow it, before the comment.
  assert.deepStrictEqual(parsed.file.documents[1].root, { kind: 'scalar', value: null, source: '', span: { start: 11, end: 11 } });
  // From the marker to the end of its comment's line.
  assert.deepStrictEqual(parsed.file.documents[1].span, { start: 5, end: 15 });
  assert.equal(builtFromCst('---\t\n').built, 0, 'a tab is left to the composer');
  sameAsComposed('---\t\n---\n', 'a tab after the marker');
  sameAsComposed('\n'.repeat(3) + '---\n'.repeat(2000) + 'a: 1\n', '2,000 empty documents');
});

test('a document over the node limit is composed and cut as before', () => {
  const items = Array.from({ length: MAX_DOCUMENT_NODES + 10 }, (_, i) => `- ${i}`).join('\n');
  const parsed = sameAsComposed(`big:\n${items}\n---\nsmall: 1\n`, 'over the node limit');
  assert.match(parsed.file.problems[0].message, /more than 100000 nodes/);
});

test('a text cut into parts assembles to the composed whole-file parse', () => {
  const text = Array.from({ length: 60 }, () => STATEFULSET).join('---\n');
  const cuts = partsOf(URI, text, 16 * 1024);
  assert.ok(cuts && cuts.length > 3, 'the text is cut');
  const parts = cuts.slice(0, -1).map((c, k) => parsePart(URI, text, c, cuts[k + 1]));
  assert.deepStrictEqual(assembleParts(URI, text, parts), parseWholeFile(URI, text, 'default', { json: false, cst: false }));
});

test('every corpus manifest is built from its CST exactly as composed, most documents by cstTree', { skip: corpusMissing }, () => {
  let built = 0;
  let documents = 0;
  for (const f of readdirSync(corpusDir).filter((name) => /\.ya?ml$/.test(name))) {
    const text = readFileSync(path.join(corpusDir, f), 'utf8');
    sameAsComposed(text, f);
    const count = builtFromCst(text);
    built += count.built;
    documents += count.documents;
  }
  assert.ok(built >= documents * 0.8, `${built} of ${documents} corpus documents built from their CST`);
});

const JUNK = [' ', '  ', '\t', '\n', '\r\n', '\r', ':', ': ', '- ', '-', '#', ' #c', '"', "'", '[', ']', '{', '}', ',', '|', '>', '|-', '&a ', '*a', '!t ', '? ', '---\n', '...\n', '%', '@', '\\', '~', 'null', '0x', '.inf', '<<: ', '\ufeff', '\u0000'];

test('damaged manifests (3,000 by default) parse exactly as composed', { skip: corpusMissing }, () => {
  const files = readdirSync(corpusDir).filter((name) => /\.ya?ml$/.test(name)).sort();
  // The smaller manifests (most of the corpus): each run parses its text twice.
  // The shape catalogue above counts as ten of them: the corpus has few flow maps, block scalars or comments in flow.
  const originals = [...Array(10).fill(STATEFULSET), ...files.map((f) => readFileSync(path.join(corpusDir, f), 'utf8')).filter((t) => t.length <= 12_000)];
  // CST_FUZZ_RUNS and CST_FUZZ_SEED run more, or others, by hand.
  const rnd = seededRandom(Number(process.env.CST_FUZZ_SEED ?? 20261201));
  const runs = Number(process.env.CST_FUZZ_RUNS ?? 3_000);
  for (let run = 0; run < runs; run++) {
    const original = originals[run % originals.length];
    let text = original;
    const steps = 1 + Math.floor(rnd() * 3);
    for (let s = 0; s < steps; s++) {
      const at = Math.floor(rnd() * (text.length + 1));
      const r = rnd();
      if (r < 0.4) text = text.slice(0, at) + JUNK[Math.floor(rnd() * JUNK.length)] + text.slice(at);
      else if (r < 0.7) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 3));
      else {
        // Re-indent a line by one column either way.
        const lineStart = text.lastIndexOf('\n', at - 1) + 1;
        text = rnd() < 0.5 ? text.slice(0, lineStart) + ' ' + text.slice(lineStart) : text.slice(0, lineStart) + text.slice(lineStart).replace(/^ /, '');
      }
    }
    sameAsComposed(text, `run ${run}: ${JSON.stringify(text.slice(0, 200))}`);
  }
});
