// Go to Definition and Find References over the pure navigation module. Each fixture is one workspace
// (`#- /path.yaml` starts a file, `$0` marks the cursor); results are rendered one per line as
// `/file line:char-line:char "text"` (0-based, LSP positions), so a mismatch prints text ready to paste.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace } from '../../server/src/analysis/index';
import { findDefinition, findReferences, toLocationLinks, toLocations, type NavigationTarget } from '../../server/src/features/navigation';

const FILE_MARKER = /^#- (\/\S+)\s*$/;

interface NavFixture {
  ws: ManifestWorkspace;
  uri: string;
  offset: number;
}

function load(source: string): NavFixture {
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
  // The language server analyses the file before navigating; that applies the default namespace.
  ws.analyzeFile(cursor.uri, DEFAULT_ANALYSIS_SETTINGS);
  return { ws, ...cursor };
}

function render(ws: ManifestWorkspace, targets: NavigationTarget[]): string {
  const locations = toLocations(ws, targets);
  if (locations.length === 0) return '(none)';
  return locations
    .map((l, i) => {
      const { start, end } = l.range;
      const text = ws.getFile(l.uri)!.text.slice(targets[i].span.start, targets[i].span.end);
      return `${l.uri.replace('file://', '')} ${start.line}:${start.character}-${end.line}:${end.character} ${JSON.stringify(text)}`;
    })
    .join('\n');
}

/** Definitions of the name at `$0`, rendered. */
function checkDefinition(source: string, expected: string): void {
  const { ws, uri, offset } = load(source);
  const definition = findDefinition(ws, uri, offset);
  assert.equal(render(ws, definition?.targets ?? []), expected.trim());
}

/** References of the name at `$0`, rendered (declarations first when included). */
function checkReferences(source: string, includeDeclaration: boolean, expected: string): void {
  const { ws, uri, offset } = load(source);
  assert.equal(render(ws, findReferences(ws, uri, offset, includeDeclaration)), expected.trim());
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
            - name: $0scratch
              mountPath: /tmp
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
        - name: scratch
          emptyDir: {}
        - name: data
          emptyDir: {}
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        storageClassName: fast-ssd
    - metadata:
        name: raw
      spec:
        volumeMode: Block
`;
/** VOLUMES with the cursor moved to the `occurrence`-th `needle`, `delta` characters in. */
function volumesAt(needle: string, delta: number, occurrence = 1): string {
  const text = VOLUMES.replace('$0', '');
  let at = -1;
  for (let i = 0; i < occurrence; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not in VOLUMES`);
  return text.slice(0, at + delta) + '$0' + text.slice(at + delta);
}

test('serviceName goes to the Service of that name in another file of the same namespace', () => {
  checkDefinition(`#- /sts.yaml
${sts('rg', 'random-$0generator')}
#- /svc.yaml
${svc('random-generator')}`, `
/svc.yaml 3:8-3:24 "random-generator"`);
});

test('serviceName ignores Services of that name in other namespaces', () => {
  checkDefinition(`#- /sts.yaml
${sts('rg', 'web$0', 'prod')}
#- /staging.yaml
${svc('web', 'staging')}
#- /prod.yaml
${svc('web', 'prod')}`, `
/prod.yaml 3:8-3:11 "web"`);
});

test('a StatefulSet without a namespace finds a Service that names the default namespace explicitly', () => {
  checkDefinition(`#- /sts.yaml
${sts('rg', '$0web')}
#- /svc.yaml
${svc('web', 'default')}`, `
/svc.yaml 3:8-3:11 "web"`);
});

test('with a Service of that name in the StatefulSet\'s own file, serviceName goes there alone', () => {
  checkDefinition(`#- /a-other.yaml
${svc('web')}
#- /sts.yaml
${sts('rg', 'web$0')}---
${svc('web')}`, `
/sts.yaml 11:8-11:11 "web"`);
});

test('with Services of that name in two other files, serviceName lists both in workspace order', () => {
  checkDefinition(`#- /sts.yaml
${sts('rg', 'web$0')}
#- /base.yaml
${svc('web')}
#- /overlay.yaml
${svc('web')}`, `
/base.yaml 3:8-3:11 "web"
/overlay.yaml 3:8-3:11 "web"`);
});

