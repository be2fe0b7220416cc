// The server parses large open documents off its main thread (workspace/parsePool.ts, worker dist/parseWorker.js):
// the worker's result is exactly the in-thread parse, shared objects included; a worker that fails falls back to
// the in-thread parse and is logged once; a result for a text replaced meanwhile never enters the workspace.
// The analysis in steps (`prepareAnalysis`, what the server runs between yields) gives what `analyzeFile` gives.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace } from '../../server/src/analysis/index';
import { parseWholeFile, partsOf, type ParseResult } from '../../server/src/analysis/parse';
import { ParsePool } from '../../server/src/workspace/parsePool';
import { packParse } from '../../server/src/workspace/parseTransfer';
import { WorkspaceFiles } from '../../server/src/workspace/workspaceFiles';
import { examplesDir } from '../support/paths';

const WORKER = path.resolve(__dirname, '../../dist/parseWorker.js');
const tmp = mkdtempSync(path.join(tmpdir(), 'sts-lens-parse-worker-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const SMALL = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: small\n';
const EXAMPLE = readFileSync(path.join(examplesDir, 'random-generator.yaml'), 'utf8');
/** Anchors, an alias and a merge key. */
const SHARED = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
  labels: &labels
    app: web
spec:
  serviceName: web
  selector:
    matchLabels: *labels
  template:
    metadata:
      labels:
        <<: *labels
        tier: db
    spec:
      containers:
        - name: c
          image: nginx
`;

function statefulSets(n: number, name: string, extra = ''): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) docs.push(SHARED.replace(/web/g, `${name}-${i}`).replace('  serviceName', `${extra}  serviceName`));
  return docs.join('---\n');
}

const INPUTS: [string, string][] = [
  ['the example', EXAMPLE],
  ['anchors, an alias and a merge key', SHARED],
  ['many documents', statefulSets(40, 'db')],
  ['broken YAML', `${EXAMPLE}\n  bad: [unclosed\n`],
  ['a Helm template', EXAMPLE.replace('name: rg', 'name: {{ .Release.Name }}')],
  ['empty documents', `---\n---\n# nothing\n---\n${EXAMPLE}`],
  ['NaN, infinity, -0 and a key without a value', `${SHARED}  odd: [.nan, -.inf, -0, 0]\n? lonely\n`],
  ['a JSON List on one line', `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [1, 2, 3].map((i) => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: `j${i}` }, spec: { replicas: i } })) })}\n`],
];

/** Plain clone of a parse with no shared objects, to compare shapes; sharing is checked on its own below. */
function plain(result: ParseResult): unknown {
  return JSON.parse(JSON.stringify(result));
}

test('the worker parses exactly what the in-thread parse gives, for every kind of input', async () => {
  const logs: string[] = [];
  const pool = new ParsePool((m) => logs.push(m), WORKER);
  try {
    for (const [what, text] of INPUTS) {
      for (const namespace of ['default', 'team-a']) {
        const fromWorker = await pool.parse('file:///w/a.yaml', text, namespace);
        assert.deepStrictEqual(fromWorker, parseWholeFile('file:///w/a.yaml', text, namespace), what);
      }
    }
    // All but the JSON List, which is plain JSON and read on this thread (parseJsonFile).
    assert.equal(pool.answered, (INPUTS.length - 1) * 2);
    assert.deepEqual(logs, []);
  } finally {
    pool.dispose();
  }
});

/** Which objects of a parse are the same object, as the sequence of first-visit numbers of a walk. */
function sharing(value: unknown): number[] {
  const seen = new Map<object, number>();
  const out: number[] = [];
  const walk = (v: unknown): void => {
    if (typeof v !== 'object' || v === null) return;
    const id = seen.get(v);
    out.push(id ?? seen.size);
    if (id !== undefined) return;
    seen.set(v, seen.size);
    for (const child of Object.values(v)) walk(child);
  };
  walk(value);
  return out;
}

test('objects shared in the in-thread parse (a resource and its document\'s root, …) are shared alike in the worker result', async () => {
  const pool = new ParsePool(() => undefined, WORKER);
  try {
    for (const [what, text] of INPUTS) {
      const expected = sharing(parseWholeFile('file:///w/a.yaml', text));
      assert.deepEqual(sharing(await pool.parse('file:///w/a.yaml', text, 'default')), expected, what);
    }
    // Each resource's node is its document's root (the same object), as in the in-thread parse.
    const result = (await pool.parse('file:///w/a.yaml', SHARED, 'default'))!;
    const visits = sharing(result);
    assert.ok(new Set(visits).size < visits.length, 'some objects are reached twice');
    assert.equal(result.file.resources[0].node, result.file.documents[0].root);
  } finally {
    pool.dispose();
  }
});

test('the trees cross as JSON only when JSON gives them back exactly', () => {
  const packedAs = (text: string) => ('whole' in packParse(parseWholeFile('file:///w/a.yaml', text)) ? 'structured clone' : 'JSON');
  assert.equal(packedAs(EXAMPLE), 'JSON');
  assert.equal(packedAs(INPUTS[INPUTS.length - 1][1]), 'JSON');
  assert.equal(packedAs(`---\n---\n${EXAMPLE}`), 'JSON');
  assert.equal(packedAs('a: .nan\n'), 'structured clone');
  assert.equal(packedAs('a: -.inf\n'), 'structured clone');
  assert.equal(packedAs('a: -0\n'), 'structured clone');
  // A key without a value reads as a null scalar, which JSON keeps.
  assert.equal(packedAs('? lonely\n'), 'JSON');
});

test('a worker that cannot start, throws or exits falls back to the in-thread parse and is logged once', async () => {
  const throwsOnLoad = path.join(tmp, 'throws.js');
  writeFileSync(throwsOnLoad, 'throw new Error("broken worker");\n');
  const exits = path.join(tmp, 'exits.js');
  writeFileSync(exits, 'require("node:worker_threads").parentPort.on("message", () => process.exit(3));\n');
  const text = statefulSets(3, 'fb');
  for (const [what, file, because] of [
    ['a missing worker file', path.join(tmp, 'missing.js'), /Cannot find module/],
    ['a worker that throws when loaded', throwsOnLoad, /broken worker/],
    ['a worker that exits on a parse', exits, /exited with code 3/],
  ] as const) {
    const logs: string[] = [];
    const pool = new ParsePool((m) => logs.push(m), file);
    try {
      const [first, second] = await Promise.all([pool.parse('file:///w/a.yaml', text, 'default'), pool.parse('file:///w/b.yaml', text, 'default')]);
      const third = await pool.parse('file:///w/a.yaml', text, 'default');
      for (const r of [first, second, third]) assert.deepStrictEqual(plain(r!), plain(parseWholeFile(r!.file.uri, text, 'default')), what);
      assert.equal(pool.answered, 0, what);
      assert.equal(logs.length, 1, `${what}: ${JSON.stringify(logs)}`);
      assert.match(logs[0], /^The parse worker failed \(/);
      assert.match(logs[0], because);
    } finally {
      pool.dispose();
    }
  }
});

test('a text cut into parts is parsed here, in slices, into exactly the whole-file parse; a part with an error goes to the worker', async () => {
  const pool = new ParsePool(() => undefined, WORKER, { partLength: 2048 });
  try {
    const odd = `${SHARED}  odd: [.nan, -.inf, -0, 0]\n? lonely\n`;
    const text = [statefulSets(60, 'db'), odd, statefulSets(60, 'cache'), EXAMPLE].join('---\n');
    const cuts = partsOf('file:///w/a.yaml', text, 2048)!;
    assert.ok(cuts.length > 15, `${cuts.length - 1} parts`);
    for (const namespace of ['default', 'team-a']) {
      const result = await pool.parse('file:///w/a.yaml', text, namespace);
      const expected = parseWholeFile('file:///w/a.yaml', text, namespace);
      assert.deepStrictEqual(result, expected);
      assert.deepEqual(sharing(result), sharing(expected));
    }
    // The worker is not used for a text cut into parts.
    assert.equal(pool.answered, 0);
    // A part with a YAML error (the first one here): the whole-file parse decides, errors and all, in the worker.
    for (const broken of [`key: [unclosed\n---\n${text}`, `${text}---\nkey: [unclosed\n`]) {
      assert.deepStrictEqual(await pool.parse('file:///w/b.yaml', broken, 'default'), parseWholeFile('file:///w/b.yaml', broken, 'default'));
    }
    assert.equal(pool.answered, 2);
  } finally {
    pool.dispose();
  }
});

test('a newer text of the same document stops the parse of the older one, which resolves undefined', async () => {
  const pool = new ParsePool(() => undefined, WORKER, { partLength: 4096 });
  try {
    const older = statefulSets(150, 'old');
    const newer = statefulSets(150, 'new');
    const first = pool.parse('file:///w/a.yaml', older, 'default');
    const other = pool.parse('file:///w/other.yaml', older, 'default');
    const second = pool.parse('file:///w/a.yaml', newer, 'default');
    assert.equal(await first, undefined);
    assert.deepStrictEqual(await second, parseWholeFile('file:///w/a.yaml', newer, 'default'));
    assert.deepStrictEqual(await other, parseWholeFile('file:///w/other.yaml', older, 'default'));
    // Cancelled while queued or under way: undefined too.
    const cancelled = pool.parse('file:///w/a.yaml', older, 'default');
    pool.cancel('file:///w/a.yaml');
    assert.equal(await cancelled, undefined);
  } finally {
    pool.dispose();
  }
});

test('a cut text is parsed in slices, with other work in between, and never starts the worker', async () => {
  const logs: string[] = [];
  const pool = new ParsePool((m) => logs.push(m), path.join(tmp, 'missing-for-parts.js'), { partLength: 4096 });
  try {
    // Some 250 KB: several slices of 50 ms.
    const text = statefulSets(600, 'solo');
    let ticks = 0;
    const ticking = setInterval(() => ticks++, 0);
    const result = await pool.parse('file:///w/a.yaml', text, 'default');
    clearInterval(ticking);
    assert.deepStrictEqual(result, parseWholeFile('file:///w/a.yaml', text, 'default'));
    assert.ok(ticks >= 2, `timers ran ${ticks} times during the parse`);
    // The worker was never started (its missing file went unnoticed) …
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(logs, []);
    // … until a part with a YAML error sent the text to the whole-file parse: made here once the worker is found missing.
    const broken = `key: [unclosed\n---\n${text}`;
    assert.deepStrictEqual(await pool.parse('file:///w/b.yaml', broken, 'default'), parseWholeFile('file:///w/b.yaml', broken, 'default'));
    assert.equal(logs.length, 1);
    assert.match(logs[0], /^The parse worker failed \(.*Cannot find module/);
    assert.equal(pool.answered, 0);
  } finally {
    pool.dispose();
  }
});

/** A pool whose parses the test finishes, in the order it chooses. */
function heldPool() {
  const held: { text: string; finish: () => void }[] = [];
  const pool = {
    parse(uri: string, text: string, namespace: string): Promise<ParseResult> {
      return new Promise((resolve) => held.push({ text, finish: () => resolve(parseWholeFile(uri, text, namespace)) }));
    },
    cancel() {},
    dispose() {},
  } as unknown as ParsePool;
  return { pool, held };
}

test('a worker result for a text replaced meanwhile never enters the workspace', async () => {
  const { pool, held } = heldPool();
  const background: string[] = [];
  const files = new WorkspaceFiles({ pool: () => pool, parseInPoolFrom: 1000, parsedInBackground: (uri) => background.push(uri) });
  const uri = 'file:///w/big.yaml';
  const first = statefulSets(20, 'first');
  const second = statefulSets(20, 'second', '  replicas: 2\n');
  assert.equal(files.setOpen(uri, first), false);
  assert.equal(files.setOpen(uri, second), false);
  assert.deepEqual(held.map((h) => h.text), [first, second]);
  // The first text's parse ends first: it is dropped, and a request still waits for the second.
  held[0].finish();
  let parsed = false;
  const waiting = files.whenParsed(uri).then(() => (parsed = true));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(files.workspace.getFile(uri), undefined);
  assert.equal(parsed, false);
  assert.deepEqual(background, []);
  held[1].finish();
  await waiting;
  assert.equal(files.workspace.getFile(uri)?.text, second);
  assert.deepEqual(files.workspace.getFile(uri)?.resources.map((r) => r.name).slice(0, 2), ['second-0', 'second-1']);
  assert.deepEqual(background, [uri]);

  // The newer parse ending before the older one: the older, arriving last, changes nothing either.
  const third = statefulSets(20, 'third');
  const fourth = statefulSets(20, 'fourth');
  files.setOpen(uri, third);
  files.setOpen(uri, fourth);
  held[3].finish();
  await files.whenParsed(uri);
  held[2].finish();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(files.workspace.getFile(uri)?.text, fourth);

  // A small text replaces a pending parse at once; closing drops the pending one.
  files.setOpen(uri, first);
  files.setOpen(uri, SMALL);
  assert.equal(files.workspace.getFile(uri)?.text, SMALL);
  files.setOpen(uri, second);
  files.close(uri);
  held[4].finish();
  held[5].finish();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(files.workspace.getFile(uri), undefined);
});

test('a large disk file is parsed through the pool; a result for a file opened or rewritten meanwhile is dropped', async () => {
  const { pool, held } = heldPool();
  const files = new WorkspaceFiles({ pool: () => pool, parseInPoolFrom: 1000 });
  const file = path.join(tmp, 'rendered.yaml');
  const uri = pathToFileURL(file).href;
  const first = statefulSets(20, 'disk');
  writeFileSync(file, first);
  const reading = files.readDisk(uri);
  // The read resolves only once the pool's parse is in the workspace.
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(held.map((h) => h.text), [first]);
  assert.equal(files.workspace.getFile(uri), undefined);
  held[0].finish();
  assert.equal(await reading, true);
  assert.deepEqual(files.workspace.getFile(uri)?.resources.map((r) => r.name).slice(0, 2), ['disk-0', 'disk-1']);
  assert.equal(files.hasDisk(uri), true);

  // A small disk file, or one that cannot matter, is read at once as before.
  const small = path.join(tmp, 'small.yaml');
  writeFileSync(small, SMALL);
  assert.equal(await files.readDisk(pathToFileURL(small).href), true);
  const configMaps = path.join(tmp, 'config.yaml');
  writeFileSync(configMaps, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  x: "${'y'.repeat(2000)}"\n`);
  await files.readDisk(pathToFileURL(configMaps).href);
  assert.equal(held.length, 1);

  // Rewritten while parsed: the older result changes nothing, the newer one is set.
  const second = statefulSets(20, 'second');
  const third = statefulSets(20, 'third');
  writeFileSync(file, second);
  const older = files.readDisk(uri);
  await new Promise((resolve) => setTimeout(resolve, 50));
  writeFileSync(file, third);
  const newer = files.readDisk(uri);
  await new Promise((resolve) => setTimeout(resolve, 50));
  held[1].finish();
  assert.equal(await older, false);
  assert.equal(files.workspace.getFile(uri)?.text, first);
  held[2].finish();
  assert.equal(await newer, true);
  assert.equal(files.workspace.getFile(uri)?.text, third);

  // Opened while its disk text was parsed: the editor's text wins.
  writeFileSync(file, first);
  const read = files.readDisk(uri);
  await new Promise((resolve) => setTimeout(resolve, 50));
  files.setOpen(uri, SMALL);
  held[3].finish();
  assert.equal(await read, false);
  assert.equal(files.workspace.getFile(uri)?.text, SMALL);
});

test('an edit inside one document of a large file is parsed in-thread, one document, without the worker', async () => {
  const { pool, held } = heldPool();
  const files = new WorkspaceFiles({ pool: () => pool, parseInPoolFrom: 1000 });
  const uri = 'file:///w/big.yaml';
  const text = statefulSets(20, 'db');
  files.setOpen(uri, text);
  held[0].finish();
  await files.whenParsed(uri);
  const before = files.workspace.documentParseCount;
  const edited = text.replace('name: db-7\n', 'name: db-7\n  namespace: edited\n');
  assert.equal(files.setOpen(uri, edited), true);
  assert.equal(held.length, 1);
  assert.equal(files.workspace.documentParseCount - before, 1);
  assert.deepStrictEqual(plain({ ...parseWholeFile(uri, edited), layout: undefined, parsedDocuments: 0 }), plain({ file: files.workspace.getFile(uri)!, layout: undefined, parsedDocuments: 0 }));
});

function drain(ws: ManifestWorkspace, uri: string, between?: (step: number) => void): number {
  let steps = 0;
  for (const it = ws.prepareAnalysis(uri, DEFAULT_ANALYSIS_SETTINGS); !it.next().done; ) {
    steps++;
    between?.(steps);
  }
  return steps;
}

test('the analysis in steps gives exactly what analyzeFile gives, StatefulSet by StatefulSet', () => {
  const bad = statefulSets(30, 'Bad_Name', '  replicas: -1\n') + `---\n${EXAMPLE}`;
  const list = INPUTS[INPUTS.length - 1][1];
  for (const [what, text, count] of [['many documents with findings', bad, 31], ['a List in one document', list, 3], ['the example', EXAMPLE, 1]] as const) {
    const stepped = new ManifestWorkspace();
    const whole = new ManifestWorkspace();
    for (const ws of [stepped, whole]) {
      ws.setFile('file:///w/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db-3\nspec:\n  clusterIP: None\n');
      ws.setFile('file:///w/a.yaml', text);
    }
    assert.equal(drain(stepped, 'file:///w/a.yaml'), count, what);
    const checks = stepped.statefulSetCheckCount;
    const result = stepped.analyzeFile('file:///w/a.yaml', DEFAULT_ANALYSIS_SETTINGS);
    assert.equal(stepped.statefulSetCheckCount, checks, `${what}: analyzeFile took the prepared StatefulSets`);
    assert.deepStrictEqual(result, whole.analyzeFile('file:///w/a.yaml', DEFAULT_ANALYSIS_SETTINGS), what);
    // Nothing left to prepare once analysed.
    assert.equal(drain(stepped, 'file:///w/a.yaml'), 0);
  }
});

test('a change of another file between steps stops them, and the result is still the whole analysis', () => {
  const text = statefulSets(10, 'db');
  const stepped = new ManifestWorkspace();
  const whole = new ManifestWorkspace();
  stepped.setFile('file:///w/a.yaml', text);
  const steps = drain(stepped, 'file:///w/a.yaml', (step) => {
    if (step === 4) stepped.setFile('file:///w/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db-8\nspec:\n  clusterIP: None\n');
  });
  assert.equal(steps, 4);
  whole.setFile('file:///w/a.yaml', text);
  whole.setFile('file:///w/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db-8\nspec:\n  clusterIP: None\n');
  assert.deepStrictEqual(stepped.analyzeFile('file:///w/a.yaml', DEFAULT_ANALYSIS_SETTINGS), whole.analyzeFile('file:///w/a.yaml', DEFAULT_ANALYSIS_SETTINGS));
});
