// Runs the whole rule catalogue over ../shared/corpus as one workspace and compares every finding with the
// checked-in test/corpus/expected-findings.txt (UPDATE_EXPECT=1 rewrites it; review the diff). Files are
// placed at their original repository paths (from SOURCES.tsv) so kustomizations and chart folders resolve.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace, offsetToPosition, lineStarts, type Finding } from '../../server/src/analysis/index';
import { checkFileStrict } from '../../server/src/analysis/rules/index';
import { corpusDir, corpusMissing, repoRoot } from '../support/paths';

const expectedFile = path.join(repoRoot, 'test/corpus/expected-findings.txt');

/** corpus file name → the URI it gets: file:///corpus/<repo>/<path>, or the flat name when SOURCES.tsv lacks it. */
function corpusUris(): Map<string, string> {
  const files = readdirSync(corpusDir).filter((f) => /\.ya?ml$/.test(f)).sort();
  const sources = new Map<string, string>();
  const tsv = path.join(corpusDir, 'SOURCES.tsv');
  if (existsSync(tsv)) {
    for (const line of readFileSync(tsv, 'utf8').split('\n').slice(1)) {
      const [file, repo, p] = line.split('\t');
      if (file && repo && p) sources.set(file, `file:///corpus/${repo}/${p}`);
    }
  }
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const f of files) {
    let uri = sources.get(f) ?? `file:///corpus/${f}`;
    if (used.has(uri)) uri = `file:///corpus/${f}`;
    used.add(uri);
    out.set(f, uri);
  }
  return out;
}

function renderCorpusFindings(): { text: string; errors: string[] } {
  const uris = corpusUris();
  const ws = new ManifestWorkspace();
  const texts = new Map<string, string>();
  for (const [f, uri] of uris) {
    const text = readFileSync(path.join(corpusDir, f), 'utf8');
    texts.set(f, text);
    ws.setFile(uri, text);
  }
  const lines: string[] = [];
  const errors: string[] = [];
  for (const [f, uri] of uris) {
    const analysis = ws.analyzeFile(uri, DEFAULT_ANALYSIS_SETTINGS);
    // The same checks once more with crashes surfaced: a defect must fail this test, not vanish.
    const file = ws.getFile(uri)!;
    const strict = checkFileStrict({
      file,
      workspace: ws,
      settings: DEFAULT_ANALYSIS_SETTINGS,
      statefulSets: file.resources.filter((r) => r.recognized === 'StatefulSet').map((resource) => ({ resource, identity: ws.identityOf(resource, DEFAULT_ANALYSIS_SETTINGS) })),
    });
    assert.deepEqual(strict, analysis.findings, `${f}: checkFile and checkFileStrict disagree`);
    const starts = lineStarts(texts.get(f)!);
    for (const finding of analysis.findings) {
      const line = render(f, starts, finding);
      lines.push(line);
      if (finding.severity === 'error') errors.push(line);
    }
  }
  return { text: lines.join('\n') + '\n', errors };
}

function render(file: string, starts: number[], f: Finding): string {
  const p = offsetToPosition(starts, f.span.start);
  return `${file}:${p.line + 1}:${p.character + 1} ${f.severity} ${f.ruleId} ${f.message}`;
}

test('the rule catalogue reports exactly the findings listed in test/corpus/expected-findings.txt for the shared corpus', { skip: corpusMissing }, () => {
  const { text } = renderCorpusFindings();
  if (process.env.UPDATE_EXPECT === '1') {
    writeFileSync(expectedFile, text);
    return;
  }
  const expected = existsSync(expectedFile) ? readFileSync(expectedFile, 'utf8') : '';
  if (text !== expected) console.log(`--- actual corpus findings (UPDATE_EXPECT=1 rewrites ${path.relative(repoRoot, expectedFile)}):\n${text}`);
  assert.equal(text, expected);
});

/** Corpus files whose errors are genuine (see SOURCES.tsv notes), with the only rules allowed to be errors there. */
const REMOVED_API = ['deprecated-api-version']; // apps/v1beta1 and apps/v1beta2 are rejected by any cluster since 1.16
const GENUINELY_WRONG: Record<string, string[]> = {
  // Init container fetch-jmx-exporter mounts "shared-home" but the pod has only local-home, helm-values and
  // jmx-config volumes and there is no claim template: checked by hand, the pod cannot be created.
  'atlassian__data-center-helm-charts__src__test__resources__expected_helm_output__bitbucket__output.yaml': ['unknown-volume-mount'],
  // A live dump with `updateStrategy` twice in spec (lines 30 and 94): a genuine duplicate key.
  'argoproj__argo-cd__gitops-engine__pkg__health__testdata__statefulset-ondelete.yaml': ['yaml-syntax'],
  'cockroachdb__cockroach__cloud__kubernetes__v1.6__cockroachdb-statefulset.yaml': REMOVED_API,
  'cvallance__mongo-k8s-sidecar__example__StatefulSet__mongo-statefulset.yaml': REMOVED_API,
  'kubernetes-retired__contrib__pets__mysql__galera__mysql-galera.yaml': REMOVED_API,
  'kubernetes-retired__contrib__statefulsets__kafka__kafka.yaml': REMOVED_API,
  'kubernetes-retired__contrib__statefulsets__redis__redis.yml': REMOVED_API,
  'kubernetes-retired__contrib__statefulsets__zookeeper__zookeeper.yaml': REMOVED_API,
  'kubernetes__examples__staging__storage__redis__redis-statefulset.yaml': REMOVED_API,
  'kubernetes__examples__storage__cassandra__cassandra-statefulset.yaml': REMOVED_API,
  'kubernetes__examples__storage__minio__minio-distributed-statefulset.yaml': REMOVED_API,
  // SOURCES.tsv: "apps/v1 but NO spec.selector (invalid for apps/v1 - validation test)".
  'kubernetes__kubernetes__test__e2e__testing-manifests__statefulset__etcd__statefulset.yaml': ['missing-selector'],
  'kubernetes__kubernetes__test__e2e__testing-manifests__statefulset__multivolumezk__statefulset.yaml': REMOVED_API,
  'kubernetes__kubernetes__test__e2e__testing-manifests__statefulset__nginx__statefulset.yaml': REMOVED_API,
  // SOURCES.tsv: "TEMPLATE-BY-SED: names contain placeholder 'shardX'": as written, the uppercase X makes the
  // StatefulSet name, serviceName and claim template name invalid; only the sed output is applicable.
  'pkdone__gke-mongodb-shards-demo__resources__mongodb-maindb-service.yaml': [...REMOVED_API, 'invalid-name', 'invalid-service-name', 'invalid-claim-template-name'],
  'pkdone__gke-mongodb-shards-demo__resources__mongodb-mongos-service.yaml': REMOVED_API,
  'scylladb__scylla-code-samples__kubernetes-scylla__scylla-statefulset.yaml': REMOVED_API,
};

test('the corpus yields error-level findings only where SOURCES.tsv notes the manifest as genuinely wrong', { skip: corpusMissing }, () => {
  const { errors } = renderCorpusFindings();
  const unexpected = errors.filter((line) => {
    const [file] = line.split(':');
    const rule = line.split(' ')[2];
    return !(GENUINELY_WRONG[file] ?? []).includes(rule);
  });
  assert.deepEqual(unexpected, []);
});
