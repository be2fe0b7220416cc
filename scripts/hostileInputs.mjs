// The hostile inputs of the regression suite (test/hostile/) and of the benchmark's hostile section
// (scripts/benchHostile.mjs), generated here rather than committed as big files: pathological files real
// repositories contain (generated JSON on one line, huge maps, thousands of findings) and inputs an attacker
// would write (alias bombs, deep nesting, merge-key cycles, binary junk, odd encodings). Deterministic.

/** A StatefulSet with about thirty findings of twenty-odd rules (and several preferred fixes). */
const BAD_STATEFULSET = `apiVersion: apps/v1beta2
kind: StatefulSet
metadata:
  name: Bad_Name
  labels:
    "bad key!": "bad value!"
spec:
  serviceName: missing-svc
  replicas: -1
  podManagementPolicy: parallel
  revisionHistoryLimit: -2
  minReadySeconds: -3
  selector:
    matchLabels:
      app: x
      statefulset.kubernetes.io/pod-name: x-0
  updateStrategy:
    type: rollingupdate
    rollingUpdate:
      partition: 5
      maxUnavailable: 0
  persistentVolumeClaimRetentionPolicy:
    whenDeleted: Keep
    whenScaled: Remove
  template:
    metadata:
      labels:
        app: y
    spec:
      restartPolicy: Never
      hostname: foo
      activeDeadlineSeconds: 5
      terminationGracePeriodSeconds: 0
      volumes:
        - name: data
          emptyDir: {}
      containers:
        - name: c
          image: busybox
          volumeMounts:
            - name: nothere
              mountPath: /x
  volumeClaimTemplates:
    - metadata:
        name: Data_
      spec:
        accessModes: ["ReadWriteSometimes"]
        resources:
          requests:
            storage: 10 gigs
    - metadata:
        name: Data_
      spec:
        resources: {}
`;

/** A valid StatefulSet with its headless Service (the README's example, shortened). */
const GOOD = `apiVersion: v1
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
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          volumeMounts:
            - name: www
              mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
    - metadata:
        name: www
      spec:
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: 1Gi
`;

/** The same bad StatefulSet as a JSON object (what `kubectl get -o json` or a generator writes). */
function badStatefulSetJson(i) {
  return {
    apiVersion: 'apps/v1beta2',
    kind: 'StatefulSet',
    metadata: { name: `Bad_Name_${i}`, labels: { 'bad key!': 'bad value!' } },
    spec: {
      serviceName: 'missing-svc',
      replicas: -1,
      podManagementPolicy: 'parallel',
      revisionHistoryLimit: -2,
      selector: { matchLabels: { app: 'x', 'statefulset.kubernetes.io/pod-name': 'x-0' } },
      updateStrategy: { type: 'rollingupdate', rollingUpdate: { partition: 5, maxUnavailable: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Keep', whenScaled: 'Remove' },
      template: {
        metadata: { labels: { app: 'y' } },
        spec: {
          restartPolicy: 'Never',
          hostname: 'foo',
          terminationGracePeriodSeconds: 0,
          containers: [{ name: 'c', image: 'busybox', volumeMounts: [{ name: 'nothere', mountPath: '/x' }] }],
        },
      },
      volumeClaimTemplates: [{ metadata: { name: 'Data_' }, spec: { accessModes: ['ReadWriteSometimes'], resources: { requests: { storage: '10 gigs' } } } }],
    },
  };
}

function oneLineJson(bytes) {
  const items = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const item = badStatefulSetJson(i);
    items.push(item);
    size += JSON.stringify(item).length + 1;
  }
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items }) + '\n';
}

function statefulSetWithLabels(lines) {
  return `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n  labels:\n${lines.join('\n')}\nspec:\n  serviceName: web\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: c\n          image: nginx\n`;
}

function manyKeys(n) {
  const lines = [];
  for (let i = 0; i < n; i++) lines.push(`    key-${i}: value-${i}`);
  return statefulSetWithLabels(lines);
}

/** `n` suppression comments, each over a label whose value is invalid; every other one names another rule. */
function manySuppressions(n) {
  const lines = [];
  for (let i = 0; i < n; i++) {
    lines.push(`    # statefulset-lens-disable-next-line ${i % 2 === 0 ? 'invalid-label' : 'invalid-name'}`);
    lines.push(`    key-${i}: "bad value ${i}!"`);
  }
  return statefulSetWithLabels(lines).replace('  serviceName: web\n', '  serviceName: web\n  podManagementPolicy: parallel\n');
}

function manyStatefulSets(n) {
  const docs = [];
  for (let i = 0; i < n; i++) docs.push(BAD_STATEFULSET.replace('name: Bad_Name', `name: Bad_Name_${i}`));
  return docs.join('---\n');
}

function nestedIndicators(indicator, depth) {
  // `- - - x` (and `? ? ? x`): block collections nested on one line, each a level deeper.
  return `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: deep\nspec:\n  template:\n    spec:\n      containers:\n${`${indicator} `.repeat(depth)}x\n`;
}

function flowNesting(depth) {
  return `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: deep\nspec:\n  serviceName: web\n  template: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
}

function mergeCycles() {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata: &meta
  name: cyclic
  <<: *meta
  labels: &labels
    app: web
    <<: [*labels, *meta]
spec: &spec
  <<: *spec
  serviceName: web
  selector:
    matchLabels: *labels
  template: &template
    <<: [*template, *spec]
    metadata:
      labels: *labels
    spec:
      containers:
        - &c
          <<: *c
          name: c
          image: nginx
---
a: &a
  <<: *a
  b: &b
    <<: [*a, *b]
`;
}

