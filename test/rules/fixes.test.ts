// Quick fixes the rule catalogue attaches to findings: each fix's exact title and edits, and what applying it
// does (the finding is gone, no error or warning appears), checked by analysing the edited text again. Also
// sweeps every fix of every rule fixture and of the shared corpus through the same check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace, type Finding, type Fix } from '../../server/src/analysis/index';
import { analyzeTexts, applyFix, checkFixResolves, type Texts } from '../support/applyFix';
import { parseFixture } from '../support/fixtureFindings';
import { corpusDir, corpusMissing, repoRoot } from '../support/paths';

const URI = 'file:///w/sts.yaml';
const SVC_URI = 'file:///w/svc.yaml';

/** A StatefulSet `web` whose spec lines (2-space indented under spec:) can be swapped by the test. */
function statefulSet(opts: { spec?: string; pod?: string; claims?: string; mountName?: string; namespace?: string } = {}): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web${opts.namespace ? `\n  namespace: ${opts.namespace}` : ''}
spec:
  serviceName: web
  replicas: 1
${opts.spec ?? ''}  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
        tier: db
    spec:
${opts.pod ?? ''}      containers:
        - name: nginx
          image: nginx
          ports:
            - name: http
              containerPort: 80
            - name: metrics
              containerPort: 9100
              protocol: UDP
            - containerPort: 7000
          volumeMounts:
            - name: ${opts.mountName ?? 'data'}
              mountPath: /data
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
${opts.claims ?? '        accessModes: [ReadWriteOnce]\n'}        resources:
          requests:
            storage: 1Gi
`;
}

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: None
  selector:
    app: web
  ports:
    - name: http
      port: 80
`;

/** The StatefulSet with its headless Service in another file: no service-* findings. */
function workspace(stsText: string, svcText = SERVICE): Texts {
  return new Map([[URI, stsText], [SVC_URI, svcText]]);
}

function findingOf(texts: Texts, ruleId: string, index = 0): Finding {
  const found = analyzeTexts(texts).filter((f) => f.ruleId === ruleId);
  assert.ok(found[index], `no ${ruleId} finding #${index} among ${analyzeTexts(texts).map((f) => f.ruleId).join(', ')}`);
  return found[index];
}

/** The finding's fixes other than the suppression comment. */
function ruleFixes(f: Finding): Fix[] {
  return (f.fixes ?? []).filter((x) => !x.title.startsWith('Disable '));
}

