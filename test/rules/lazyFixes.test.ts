// Fixes the checks leave to build until their finding is reported (checkContext.ts `LazyFixes`): built for the
// findings kept under the cap only, with the file as it is when reported. Checked against analyses that build
// them at once: a fresh workspace (after an edit elsewhere, a StatefulSet's findings are reused, and its fixes
// built on the new text), and a file small enough to keep everything (under the cap, the kept findings' fixes
// are the same ones).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace, type Finding } from '../../server/src/analysis/index';
import { MAX_FINDINGS_PER_FILE } from '../../server/src/analysis/rules/index';
import { corpusDir, corpusMissing } from '../support/paths';

const URI = 'file:///w/sts.yaml';
const settings = DEFAULT_ANALYSIS_SETTINGS;

/** A ConfigMap, then a StatefulSet with one finding of every check whose fixes are built lazily. */
const TWO_DOCUMENTS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: first
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: missing
  podManagementPolicy: parallel
  replicas: 2
  selector:
    matchLabels:
      app: web
  updateStrategy:
    type: ondelete
    rollingUpdate:
      partition: 1
  persistentVolumeClaimRetentionPolicy:
    whenDeleted: Delet
    whenScale: Delete
  template:
    metadata:
      labels:
        app: web
    spec:
      restartPolicy: Never
      containers:
        - name: c
          image: nginx
          volumeMounts:
            - name: dat
              mountPath: /d
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnse]
        resources:
          requests:
            storage: 1Gi
`;

function fresh(text: string): Finding[] {
  const ws = new ManifestWorkspace();
  ws.setFile(URI, text);
  return ws.analyzeFile(URI, settings).findings;
}

function assertNoLazyLeft(findings: readonly Finding[]): void {
  for (const f of findings) assert.deepEqual(Object.getOwnPropertySymbols(f), [], `${f.ruleId} at ${f.span.start} still carries its unbuilt fixes`);
}

test('lazily built fixes: every kind is built for a reported finding, with the exact edits', () => {
  const findings = fresh(TWO_DOCUMENTS);
  assertNoLazyLeft(findings);
  const titles = (ruleId: string) => findings.filter((f) => f.ruleId === ruleId).flatMap((f) => (f.fixes ?? []).map((x) => x.title));
  assert.deepEqual(titles('invalid-pod-management-policy'), ["Change to 'Parallel'", 'Disable invalid-pod-management-policy for this line']);
  assert.deepEqual(titles('invalid-update-strategy'), ["Change to 'OnDelete' and remove rollingUpdate", 'Disable invalid-update-strategy for this line']);
  assert.deepEqual(titles('invalid-restart-policy'), ["Change to 'Always'", 'Disable invalid-restart-policy for this line']);
  assert.deepEqual(titles('invalid-retention-policy'), ["Change to 'Delete'", 'Disable invalid-retention-policy for this line', "Change to 'whenScaled'", 'Disable invalid-retention-policy for this line']);
  assert.deepEqual(titles('invalid-access-modes'), ["Change to 'ReadWriteOnce'", 'Disable invalid-access-modes for this line']);
  assert.deepEqual(titles('unknown-volume-mount'), ["Change to 'data'", 'Disable unknown-volume-mount for this line']);
  assert.deepEqual(titles('service-not-found'), ["Create headless Service 'missing'", 'Disable service-not-found for this line']);
  const typo = findings.find((f) => f.ruleId === 'invalid-pod-management-policy')!;
  const at = TWO_DOCUMENTS.indexOf('parallel');
  assert.deepEqual(typo.fixes![0], { title: "Change to 'Parallel'", edits: [{ uri: URI, span: { start: at, end: at + 'parallel'.length }, newText: 'Parallel' }], isPreferred: true });
});

/** Analyses `text`, edits the first document so the others move, analyses again: equal to a fresh analysis. */
function checkReusedAfterEdit(text: string, uri = URI): { reused: number; fixes: number } {
  const ws = new ManifestWorkspace();
  ws.setFile(uri, text);
  ws.analyzeFile(uri, settings);
  const checkedBefore = ws.statefulSetCheckCount;
  // Two lines more in the first document: every later document moves, none of them is parsed again.
  const edited = `# edited\n# again\n${text}`;
  ws.setFile(uri, edited);
  const again = ws.analyzeFile(uri, settings).findings;
  const statefulSets = ws.getFile(uri)!.resources.filter((r) => r.recognized === 'StatefulSet').length;
  const expected = new ManifestWorkspace();
  expected.setFile(uri, edited);
  assert.deepStrictEqual(again, expected.analyzeFile(uri, settings).findings, uri);
  assertNoLazyLeft(again);
  return { reused: statefulSets - (ws.statefulSetCheckCount - checkedBefore), fixes: again.reduce((n, f) => n + (f.fixes?.length ?? 0), 0) };
}

test('lazily built fixes of a StatefulSet reused after an edit in another document are built on the new text', () => {
  const { reused, fixes } = checkReusedAfterEdit(TWO_DOCUMENTS);
  // The StatefulSet was not checked again: its findings were reused, their fixes built now.
  assert.equal(reused, 1);
  assert.ok(fixes >= 16, `${fixes} fixes`);
});

test('lazily built fixes after an edit in another document: the corpus files of several documents', { skip: corpusMissing }, () => {
  let reusedTotal = 0;
  for (const name of readdirSync(corpusDir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const text = readFileSync(path.join(corpusDir, name), 'utf8');
    reusedTotal += checkReusedAfterEdit(text, `file:///corpus/${name}`).reused;
  }
  assert.ok(reusedTotal > 0, 'no corpus StatefulSet was reused: the test would check nothing');
});

test('past the cap on findings, the kept findings have the fixes they have in a file small enough to keep all', () => {
  const body = TWO_DOCUMENTS.slice(TWO_DOCUMENTS.indexOf('apiVersion: apps/v1'));
  const docs = (n: number) => Array.from({ length: n }, (_, i) => body.replace('name: web\n', `name: web-${i}\n`)).join('---\n');
  const perStatefulSet = fresh(docs(1)).length;
  const big = fresh(docs(Math.ceil((MAX_FINDINGS_PER_FILE * 1.5) / perStatefulSet)));
  assert.equal(big.length, MAX_FINDINGS_PER_FILE);
  assert.equal(big[big.length - 1].ruleId, 'too-many-findings');
  assertNoLazyLeft(big);
  const small = fresh(docs(3));
  // The first three StatefulSets' findings, as the small file reports them (the same text up to there).
  const end = docs(3).length;
  const kept = big.filter((f) => f.span.end <= end - 1 && f.ruleId !== 'too-many-findings');
  const key = (f: Finding) => `${f.ruleId} ${f.span.start} ${f.span.end} ${f.message}`;
  const smallByKey = new Map(small.map((f) => [key(f), f]));
  let compared = 0;
  for (const f of kept) {
    const same = smallByKey.get(key(f));
    if (!same) continue;
    assert.deepStrictEqual(f.fixes, same.fixes, key(f));
    compared++;
  }
  assert.ok(compared >= 3 * (perStatefulSet - 2), `only ${compared} findings compared`);
});