function longNames(length) {
  const name = 'n'.repeat(length);
  return `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: ${name}\nspec:\n  serviceName: ${name}\n  replicas: 2147483647\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      containers:\n        - name: c\n          image: nginx\n          volumeMounts:\n            - name: ${name}\n              mountPath: /data\n  volumeClaimTemplates:\n    - metadata:\n        name: ${name}\n      spec:\n        accessModes: [ReadWriteOnce]\n        resources:\n          requests:\n            storage: 1Gi\n`;
}

function aliasBomb() {
  const lines = ['    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 0; i < 12; i++) {
    const prev = String.fromCharCode(97 + i);
    const next = String.fromCharCode(98 + i);
    lines.push(`    ${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: bomb\n  annotations:\n${lines.join('\n')}\nspec:\n  serviceName: web\n  template:\n    metadata:\n      labels: *m\n`;
}

/** Deterministic pseudo-random bytes (a linear congruential generator: the suite must not vary). */
function pseudoRandomBytes(n, seed) {
  const out = Buffer.alloc(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

/**
 * Every hostile input: a short id, the file name it is written under, what the table calls it, and its content
 * (a string, written as UTF-8, or raw bytes). `text` is what an editor would hand the server: the decoded
 * string (for raw bytes, decoded as UTF-8 like the CLI does, except UTF-16, which an editor decodes).
 */
export function hostileInputs({ small = false } = {}) {
  // `small` (the regression suite, which runs each input three ways on CI) shrinks the inputs whose cost grows
  // with their size; those that test a limit (nesting, alias expansion, the findings cap) keep what crosses it.
  const k = small ? 0.25 : 1;
  const rows = [
    { id: 'json-line-2mb', file: 'generated.yaml', what: `one ${2 * k} MB line of flow-style JSON (a generated manifest)`, content: oneLineJson(2 * k * 1024 * 1024) },
    { id: 'keys-50000', file: 'labels.yaml', what: `one map with ${(50000 * k).toLocaleString('en')} keys`, content: manyKeys(50000 * k) },
    { id: 'suppressions-12000', file: 'suppressed.yaml', what: `${(12000 * k).toLocaleString('en')} suppression comments`, content: manySuppressions(12000 * k) },
    { id: 'findings-81000', file: 'many.yaml', what: `${small ? 400 : 3000} StatefulSets with findings`, content: manyStatefulSets(small ? 400 : 3000) },
    { id: 'compact-seq-10000', file: 'compact-seq.yaml', what: 'compact sequences nested 10,000 deep', content: nestedIndicators('-', 10000) },
    { id: 'explicit-key-10000', file: 'explicit-key.yaml', what: 'explicit keys nested 10,000 deep', content: nestedIndicators('?', 10000) },
    { id: 'flow-100000', file: 'flow-deep.yaml', what: 'flow nesting 100,000 deep (inside a StatefulSet)', content: flowNesting(100000) },
    { id: 'merge-cycles', file: 'merge-cycles.yaml', what: 'merge-key (<<) cycles', content: mergeCycles() },
    { id: 'long-names', file: 'long-names.yaml', what: '10,000-character names, replicas 2147483647', content: longNames(10000) },
    { id: 'alias-bomb', file: 'alias-bomb.yaml', what: 'alias bomb (9^13 nodes)', content: aliasBomb() },
    { id: 'documents-100000', file: 'documents.yaml', what: '100,000 `---`', content: '---\n'.repeat(100000) + GOOD },
    { id: 'binary', file: 'binary.yaml', what: 'binary junk (256 KB)', content: pseudoRandomBytes(256 * 1024, 7) },
    { id: 'nul-bytes', file: 'nul.yaml', what: 'NUL bytes', content: GOOD.replace(/: /g, ':\0 ').replace(/web/g, 'w\0eb') },
    { id: 'lone-surrogates', file: 'surrogates.yaml', what: 'lone surrogates', content: GOOD.replace('name: web\nspec:\n  serviceName', 'name: web\ud800\nspec:\n  serviceName').replace('app: web', 'app: "\udc00web"') + '# \ud83d comment\n' },
    { id: 'utf16-bom', file: 'utf16.yaml', what: 'UTF-16 with BOM', content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD, 'utf16le')]) },
    { id: 'cr-only', file: 'cr-only.yaml', what: '`\\r`-only line ends', content: GOOD.replace(/\n/g, '\r') },
    { id: 'tabs', file: 'tabs.yaml', what: 'tabs', content: GOOD.replace(/ {2}/g, '\t').replace(/: /g, ':\t') },
    { id: 'tags', file: 'tags.yaml', what: 'tags', content: GOOD.replace('replicas: 3', 'replicas: !!str 3').replace('spec:\n  serviceName', 'spec: !!map\n  serviceName').replace('name: web\nspec:\n  serviceName', 'name: !custom web\nspec:\n  serviceName').replace('image: nginx:1.27', 'image: !!binary aGVsbG8=') + '--- !!set\n? a\n? b\n' },
    { id: 'root-scalars', file: 'scalars.yaml', what: 'root scalars', content: `--- 5\n--- "StatefulSet"\n--- |\n  kind: StatefulSet\n--- null\n---\n${GOOD}--- ~\n` },
  ];
  return rows.map((r) => ({ ...r, text: typeof r.content === 'string' ? r.content : r.id === 'utf16-bom' ? r.content.subarray(2).toString('utf16le') : r.content.toString('utf8') }));
}