test('references of a Service name include the other declarations of that name and every StatefulSet naming it', () => {
  checkReferences(`#- /a.yaml
${svc('w$0eb')}---
${sts('a', 'web')}
#- /copy.yaml
${svc('web')}---
${sts('copy', 'web')}`, true, `
/a.yaml 3:8-3:11 "web"
/copy.yaml 3:8-3:11 "web"
/a.yaml 12:15-12:18 "web"
/copy.yaml 12:15-12:18 "web"`);
});

test('a quoted serviceName goes to the Service, and the origin covers the quotes', () => {
  const { ws, uri, offset } = load(`${sts('rg', '"web$0"')}---\n${svc('web')}`);
  const definition = findDefinition(ws, uri, offset);
  assert.ok(definition);
  assert.equal(ws.getFile(uri)!.text.slice(definition.origin.start, definition.origin.end), '"web"');
  assert.equal(render(ws, definition.targets), '/a.yaml 11:8-11:11 "web"');
});

test('serviceName naming no Service in the workspace has no definition', () => {
  checkDefinition(`${sts('rg', 'nowhere$0')}---\n${svc('web')}`, '(none)');
});

test('the serviceName key itself, and an empty serviceName, have no definition', () => {
  checkDefinition(`${sts('rg', 'web').replace('serviceName', 'service$0Name')}---\n${svc('web')}`, '(none)');
  checkDefinition(`${sts('rg', '$0')}---\n${svc('web')}`, '(none)');
});

test('a Service\'s own name has no definition: it is the declaration', () => {
  checkDefinition(`${svc('we$0b')}---\n${sts('rg', 'web')}`, '(none)');
});

test('a container\'s volumeMount goes to the claim template, not the pod volume of the same name', () => {
  checkDefinition(volumesAt('name: data', 8, 2), `
/a.yaml 32:14-32:18 "data"`);
});

test('an init container\'s volumeMount goes to the claim template of that name', () => {
  checkDefinition(volumesAt('name: data', 6, 1), `
/a.yaml 32:14-32:18 "data"`);
});

test('an init container\'s volumeMount with no claim template of that name goes to the pod volume', () => {
  checkDefinition(VOLUMES, `
/a.yaml 26:16-26:23 "scratch"`);
});

test('a volumeDevice goes to its block-mode claim template', () => {
  checkDefinition(volumesAt('name: raw', 9), `
/a.yaml 36:14-36:17 "raw"`);
});

test('a volumeMount naming neither a claim template nor a volume has no definition', () => {
  checkDefinition(volumesAt('name: config', 7), '(none)');
});

test('a claim template\'s storageClassName goes to the StorageClass in another file', () => {
  checkDefinition(`#- /sts.yaml
${volumesAt('fast-ssd', 4)}
#- /sc.yaml
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast-ssd
provisioner: ebs.csi.aws.com
`, `
/sc.yaml 3:8-3:16 "fast-ssd"`);
});

test('a storageClassName with no StorageClass in the workspace has no definition', () => {
  checkDefinition(volumesAt('fast-ssd', 4), '(none)');
});

test('references of a Service name are the serviceName of every StatefulSet naming it in that namespace, across files', () => {
  const source = `#- /svc.yaml
${svc('web$0')}
#- /a.yaml
${sts('a', 'web')}---
${sts('elsewhere', 'web', 'prod')}
#- /b.yaml
${sts('b', 'web')}---
${sts('c', 'other')}`;
  checkReferences(source, true, `
/svc.yaml 3:8-3:11 "web"
/a.yaml 5:15-5:18 "web"
/b.yaml 5:15-5:18 "web"`);
  checkReferences(source, false, `
/a.yaml 5:15-5:18 "web"
/b.yaml 5:15-5:18 "web"`);
});