function spanOf(text: string, needle: string, occurrence = 1): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i < occurrence; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not in text`);
  return { start: at, end: at + needle.length };
}

test('podManagementPolicy Paralel offers the preferred fix "Change to \'Parallel\'", which clears the error', () => {
  const text = statefulSet({ spec: '  podManagementPolicy: Paralel\n' });
  const texts = workspace(text);
  const finding = findingOf(texts, 'invalid-pod-management-policy');
  assert.deepEqual(ruleFixes(finding), [{ title: "Change to 'Parallel'", edits: [{ uri: URI, span: spanOf(text, 'Paralel'), newText: 'Parallel' }], isPreferred: true }]);
  const { texts: fixed } = checkFixResolves(texts, finding, ruleFixes(finding)[0]);
  assert.match(fixed.get(URI)!, /^ {2}podManagementPolicy: Parallel$/m);
});

test('a quoted typo keeps its quotes: "Paralel" becomes "Parallel" and \'orderedready\' becomes \'OrderedReady\'', () => {
  for (const [written, expected] of [['"Paralel"', '"Parallel"'], ["'orderedready'", "'OrderedReady'"]]) {
    const text = statefulSet({ spec: `  podManagementPolicy: ${written}\n` });
    const finding = findingOf(workspace(text), 'invalid-pod-management-policy');
    const [fix] = ruleFixes(finding);
    assert.deepEqual(fix.edits, [{ uri: URI, span: spanOf(text, written), newText: expected }]);
    checkFixResolves(workspace(text), finding, fix);
  }
});

test('a value with no valid value near it gets only the suppression fix', () => {
  const finding = findingOf(workspace(statefulSet({ spec: '  podManagementPolicy: Sequential\n' })), 'invalid-pod-management-policy');
  assert.deepEqual(finding.fixes?.map((f) => f.title), ['Disable invalid-pod-management-policy for this line']);
});

test('updateStrategy.type Rollingupdate offers "Change to \'RollingUpdate\'"', () => {
  const text = statefulSet({ spec: '  updateStrategy:\n    type: Rollingupdate\n' });
  const finding = findingOf(workspace(text), 'invalid-update-strategy');
  assert.deepEqual(ruleFixes(finding), [{ title: "Change to 'RollingUpdate'", edits: [{ uri: URI, span: spanOf(text, 'Rollingupdate'), newText: 'RollingUpdate' }], isPreferred: true }]);
  checkFixResolves(workspace(text), finding, ruleFixes(finding)[0]);
});

test('updateStrategy.type ondelete beside a rollingUpdate block is changed to OnDelete and the block removed, so no new error appears', () => {
  const text = statefulSet({ spec: '  updateStrategy:\n    type: ondelete\n    rollingUpdate:\n      partition: 1\n' });
  const finding = findingOf(workspace(text), 'invalid-update-strategy');
  assert.deepEqual(ruleFixes(finding), [{
    title: "Change to 'OnDelete' and remove rollingUpdate",
    edits: [
      { uri: URI, span: spanOf(text, 'ondelete'), newText: 'OnDelete' },
      { uri: URI, span: spanOf(text, '    rollingUpdate:\n      partition: 1\n'), newText: '' },
    ],
    isPreferred: true,
  }]);
  const { texts } = checkFixResolves(workspace(text), finding, ruleFixes(finding)[0]);
  assert.match(texts.get(URI)!, /updateStrategy:\n {4}type: OnDelete\n {2}selector:/);
});

test('rollingUpdate with type OnDelete offers "Remove rollingUpdate", which deletes the block and its trailing comment', () => {
  const text = statefulSet({ spec: '  updateStrategy:\n    rollingUpdate: # staged\n      partition: 1\n      maxUnavailable: 1\n    type: OnDelete\n' });
  const finding = findingOf(workspace(text), 'rolling-update-with-on-delete');
  assert.deepEqual(ruleFixes(finding), [{ title: 'Remove rollingUpdate', edits: [{ uri: URI, span: spanOf(text, '    rollingUpdate: # staged\n      partition: 1\n      maxUnavailable: 1\n'), newText: '' }] }]);
  const { texts } = checkFixResolves(workspace(text), finding, ruleFixes(finding)[0]);
  assert.match(texts.get(URI)!, /updateStrategy:\n {4}type: OnDelete\n/);
});

test('rollingUpdate written in a flow mapping gets no removal fix (the commas would need editing too)', () => {
  const finding = findingOf(workspace(statefulSet({ spec: '  updateStrategy: {type: OnDelete, rollingUpdate: {partition: 1}}\n' })), 'rolling-update-with-on-delete');
  assert.deepEqual(ruleFixes(finding), []);
});

test('persistentVolumeClaimRetentionPolicy values and a misspelled field name are corrected', () => {
  const text = statefulSet({ spec: '  persistentVolumeClaimRetentionPolicy:\n    whenDelted: Retain\n    whenScaled: delete\n' });
  const texts = workspace(text);
  const [keyFinding, valueFinding] = analyzeTexts(texts).filter((f) => f.ruleId === 'invalid-retention-policy');
  assert.deepEqual(ruleFixes(keyFinding), [{ title: "Change to 'whenDeleted'", edits: [{ uri: URI, span: spanOf(text, 'whenDelted'), newText: 'whenDeleted' }], isPreferred: true }]);
  assert.deepEqual(ruleFixes(valueFinding), [{ title: "Change to 'Delete'", edits: [{ uri: URI, span: spanOf(text, 'delete'), newText: 'Delete' }], isPreferred: true }]);
  checkFixResolves(texts, keyFinding, ruleFixes(keyFinding)[0]);
  checkFixResolves(texts, valueFinding, ruleFixes(valueFinding)[0]);
});

test('a misspelled retention field is not renamed when its value would then be rejected, or the field exists already', () => {
  for (const spec of ['    whenDelted: Remove\n', '    whenDelted: Delete\n    whenDeleted: Retain\n']) {
    const finding = findingOf(workspace(statefulSet({ spec: `  persistentVolumeClaimRetentionPolicy:\n${spec}` })), 'invalid-retention-policy');
    assert.deepEqual(ruleFixes(finding), [], spec);
  }
});

test('restartPolicy Never offers "Change to \'Always\'"', () => {
  const text = statefulSet({ pod: '      restartPolicy: Never\n' });
  const finding = findingOf(workspace(text), 'invalid-restart-policy');
  assert.deepEqual(ruleFixes(finding), [{ title: "Change to 'Always'", edits: [{ uri: URI, span: spanOf(text, 'Never'), newText: 'Always' }], isPreferred: true }]);
  checkFixResolves(workspace(text), finding, ruleFixes(finding)[0]);
});

test('a misspelled access mode is corrected, and a single mode written as a scalar becomes a list', () => {
  let text = statefulSet({ claims: '        accessModes: [ReadWriteOnse]\n' });
  let finding = findingOf(workspace(text), 'invalid-access-modes');
  assert.deepEqual(ruleFixes(finding), [{ title: "Change to 'ReadWriteOnce'", edits: [{ uri: URI, span: spanOf(text, 'ReadWriteOnse'), newText: 'ReadWriteOnce' }], isPreferred: true }]);
  checkFixResolves(workspace(text), finding, ruleFixes(finding)[0]);

  text = statefulSet({ claims: '        accessModes: "ReadWriteOnce"\n' });
  finding = findingOf(workspace(text), 'invalid-access-modes');
  assert.deepEqual(ruleFixes(finding), [{ title: "Change to '[ReadWriteOnce]'", edits: [{ uri: URI, span: spanOf(text, '"ReadWriteOnce"'), newText: '["ReadWriteOnce"]' }], isPreferred: true }]);
  checkFixResolves(workspace(text), finding, ruleFixes(finding)[0]);
});

test('a typo of ReadWriteOncePod beside another access mode is not "corrected" into the forbidden mix', () => {
  const finding = findingOf(workspace(statefulSet({ claims: '        accessModes: [ReadWriteOnce, ReadWriteOncePd]\n' })), 'invalid-access-modes');
  assert.deepEqual(ruleFixes(finding), []);
});

test('a volumeMount of a misspelled claim template offers "Change to \'data\'", not preferred', () => {
  const text = statefulSet({ mountName: 'dat' });
  const finding = findingOf(workspace(text), 'unknown-volume-mount');
  assert.deepEqual(ruleFixes(finding), [{ title: "Change to 'data'", edits: [{ uri: URI, span: { start: text.indexOf('name: dat\n') + 6, end: text.indexOf('name: dat\n') + 9 }, newText: 'data' }] }]);
  checkFixResolves(workspace(text), finding, ruleFixes(finding)[0]);
});

test('an unknown rule id in a suppression comment is corrected to the nearest rule id', () => {
  const text = `# statefulset-lens-disable-next-line no-pod-antiaffinity\n${statefulSet()}`;
  const finding = findingOf(workspace(text), 'unknown-rule-in-comment');
  assert.deepEqual(finding.fixes, [{ title: "Change to 'no-pod-anti-affinity'", edits: [{ uri: URI, span: spanOf(text, 'no-pod-antiaffinity'), newText: 'no-pod-anti-affinity' }], isPreferred: true }]);
  checkFixResolves(workspace(text), finding, finding.fixes![0]);
});

