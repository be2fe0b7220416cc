// Golden previews of real-world manifests from ../shared/corpus, and a run of the analysis over the whole
// folder. `UPDATE_EXPECT=1` rewrites the golden files; review the diff before committing it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace } from '../../server/src/analysis/index';
import { painter, renderPreviewText } from '../../server/src/cli/output';
import { corpusDir, corpusMissing, repoRoot } from '../support/paths';

const goldenDir = path.join(repoRoot, 'test/golden');

/** Each case is read as one workspace: a StatefulSet file plus the companion file holding its Service. */
const cases: Record<string, string[]> = {
  'k8spatterns-separate-service': ['k8spatterns__examples__behavioral__StatefulService__statefulset.yml', 'k8spatterns__examples__behavioral__StatefulService__service.yml'],
  'website-web': ['kubernetes__website__content__en__examples__application__web__web.yaml'],
  'website-web-parallel': ['kubernetes__website__content__en__examples__application__web__web-parallel.yaml'],
  'website-rabbitmq-flow-style': ['kubernetes__website__content__en__examples__application__job__rabbitmq__rabbitmq-statefulset.yaml'],
  'website-zookeeper': ['kubernetes__website__content__en__examples__application__zookeeper__zookeeper.yaml'],
  'website-mysql-separate-services': ['kubernetes__website__content__en__examples__application__mysql__mysql-statefulset.yaml', 'kubernetes__website__content__en__examples__application__mysql__mysql-services.yaml'],
  'examples-cassandra-separate-service': ['kubernetes__examples__databases__cassandra__cassandra-statefulset.yaml', 'kubernetes__examples__databases__cassandra__cassandra-service.yaml'],
  'cockroachdb-parallel': ['cockroachdb__cockroach__cloud__kubernetes__cockroachdb-statefulset.yaml'],
  'gke-mysql-partition': ['GoogleCloudPlatform__kubernetes-engine-samples__databases__gke-stateful-mysql__kubernetes__c1-mysql.yaml'],
  'yugabyte-two-statefulsets': ['yugabyte__yugabyte-db__cloud__kubernetes__yugabyte-statefulset-rf-1.yaml'],
  'argo-ondelete-live-dump': ['argoproj__argo-cd__gitops-engine__pkg__health__testdata__statefulset-ondelete.yaml'],
  'consul-separate-service': ['kelseyhightower__consul-on-kubernetes__statefulsets__consul.yaml', 'kelseyhightower__consul-on-kubernetes__services__consul.yaml'],
  'longhorn-not-headless': ['longhorn__longhorn__examples__statefulset.yaml'],
  'blob-server-no-service-name': ['kubernetes__examples__AI__modelcloud__k8s__blob-server__manifest.yaml'],
  'helm-vault-template': ['hashicorp__vault-helm__templates__server-statefulset.yaml'],
  'helm-elasticsearch-template': ['elastic__helm-charts__elasticsearch__templates__statefulset.yaml'],
};

function preview(files: string[], dir = corpusDir): string {
  const ws = new ManifestWorkspace();
  for (const f of files) ws.setFile(f, readFileSync(path.join(dir, f), 'utf8'));
  const ids = files.flatMap((f) => ws.analyzeFile(f, DEFAULT_ANALYSIS_SETTINGS).identities);
  return renderPreviewText(ws, ids, painter(false)) + '\n';
}

/** Our own fixtures (test/fixtures/preview), for the cases the corpus does not cover. */
const ownCases: Record<string, string[]> = {
  'fixture-anchors-and-aliases': ['anchors-and-aliases.yaml'],
  'fixture-kind-list': ['kind-list.yaml'],
};

const allCases = [
  ...Object.entries(cases).map(([name, files]) => ({ name, files, dir: corpusDir, skip: corpusMissing })),
  ...Object.entries(ownCases).map(([name, files]) => ({ name, files, dir: path.join(repoRoot, 'test/fixtures/preview'), skip: undefined })),
];

for (const { name, files, dir, skip } of allCases) {
  test(`the preview of ${name} matches its golden file`, { skip }, () => {
    const actual = preview(files, dir);
    const golden = path.join(goldenDir, `${name}.preview.txt`);
    if (process.env.UPDATE_EXPECT === '1' || !existsSync(golden)) {
      writeFileSync(golden, actual);
      if (process.env.UPDATE_EXPECT !== '1') assert.fail(`wrote missing golden file ${path.relative(repoRoot, golden)}; review it and run again`);
      return;
    }
    const expected = readFileSync(golden, 'utf8');
    if (actual !== expected) console.log(`--- actual preview of ${name} (UPDATE_EXPECT=1 rewrites it):\n${actual}`);
    assert.equal(actual, expected);
  });
}

test('every manifest in the shared corpus is analysed, as one workspace, without a throw', { skip: corpusMissing }, () => {
  const files = readdirSync(corpusDir).filter((f) => /\.ya?ml$/.test(f)).sort();
  assert.ok(files.length >= 60, `expected the whole corpus, found ${files.length} files`);
  const ws = new ManifestWorkspace();
  for (const f of files) ws.setFile(f, readFileSync(path.join(corpusDir, f), 'utf8'));
  let statefulSets = 0;
  for (const f of files) {
    const a = ws.analyzeFile(f, DEFAULT_ANALYSIS_SETTINGS);
    statefulSets += a.identities.length;
    for (const id of a.identities) assert.ok(id.pods.length <= Math.max(id.replicas.value, 0));
  }
  assert.ok(statefulSets >= 50, `expected most corpus files to hold a StatefulSet, found ${statefulSets}`);
});
