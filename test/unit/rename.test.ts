// Rename over the pure analysis (analysis/rename.ts). Each fixture is one workspace (`#- /path.yaml` starts a
// file, `$0` marks the cursor); edits are rendered one per line as `/file line:char-line:char "old" → new`
// (0-based, LSP positions) and checked by applying them and reading the workspace again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace, lineStarts, offsetToPosition, prepareRename, renameEdits, type Span } from '../../server/src/analysis/index';
import { applyEdits } from '../../server/src/analysis/applyEdits';

const FILE_MARKER = /^#- (\/\S+)\s*$/;

function load(source: string): { ws: ManifestWorkspace; uri: string; offset: number } {
  const files: { path: string; lines: string[] }[] = [];
  for (const line of source.split('\n')) {
    const m = FILE_MARKER.exec(line);
    if (m) files.push({ path: m[1], lines: [] });
    else {
      if (files.length === 0) files.push({ path: '/a.yaml', lines: [] });
      files[files.length - 1].lines.push(line);
    }
  }
  const ws = new ManifestWorkspace();
  let cursor: { uri: string; offset: number } | undefined;
  for (const f of files) {
    let text = f.lines.join('\n');
    const uri = `file://${f.path}`;
    const at = text.indexOf('$0');
    if (at >= 0) {
      cursor = { uri, offset: at };
      text = text.slice(0, at) + text.slice(at + 2);
    }
    ws.setFile(uri, text);
  }
  assert.ok(cursor, 'the fixture has no $0 cursor');
  ws.analyzeFile(cursor.uri, DEFAULT_ANALYSIS_SETTINGS);
  return { ws, ...cursor };
}

function rangeText(text: string, span: Span): string {
  const starts = lineStarts(text);
  const a = offsetToPosition(starts, span.start);
  const b = offsetToPosition(starts, span.end);
  return `${a.line}:${a.character}-${b.line}:${b.character}`;
}

/** The edits of renaming the name at `$0` to `newName`, rendered; or `refused: message`. */
function checkRename(source: string, newName: string, expected: string): ManifestWorkspace {
  const { ws, uri, offset } = load(source);
  const result = renameEdits(ws, uri, offset, newName);
  const actual = result.ok
    ? result.edits.map((e) => {
      const text = ws.getFile(e.uri)!.text;
      return `${e.uri.replace('file://', '')} ${rangeText(text, e.span)} ${JSON.stringify(text.slice(e.span.start, e.span.end))} → ${e.newText}`;
    }).join('\n') || '(no edits)'
    : `refused: ${result.message}`;
  assert.equal(actual, expected.trim());
  if (result.ok) {
    // Applied, the files read as renamed: every edited file parses again with the new name in place.
    for (const fileUri of new Set(result.edits.map((e) => e.uri))) {
      const applied = applyEdits(ws.getFile(fileUri)!.text, result.edits.filter((e) => e.uri === fileUri));
      assert.ok(applied.ok);
      ws.setFile(fileUri, applied.text);
    }
  }
  return ws;
}

/** prepareRename at `$0`: `range "text" placeholder`, `refused: message` or `(none)`. */
function checkPrepare(source: string, expected: string): void {
  const { ws, uri, offset } = load(source);
  const result = prepareRename(ws, uri, offset);
  const text = ws.getFile(uri)!.text;
  const actual = !result ? '(none)' : result.ok
    ? `${rangeText(text, result.span)} ${JSON.stringify(text.slice(result.span.start, result.span.end))} placeholder=${result.placeholder}`
    : `refused: ${result.message}`;
  assert.equal(actual, expected.trim());
}