test('service-not-headless edits the Service\'s own file: its clusterIP value becomes None and the StatefulSet\'s warning goes', () => {
  const svc = SERVICE.replace('clusterIP: None', 'clusterIP: 10.96.0.12');
  const texts = workspace(statefulSet(), svc);
  const finding = findingOf(texts, 'service-not-headless');
  assert.equal(finding.uri, URI);
  assert.deepEqual(ruleFixes(finding), [{ title: "Make Service 'web' headless (clusterIP: None)", edits: [{ uri: SVC_URI, span: spanOf(svc, '10.96.0.12'), newText: 'None' }] }]);
  const { texts: fixed } = checkFixResolves(texts, finding, ruleFixes(finding)[0]);
  assert.equal(fixed.get(SVC_URI), SERVICE);
});

test('a Service without clusterIP gets the field as the first line of its spec, indented like the others', () => {
  const svc = SERVICE.replace('  clusterIP: None\n', '').replace(/ {2}/g, '    ');
  const texts = workspace(statefulSet(), svc);
  const finding = findingOf(texts, 'service-not-headless');
  assert.deepEqual(ruleFixes(finding)[0].edits, [{ uri: SVC_URI, span: { start: svc.indexOf('    selector'), end: svc.indexOf('    selector') }, newText: '    clusterIP: None\n' }]);
  checkFixResolves(texts, finding, ruleFixes(finding)[0]);
});