test('references from a serviceName value are the same: the Service and every serviceName naming it', () => {
  checkReferences(`#- /svc.yaml
${svc('web')}
#- /a.yaml
${sts('a', 'w$0eb')}
#- /b.yaml
${sts('b', 'web')}`, true, `
/svc.yaml 3:8-3:11 "web"
/a.yaml 5:15-5:18 "web"
/b.yaml 5:15-5:18 "web"`);
});

test('references of a claim template are the volumeMounts of containers and init containers that mount it', () => {
  checkReferences(volumesAt('name: data', 8, 4), true, `
/a.yaml 32:14-32:18 "data"
/a.yaml 11:20-11:24 "data"
/a.yaml 18:20-18:24 "data"`);
  checkReferences(volumesAt('name: data', 8, 4), false, `
/a.yaml 11:20-11:24 "data"
/a.yaml 18:20-18:24 "data"`);
});

test('references of a pod volume replaced by a claim template of the same name list no mounts', () => {
  checkReferences(volumesAt('name: data', 8, 3), true, `
/a.yaml 28:16-28:20 "data"`);
});

test('references of a pod volume are the mounts using it', () => {
  checkReferences(volumesAt('name: scratch', 8, 2), false, `
/a.yaml 13:20-13:27 "scratch"`);
});

test('references of a StorageClass are the storageClassName of claim templates and of claims', () => {
  checkReferences(`#- /sc.yaml
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast$0-ssd
provisioner: ebs.csi.aws.com
#- /sts.yaml
${VOLUMES.replace('$0', '')}
#- /pvc.yaml
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: extra
spec:
  storageClassName: fast-ssd
`, true, `
/sc.yaml 3:8-3:16 "fast-ssd"
/sts.yaml 34:26-34:34 "fast-ssd"
/pvc.yaml 5:20-5:28 "fast-ssd"`);
});

test('a Service inside a kind: List resolves and is found by references', () => {
  checkReferences(`apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Service
    metadata:
      name: w$0eb
---
${sts('rg', 'web')}`, true, `
/a.yaml 6:12-6:15 "web"
/a.yaml 13:15-13:18 "web"`);
});

test('definition links underline the whole value and target the name inside the Service object', () => {
  const { ws, uri, offset } = load(`${sts('rg', 'w$0eb')}---\n${svc('web')}`);
  const definition = findDefinition(ws, uri, offset);
  assert.ok(definition);
  assert.deepEqual(toLocationLinks(ws, uri, definition), [{
    originSelectionRange: { start: { line: 5, character: 15 }, end: { line: 5, character: 18 } },
    targetUri: 'file:///a.yaml',
    targetRange: { start: { line: 8, character: 0 }, end: { line: 14, character: 0 } },
    targetSelectionRange: { start: { line: 11, character: 8 }, end: { line: 11, character: 11 } },
  }]);
});

test('navigation never throws, at any offset of broken YAML, Helm templates, aliases and binary junk', () => {
  const texts = [
    `${VOLUMES.replace('$0', '')}\n  broken: [unclosed\n`,
    'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: x}\nspec:\n  serviceName: {{ .Values.svc }}\n  template: {{- include "x" . }}\n',
    'a: &a {kind: Service, metadata: {name: s}}\nb: *a\n---\napiVersion: apps/v1\nkind: StatefulSet\nspec:\n  serviceName: *x\n  volumeClaimTemplates: [*a, ~, 1]\n',
    'kind: StatefulSet\nspec:\n  serviceName: ["a"]\n  template: {spec: {containers: [{volumeMounts: [{name: 1}, null]}]}}\n\u0000\u0001\uffff',
  ];
  for (const text of texts) {
    const ws = new ManifestWorkspace();
    ws.setFile('file:///x.yaml', text);
    ws.analyzeFile('file:///x.yaml', DEFAULT_ANALYSIS_SETTINGS);
    for (let offset = 0; offset <= text.length + 1; offset++) {
      const definition = findDefinition(ws, 'file:///x.yaml', offset);
      if (definition) toLocationLinks(ws, 'file:///x.yaml', definition);
      toLocations(ws, findReferences(ws, 'file:///x.yaml', offset, true));
    }
  }
  assert.equal(findDefinition(new ManifestWorkspace(), 'file:///missing.yaml', 0), undefined);
});
