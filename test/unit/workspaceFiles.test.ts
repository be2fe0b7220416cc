// The server's file index keeps what cross-file checks and navigation need: files on disk with no relevant
// `kind:` are counted but not parsed, files that turn out to hold no relevant resource keep no tree, and an
// opened file is always parsed in full.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkspaceFiles, mayMatter } from '../../server/src/workspace/workspaceFiles';

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  clusterIP: None\n';
const CONFIGMAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: "1"\n';
const POD_OWNED = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  ownerReferences:\n    - kind: StatefulSet\n      name: web\n';

test('the kind pre-filter passes the kinds StatefulSets depend on, Lists and kustomizations, and nothing else', () => {
  assert.equal(mayMatter('file:///a.yaml', SERVICE), true);
  assert.equal(mayMatter('file:///a.yaml', '{"kind": "StatefulSet"}'), true);
  assert.equal(mayMatter('file:///a.yaml', 'kind: PodDisruptionBudget'), true);
  assert.equal(mayMatter('file:///a.yaml', 'kind: StorageClass'), true);
  assert.equal(mayMatter('file:///a.yaml', 'kind: PersistentVolumeClaim'), true);
  assert.equal(mayMatter('file:///a.yaml', 'kind: List\nitems: []'), true);
  assert.equal(mayMatter('file:///k/kustomization.yaml', 'resources: [a.yaml]'), true);
  assert.equal(mayMatter('file:///a.yaml', CONFIGMAP), false);
  assert.equal(mayMatter('file:///a.yaml', 'kind: ServiceAccount\n'), false);
  assert.equal(mayMatter('file:///a.yaml', 'on: push\njobs: {}\n'), false);
});

test('unopened files that cannot matter are counted but not parsed or kept; opening one parses it', () => {
  const files = new WorkspaceFiles();
  const ws = files.workspace;
  files.setDisk('file:///w/svc.yaml', SERVICE);
  files.setDisk('file:///w/cm.yaml', CONFIGMAP);
  assert.equal(ws.parseCount, 1);
  assert.deepEqual(ws.uris().sort(), ['file:///w/cm.yaml', 'file:///w/svc.yaml']);
  assert.equal(ws.getFile('file:///w/cm.yaml')!.text, '');
  assert.deepEqual(ws.resources('Service').map((r) => r.name), ['web']);
  // Passing the pre-filter but holding nothing relevant: parsed once, then its tree is dropped.
  files.setDisk('file:///w/pod.yaml', POD_OWNED);
  assert.equal(ws.parseCount, 2);
  assert.equal(ws.getFile('file:///w/pod.yaml')!.documents.length, 0);
  // Opened, the file is parsed in full; closed, it goes back to a counted, unparsed file.
  files.setOpen('file:///w/cm.yaml', CONFIGMAP);
  assert.equal(ws.getFile('file:///w/cm.yaml')!.resources[0].kind, 'ConfigMap');
  files.close('file:///w/cm.yaml');
  assert.equal(ws.getFile('file:///w/cm.yaml')!.documents.length, 0);
  assert.equal(ws.files().length, 3);
});