test('`clusterIP:` with no value gets " None" after the colon', () => {
  const svc = SERVICE.replace('clusterIP: None', 'clusterIP:');
  const texts = workspace(statefulSet(), svc);
  const finding = findingOf(texts, 'service-not-headless');
  const at = svc.indexOf('clusterIP:') + 'clusterIP:'.length;
  assert.deepEqual(ruleFixes(finding)[0].edits, [{ uri: SVC_URI, span: { start: at, end: at }, newText: ' None' }]);
  checkFixResolves(texts, finding, ruleFixes(finding)[0]);
});

test('a NodePort Service or one listing clusterIPs is not made headless by a fix (the API server would reject it)', () => {
  for (const svc of [SERVICE.replace('clusterIP: None', 'type: NodePort'), SERVICE.replace('clusterIP: None', 'clusterIPs: [10.96.0.12]')]) {
    const finding = findingOf(workspace(statefulSet(), svc), 'service-not-headless');
    assert.deepEqual(ruleFixes(finding), [], svc);
  }
});

const CREATED_SERVICE = `---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: None
  selector:
    app: web
  ports:
    - name: http
      port: 80
    - name: metrics
      port: 9100
      protocol: UDP`;

test('service-not-found creates the headless Service after the StatefulSet, the last document of its file', () => {
  const text = statefulSet();
  const texts: Texts = new Map([[URI, text]]);
  const finding = findingOf(texts, 'service-not-found');
  const end = text.length - 1; // before the final line break
  assert.deepEqual(ruleFixes(finding), [{ title: "Create headless Service 'web'", edits: [{ uri: URI, span: { start: end, end }, newText: `\n${CREATED_SERVICE}` }] }]);
  const { texts: fixed } = checkFixResolves(texts, finding, ruleFixes(finding)[0]);
  assert.equal(fixed.get(URI), `${text}${CREATED_SERVICE}\n`);
});

test('the created Service goes between the StatefulSet and the next document, with a namespace when the StatefulSet names one', () => {
  const sts = statefulSet({ namespace: 'db' });
  const pdb = '---\n# the budget\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\n  namespace: db\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n';
  const texts: Texts = new Map([[URI, sts + pdb]]);
  const finding = findingOf(texts, 'service-not-found');
  const { texts: fixed } = checkFixResolves(texts, finding, ruleFixes(finding)[0]);
  assert.equal(fixed.get(URI), `${sts}${CREATED_SERVICE.replace('  name: web\n', '  name: web\n  namespace: db\n')}\n${pdb}`);
  assert.deepEqual(analyzeTexts(fixed), []);
});

test('a StatefulSet without a final line break and in a CRLF file gets a Service with matching line breaks', () => {
  const lf = statefulSet().slice(0, -1);
  let texts: Texts = new Map([[URI, lf]]);
  let finding = findingOf(texts, 'service-not-found');
  let fixed = checkFixResolves(texts, finding, ruleFixes(finding)[0]).texts;
  assert.equal(fixed.get(URI), `${lf}\n${CREATED_SERVICE}`);

  const crlf = statefulSet().replace(/\n/g, '\r\n');
  texts = new Map([[URI, crlf]]);
  finding = findingOf(texts, 'service-not-found');
  fixed = checkFixResolves(texts, finding, ruleFixes(finding)[0]).texts;
  assert.equal(fixed.get(URI), `${crlf}${CREATED_SERVICE.replace(/\n/g, '\r\n')}\r\n`);
});