const svc = (name: string, ns?: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n  clusterIP: None\n`;
const sts = (name: string, serviceName: string, ns?: string) =>
  `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n  serviceName: ${serviceName}\n  replicas: 1\n`;

const VOLUMES = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  template:
    spec:
      initContainers:
        - name: init
          volumeMounts:
            - name: data
              mountPath: /data
      containers:
        - name: db
          volumeMounts:
            - name: data
              mountPath: /var/lib/db
            - name: config
              mountPath: /etc/db
          volumeDevices:
            - name: raw
              devicePath: /dev/xvda
      volumes:
        - name: config
          configMap:
            name: db-config
  volumeClaimTemplates:
    - metadata:
        name: data
    - metadata:
        name: raw
      spec:
        volumeMode: Block
`;

/** VOLUMES with the cursor `delta` characters into the `occurrence`-th `needle`. */
function volumesAt(needle: string, delta: number, occurrence = 1): string {
  let at = -1;
  for (let i = 0; i < occurrence; i++) at = VOLUMES.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not in VOLUMES`);
  return VOLUMES.slice(0, at + delta) + '$0' + VOLUMES.slice(at + delta);
}

test('serviceName renames the Service in another file and every StatefulSet of the namespace naming it', () => {
  const ws = checkRename(`#- /sts.yaml
${sts('a', 'w$0eb')}---
${sts('b', 'web')}
#- /svc.yaml
${svc('web')}
#- /more/c.yaml
${sts('c', 'web')}`, 'db', `
/svc.yaml 3:8-3:11 "web" → db
/sts.yaml 5:15-5:18 "web" → db
/sts.yaml 13:15-13:18 "web" → db
/more/c.yaml 5:15-5:18 "web" → db`);
  assert.deepEqual(ws.resources('Service').map((s) => s.name), ['db']);
});

test('a Service\'s own name renames the Service and its StatefulSets, and no namesake in another namespace', () => {
  checkRename(`#- /prod.yaml
${svc('w$0eb', 'prod')}---
${sts('a', 'web', 'prod')}
#- /staging.yaml
${svc('web', 'staging')}---
${sts('b', 'web', 'staging')}`, 'frontend', `
/prod.yaml 3:8-3:11 "web" → frontend
/prod.yaml 14:15-14:18 "web" → frontend`);
});

test('every Service of that name in the namespace is renamed with it (a copy in another file names the same object)', () => {
  checkRename(`#- /base.yaml
${svc('web')}
#- /copy.yaml
${svc('web')}
#- /sts.yaml
${sts('a', '"web$0"')}`, 'db', `
/base.yaml 3:8-3:11 "web" → db
/copy.yaml 3:8-3:11 "web" → db
/sts.yaml 5:15-5:20 "\\"web\\"" → "db"`);
});

test('a claim template name renames every volumeMount and volumeDevice using it, in containers and init containers', () => {
  checkRename(volumesAt('name: data', 7, 3), 'storage', `
/a.yaml 29:14-29:18 "data" → storage
/a.yaml 11:20-11:24 "data" → storage
/a.yaml 16:20-16:24 "data" → storage`);
  checkRename(volumesAt('name: raw', 8), 'block', `
/a.yaml 31:14-31:17 "raw" → block
/a.yaml 21:20-21:23 "raw" → block`);
});

test('a volumeMount naming a claim template renames the template and every mount', () => {
  checkRename(volumesAt('name: data', 6, 1), 'storage', `
/a.yaml 29:14-29:18 "data" → storage
/a.yaml 11:20-11:24 "data" → storage
/a.yaml 16:20-16:24 "data" → storage`);
});

test('renaming to the same name changes nothing', () => {
  checkRename(volumesAt('name: data', 6, 1), 'data', '(no edits)');
});

test('a name that is not a DNS label is refused with the API server\'s reason', () => {
  checkRename(`${sts('a', 'w$0eb')}---\n${svc('web')}`, 'Web_1', "refused: `Web_1` is not a valid Service name: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character.");
  checkRename(`${sts('a', 'w$0eb')}---\n${svc('web')}`, '1web', "refused: `1web` is not a valid Service name: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character.");
  checkRename(volumesAt('name: data', 6, 1), 'my.data', 'refused: `my.data` is not a valid claim template name: must not contain dots.');
  checkRename(volumesAt('name: data', 6, 1), 'x'.repeat(64), `refused: \`${'x'.repeat(64)}\` is not a valid claim template name: must be no more than 63 characters.`);
});

test('a name already taken is refused: a Service of the namespace, a claim template or pod volume of the StatefulSet', () => {
  checkRename(`#- /sts.yaml
${sts('a', 'w$0eb')}
#- /svc.yaml
${svc('web')}---
${svc('db')}`, 'db', 'refused: A Service named `db` already exists in namespace `default` (svc.yaml).');
  checkRename(`${sts('a', 'w$0eb')}---\n${svc('web')}---\n${svc('db', 'other')}`, 'db', `
/a.yaml 11:8-11:11 "web" → db
/a.yaml 5:15-5:18 "web" → db`);
  checkRename(volumesAt('name: data', 6, 1), 'raw', 'refused: StatefulSet `db` already has a claim template named `raw`.');
  checkRename(volumesAt('name: data', 6, 1), 'config', 'refused: StatefulSet `db` already has a pod volume named `config`; a claim template of that name would replace it.');
});