test('the created Service selects by the template labels when matchLabels does not match them, and has no ports without named ones', () => {
  const text = statefulSet()
    .replace('      app: web\n  template', '      app: webb\n  template')
    .replace(/ {10}ports:\n[\s\S]*?(?= {10}volumeMounts)/, '');
  const texts: Texts = new Map([[URI, text]]);
  const finding = findingOf(texts, 'service-not-found');
  const [fix] = ruleFixes(finding);
  assert.equal(fix.edits[0].newText, '\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  clusterIP: None\n  selector:\n    app: web\n    tier: db');
  const { added } = checkFixResolves(texts, finding, fix);
  // Without a named port the Service has no SRV records, which the catalogue notes.
  assert.deepEqual(added.map((f) => f.ruleId), ['service-port-unnamed']);
});

test('label values that YAML would read as numbers or booleans are quoted in the created Service', () => {
  const text = statefulSet().replace('        tier: db\n', '        tier: db\n        version: "2"\n        canary: "yes"\n').replace('      app: web\n  template', '      app: web\n      version: "2"\n      canary: "yes"\n  template');
  const finding = findingOf(new Map([[URI, text]]), 'service-not-found');
  assert.match(ruleFixes(finding)[0].edits[0].newText, /\n {4}app: web\n {4}version: "2"\n {4}canary: "yes"\n/);
  checkFixResolves(new Map([[URI, text]]), finding, ruleFixes(finding)[0]);
});

test('every catalogue finding offers "Disable <rule> for this line", a comment at the line\'s indentation that the suppression parser honours', () => {
  const text = statefulSet({ spec: '  podManagementPolicy: Paralel\n' });
  const finding = findingOf(workspace(text), 'invalid-pod-management-policy');
  const disable = finding.fixes!.at(-1)!;
  const lineStart = text.indexOf('  podManagementPolicy');
  assert.deepEqual(disable, {
    title: 'Disable invalid-pod-management-policy for this line',
    edits: [{ uri: URI, span: { start: lineStart, end: lineStart }, newText: '  # statefulset-lens-disable-next-line invalid-pod-management-policy\n' }],
  });
  const { texts } = checkFixResolves(workspace(text), finding, disable);
  // What remains is the one finding the manifest had besides the typo: no unknown-rule-in-comment.
  assert.deepEqual(analyzeTexts(texts).map((f) => f.ruleId), ['no-pod-disruption-budget']);
});

test('a second rule disabled on the same line is added to the existing comment, keeping its reason', () => {
  const text = statefulSet({ spec: '  # statefulset-lens-disable-next-line negative-value -- legacy\n  podManagementPolicy: Paralel\n' });
  const finding = findingOf(workspace(text), 'invalid-pod-management-policy');
  const disable = finding.fixes!.at(-1)!;
  const at = text.indexOf('negative-value') + 'negative-value'.length;
  assert.deepEqual(disable.edits, [{ uri: URI, span: { start: at, end: at }, newText: ', invalid-pod-management-policy' }]);
  const { texts } = checkFixResolves(workspace(text), finding, disable);
  assert.match(texts.get(URI)!, /# statefulset-lens-disable-next-line negative-value, invalid-pod-management-policy -- legacy\n {2}podManagementPolicy/);
});

test('a finding inside a multi-line flow sequence is disabled by a comment line inside the brackets', () => {
  const text = statefulSet({ claims: '        accessModes: [\n          ReadWriteOnce,\n          ReadWritMany\n        ]\n' });
  const finding = findingOf(workspace(text), 'invalid-access-modes');
  checkFixResolves(workspace(text), finding, finding.fixes!.at(-1)!);
});

test('YAML syntax errors, the Helm notice and unknown rule ids in comments get no suppression fix', () => {
  const broken = analyzeTexts(new Map([[URI, 'a: [\n']]));
  assert.ok(broken.some((f) => f.ruleId === 'yaml-syntax'));
  assert.ok(broken.every((f) => !f.fixes));
  const helm = analyzeTexts(new Map([['file:///w/templates/sts.yaml', 'replicas: {{ .Values.replicas }}\n']]));
  assert.deepEqual(helm.map((f) => [f.ruleId, f.fixes]), [['helm-template', undefined]]);
  const unknown = analyzeTexts(new Map([[URI, '# statefulset-lens-disable-next-line no-such-rule-at-all-xyz\na: 1\n']]));
  assert.deepEqual(unknown.map((f) => [f.ruleId, f.fixes]), [['unknown-rule-in-comment', undefined]]);
});

test('a JSON manifest gets value corrections but neither suppression comments nor a new YAML document', () => {
  const json = JSON.stringify({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' }, spec: { serviceName: 'web', podManagementPolicy: 'Paralel', selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'a', image: 'nginx' }] } } } });
  const texts: Texts = new Map([['file:///w/sts.json', json]]);
  const findings = analyzeTexts(texts);
  assert.deepEqual(findings.map((f) => [f.ruleId, (f.fixes ?? []).map((x) => x.title)]), [
    ['no-pod-disruption-budget', []],
    ['service-not-found', []],
    ['invalid-pod-management-policy', ["Change to 'Parallel'"]],
  ]);
  const { texts: fixed } = checkFixResolves(texts, findings[2], findings[2].fixes![0]);
  assert.equal(fixed.get('file:///w/sts.json'), json.replace('"Paralel"', '"Parallel"'));
});

test('a fix into another file uses that file\'s current spans after a line is added above the Service', () => {
  const svc = SERVICE.replace('clusterIP: None', 'clusterIP: 10.96.0.12');
  const texts = workspace(statefulSet(), svc);
  const moved = workspace(statefulSet(), `# owned by the platform team\n${svc}`);
  // One workspace across both versions, as the language server keeps it: the StatefulSet's cached analysis
  // must not hand out the Service's old offsets.
  const ws = new ManifestWorkspace();
  for (const [uri, t] of texts) ws.setFile(uri, t);
  ws.analyzeFile(URI, DEFAULT_ANALYSIS_SETTINGS);
  ws.setFile(SVC_URI, moved.get(SVC_URI)!);
  const finding = ws.analyzeFile(URI, DEFAULT_ANALYSIS_SETTINGS).findings.find((f) => f.ruleId === 'service-not-headless')!;
  assert.deepEqual(ruleFixes(finding)[0].edits, [{ uri: SVC_URI, span: spanOf(moved.get(SVC_URI)!, '10.96.0.12'), newText: 'None' }]);
  assert.equal(applyFix(moved, ruleFixes(finding)[0]).get(SVC_URI), `# owned by the platform team\n${SERVICE}`);
});

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? fixtureFiles(p) : name.endsWith('.yaml') ? [p] : [];
  });
}

test('every fix offered in the rule fixtures removes its finding without adding an error or a warning', () => {
  let checked = 0;
  for (const file of fixtureFiles(path.join(repoRoot, 'test/rules/fixtures'))) {
    const fixture = parseFixture(readFileSync(file, 'utf8'));
    const texts: Texts = new Map(fixture.files.map((f) => [f.uri, f.text]));
    for (const finding of analyzeTexts(texts, fixture.settings)) {
      for (const fix of finding.fixes ?? []) {
        checkFixResolves(texts, finding, fix, fixture.settings);
        checked++;
      }
    }
  }
  assert.ok(checked >= 100, `only ${checked} fixes checked`);
});

test('every fix offered for the shared corpus (each file alone) removes its finding without adding an error or a warning', { skip: corpusMissing }, () => {
  let checked = 0;
  const created = new Set<string>();
  for (const name of readdirSync(corpusDir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const texts: Texts = new Map([[`file:///corpus/${name}`, readFileSync(path.join(corpusDir, name), 'utf8')]]);
    for (const finding of analyzeTexts(texts)) {
      for (const fix of finding.fixes ?? []) {
        checkFixResolves(texts, finding, fix);
        checked++;
        if (fix.title.startsWith('Create headless Service')) created.add(name);
      }
    }
  }
  assert.ok(checked >= 150 && created.size >= 10, `${checked} fixes checked, ${created.size} files got a created Service`);
});