test('prepareRename gives the name without its quotes, and nothing on keys or other values', () => {
  checkPrepare(`${sts('a', '"w$0eb"')}`, '5:16-5:19 "web" placeholder=web');
  checkPrepare(`${svc('w$0eb')}`, '3:8-3:11 "web" placeholder=web');
  checkPrepare(volumesAt('name: data', 7, 3), '29:14-29:18 "data" placeholder=data');
  checkPrepare(`${sts('a', 'web').replace('serviceName', 'service$0Name')}`, '(none)');
  checkPrepare(`${sts('a$0', 'web')}`, '(none)');
  checkPrepare(VOLUMES.replace('image', 'x') + '$0', '(none)');
});

test('a volumeMount of a pod volume is refused: only claim templates are renamed', () => {
  checkPrepare(volumesAt('name: config', 7), 'refused: `config` mounts no claim template of StatefulSet `db`: only claim template names are renamed, with their mounts.');
});

test('a Helm-templated value is refused', () => {
  const chart = `#- /chart/templates/sts.yaml
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {{ .Release.Name }}
spec:
  serviceName: {{ .Values.$0service }}
  replicas: 1
`;
  checkPrepare(chart, 'refused: `{{ .Values.service }}` is a Helm template expression: its value is known only when the chart is rendered. Rename it where the value is set (values.yaml).');
  checkRename(chart, 'db', 'refused: `{{ .Values.service }}` is a Helm template expression: its value is known only when the chart is rendered. Rename it where the value is set (values.yaml).');
});

test('a name inside a kustomize patch is refused; from the base the patch is not touched unless it names the object', () => {
  const workspace = (cursorInPatch: boolean) => `#- /overlay/kustomization.yaml
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
- ../base
patches:
- path: storage.yaml
#- /overlay/storage.yaml
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  volumeClaimTemplates:
  - metadata:
      name: ${cursorInPatch ? 'da$0ta' : 'data'}
#- /base/sts.yaml
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  template:
    spec:
      containers:
        - name: web
          volumeMounts:
            - name: data
              mountPath: /data
  volumeClaimTemplates:
  - metadata:
      name: ${cursorInPatch ? 'data' : 'da$0ta'}
`;
  checkPrepare(workspace(true), 'refused: `data` is inside a kustomize patch (storage.yaml), where it names the object the patch applies to. Rename it in the base manifest instead.');
  checkRename(workspace(false), 'storage', `
/base/sts.yaml 15:12-15:16 "data" → storage
/base/sts.yaml 11:20-11:24 "data" → storage`);
});

test('an occurrence written through an alias is refused rather than broken; an anchored name is renamed in place', () => {
  const list = (cursorOnService: boolean) => `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Service
    metadata:
      name: &svc ${cursorOnService ? 'w$0eb' : 'web'}
  - apiVersion: apps/v1
    kind: StatefulSet
    metadata:
      name: a
    spec:
      serviceName: *svc
`;
  checkRename(list(true), 'db', 'refused: `web` in a.yaml line 13 is written through a YAML anchor, alias or block scalar; rename it there by hand first.');
  checkRename(`${svc('&svc w$0eb')}---\n${sts('a', 'web')}`, 'db', `
/a.yaml 3:13-3:16 "web" → db
/a.yaml 12:15-12:18 "web" → db`);
});

test('renaming a Service from its base also renames a kustomize patch of it, which names its target by name', () => {
  checkRename(`#- /overlay/kustomization.yaml
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
- ../base
patches:
- path: service-patch.yaml
#- /overlay/service-patch.yaml
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  publishNotReadyAddresses: true
#- /base/all.yaml
${svc('w$0eb')}---
${sts('web', 'web')}`, 'frontend', `
/overlay/service-patch.yaml 3:8-3:11 "web" → frontend
/base/all.yaml 3:8-3:11 "web" → frontend
/base/all.yaml 12:15-12:18 "web" → frontend`);
});
