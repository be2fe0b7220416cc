// Overlays rendered by the real `kubectl kustomize`: identities through the rendered Service, the rule catalogue
// on the rendered objects with rendered-only findings placed on the line that caused them, refused remote bases,
// Kustomize's own errors. Expected names come from Kustomize's output by the controller's rules (support.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace, analyzeRender, kustomizationGraph, lineStarts, offsetToPosition, stripOrigins, type Finding } from '../../server/src/analysis/index';
import { loadOverlay } from '../../server/src/kustomize/overlayWorkspace';
import { FORBIDDEN_FLAGS, commandLine, kustomizeMessage, renderKey, renderOverlay } from '../../server/src/kustomize/render';
import { execFileSync } from 'node:child_process';
import { expectedFromRender, fixturesDir, fixturesRel, kustomizeMissing, kustomizeObjects } from './support';

const skip = kustomizeMissing;
if (skip) console.log(`# ${skip}`);
const settings = DEFAULT_ANALYSIS_SETTINGS;

async function render(overlay: string) {
  const o = await loadOverlay(`${fixturesRel}/${overlay}`, 'kubectl kustomize');
  return { ...o, result: o.workspace.kustomize.overlay(o.dir, settings)! };
}

/** `path:line:col` and the text a finding points at. */
function where(ws: ManifestWorkspace, f: Finding): string {
  const text = ws.getFile(f.uri)!.text;
  const p = offsetToPosition(lineStarts(text), f.span.start);
  return `${f.uri.slice(fixturesRel.length + 1)}:${p.line + 1}:${p.character + 1} ${JSON.stringify(text.slice(f.span.start, f.span.end))}`;
}

test('prod overlay: prefix, namespace and replicas as kubectl kustomize renders them, through the renamed Service', { skip }, async () => {
  const { workspace, result } = await render('overlays/prod');
  assert.equal(result.error, undefined);
  const objects = kustomizeObjects(path.join(fixturesDir, 'overlays/prod'));
  const sts = objects.find((o) => o.kind === 'StatefulSet')!;
  const want = expectedFromRender(objects, sts.metadata.name);
  assert.equal(result.statefulSets.length, 1);
  const { identity: id, source } = result.statefulSets[0];
  assert.deepEqual([id.name, id.namespace], [want.name, want.namespace]);
  assert.deepEqual(id.pods.map((p) => p.name), want.pods);
  assert.deepEqual(id.pods.map((p) => p.dns), want.dns);
  assert.deepEqual(id.pods.flatMap((p) => p.pvcs), want.pvcs);
  assert.equal(id.serviceDns, want.serviceDns);
  assert.deepEqual(id.srvRecords.map((r) => r.record), want.srv);
  assert.equal(id.service?.name, sts.spec.serviceName);
  assert.deepEqual(id.startOrder, want.startOrder);
  // The one name the issue states, as a cross-check of the computed expectations.
  assert.equal(id.pods[0].dns, 'prod-rg-0.prod-random-generator.shop.svc.cluster.local');
  assert.equal(source?.uri, `${fixturesRel}/base/random-generator.yaml`);
  assert.equal(source?.resource.name, 'rg');
  // The origin annotations are gone from what is analysed.
  assert.doesNotMatch(result.rendered!.text, /config\.kubernetes\.io\/origin|annotations/);
  assert.deepEqual(result.findings, []);
  assert.deepEqual(workspace.kustomize.findingsIn(`${fixturesRel}/base/random-generator.yaml`, settings), []);
});

test('staging overlay: suffix, labels, a strategic-merge patch, a JSON 6902 patch and a component', { skip }, async () => {
  const { result } = await render('overlays/staging');
  const objects = kustomizeObjects(path.join(fixturesDir, 'overlays/staging'));
  const sts = objects.find((o) => o.kind === 'StatefulSet')!;
  const want = expectedFromRender(objects, sts.metadata.name);
  const id = result.statefulSets[0].identity;
  assert.deepEqual(id.pods.map((p) => p.dns), want.dns);
  assert.deepEqual(id.pods.flatMap((p) => p.pvcs), want.pvcs);
  assert.equal(id.replicas.value, sts.spec.replicas);
  assert.equal(id.podManagementPolicy.value, sts.spec.podManagementPolicy);
  assert.deepEqual(id.startOrder, want.startOrder);
  assert.equal(id.update.partition.value, sts.spec.updateStrategy.rollingUpdate.partition);
  assert.deepEqual(id.update.updated, want.updated);
  assert.deepEqual(id.update.kept, want.kept);
  assert.equal(id.retention.whenScaled.value, sts.spec.persistentVolumeClaimRetentionPolicy.whenScaled);
  assert.deepEqual(id.retention.onScaleDown, { pod: want.pods.at(-1), pvcs: [{ pvc: want.pvcs.at(-1), action: 'Delete' }] });
  // commonLabels reach the selector and the Service; labels with includeTemplates reach the pods only.
  assert.deepEqual(sts.spec.selector.matchLabels, { app: 'random-generator', env: 'staging' });
  assert.equal(id.service?.name, sts.spec.serviceName);
  assert.deepEqual(result.statefulSets[0].findings.map((f) => f.ruleId), []);
  assert.deepEqual(result.findings, []);
});

test('a prefix that pushes the name past 52 characters is reported on namePrefix, naming the overlay', { skip }, async () => {
  const { workspace, result } = await render('overlays/long-prefix');
  const name = kustomizeObjects(path.join(fixturesDir, 'overlays/long-prefix')).find((o) => o.kind === 'StatefulSet')!.metadata.name as string;
  assert.equal(name.length, 53);
  assert.deepEqual(result.findings.map((f) => [f.ruleId, f.severity, where(workspace, f)]), [
    ['name-too-long', 'warning', 'overlays/long-prefix/kustomization.yaml:4:1 "namePrefix"'],
    ['invalid-service-name', 'error', 'overlays/long-prefix/kustomization.yaml:4:1 "namePrefix"'],
  ]);
  assert.match(result.findings[0].message, new RegExp(`^Overlay long-prefix \\(rendered by kustomize\\): StatefulSet name "${name}" has 53 characters`));
  // The base alone is fine: the finding exists only after rendering.
  assert.deepEqual(workspace.analyzeFile(`${fixturesRel}/base/random-generator.yaml`, settings).findings.filter((f) => f.ruleId === 'name-too-long'), []);
});

test('a patch that breaks the selector is reported on the patched labels', { skip }, async () => {
  const { workspace, result } = await render('overlays/broken-selector');
  assert.deepEqual(result.findings.map((f) => [f.ruleId, where(workspace, f)]), [
    ['no-pod-disruption-budget', 'overlays/broken-selector/relabel.yaml:8:7 "labels"'],
    ['selector-mismatch', 'overlays/broken-selector/relabel.yaml:8:7 "labels"'],
    ['service-selector-mismatch', 'overlays/broken-selector/relabel.yaml:8:7 "labels"'],
  ]);
  const mismatch = result.findings.find((f) => f.ruleId === 'selector-mismatch')!;
  assert.match(mismatch.message, /^Overlay broken-selector \(rendered by kustomize\): The selector requires app=random-generator but the pod template has app=random-generator-v2/);
});

test('serviceName patched away from the renamed Service is reported on the patch, and the DNS names follow the render', { skip }, async () => {
  const { workspace, result } = await render('overlays/service-patched');
  const objects = kustomizeObjects(path.join(fixturesDir, 'overlays/service-patched'));
  const sts = objects.find((o) => o.kind === 'StatefulSet')!;
  assert.deepEqual(result.statefulSets[0].identity.pods.map((p) => p.dns), expectedFromRender(objects, sts.metadata.name).dns);
  assert.equal(result.statefulSets[0].identity.service, undefined);
  assert.deepEqual(result.findings.map((f) => [f.ruleId, where(workspace, f).split(' ')[0]]), [['service-not-found', 'overlays/service-patched/kustomization.yaml:10:12']]);
  assert.match(result.findings[0].message, /^Overlay service-patched \(rendered by kustomize\): No Service named "rg-headless" in namespace "default"/);
});

test('a remote base is refused before anything runs, on its own line', { skip }, async () => {
  const { workspace, result } = await render('overlays/remote');
  assert.equal(result.error, 'remote base https://github.com/kubernetes-sigs/kustomize//examples/multibases?ref=v5.5.0 not rendered: StatefulSet Lens runs kustomize without network access. Vendor the base into the workspace to preview this overlay.');
  assert.deepEqual(result.findings.map((f) => [f.ruleId, f.severity, where(workspace, f)]), [
    ['kustomize-build', 'error', 'overlays/remote/kustomization.yaml:4:5 "https://github.com/kubernetes-sigs/kustomize//examples/multibases?ref=v5.5.0"'],
  ]);
  assert.deepEqual(result.statefulSets, []);
});

test('a broken kustomization shows what Kustomize printed, on the kustomization', { skip }, async () => {
  const { workspace, result } = await render('overlays/broken');
  assert.match(result.error!, /^accumulating resources: .*missing-service\.yaml: no such file or directory/);
  // Exactly what kubectl kustomize prints for the overlay, without kubectl's log header and Go quoting.
  let printed = '';
  try {
    execFileSync('kubectl', ['kustomize', path.join(fixturesDir, 'overlays/broken')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    printed = String((err as { stderr?: string }).stderr ?? '');
  }
  assert.equal(result.error, kustomizeMessage(printed.trim()));
  assert.match(printed, /"command failed" err="accumulating resources: /);
  assert.deepEqual(result.findings.map((f) => [f.ruleId, where(workspace, f)]), [['kustomize-build', 'overlays/broken/kustomization.yaml:2:1 "resources"']]);
  assert.equal(result.findings[0].message, `Overlay broken: kustomize could not render it: ${result.error}`);
});

test('the workspace knows every overlay that includes a base file, through bases and components', () => {
  const ws = new ManifestWorkspace();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else ws.setFile(p.split(path.sep).join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(fixturesDir);
  const graph = kustomizationGraph(ws);
  const root = fixturesDir.split(path.sep).join('/');
  const overlays = ['broken', 'broken-selector', 'long-prefix', 'prod', 'remote', 'service-patched', 'staging'].map((o) => `${root}/overlays/${o}`);
  assert.deepEqual(ws.kustomize.overlaysIncluding(`${root}/base/random-generator.yaml`), overlays);
  // A patch is read by its overlay only; a component by the overlays listing it; the base itself is no overlay.
  assert.deepEqual(graph.overlaysIncluding(`${root}/overlays/staging/partition.yaml`), [`${root}/overlays/staging`]);
  assert.deepEqual(graph.overlaysIncluding(`${root}/components/parallel/kustomization.yaml`), []);
  assert.deepEqual(graph.inputs(`${root}/overlays/staging`).kustomizations, [
    `${root}/overlays/staging/kustomization.yaml`, `${root}/base/kustomization.yaml`, `${root}/components/parallel/kustomization.yaml`,
  ]);
  assert.deepEqual(graph.inputs(`${root}/overlays/staging`).files.sort(), [
    `${root}/base/random-generator.yaml`, `${root}/overlays/staging/partition.yaml`, `${root}/overlays/staging/retention.json6902.yaml`,
  ]);
  assert.deepEqual(graph.inputs(`${root}/overlays/remote`).remote.map((r) => r.reference.path), ['https://github.com/kubernetes-sigs/kustomize//examples/multibases?ref=v5.5.0']);
});

test('the render command never enables plugins, exec functions, Helm or the network', () => {
  for (const c of ['kubectl kustomize', 'kustomize build'] as const) {
    const { args } = commandLine(c);
    for (const flag of FORBIDDEN_FLAGS) assert.ok(!args.some((a) => a.startsWith(flag)), `${c} passes ${flag}`);
  }
});

test('the render cache key changes with the content of any file Kustomize reads', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sl-key-'));
  try {
    const a = path.join(dir, 'a.yaml');
    writeFileSync(a, 'x: 1\n');
    const k1 = await renderKey('kubectl kustomize', [a]);
    assert.equal(await renderKey('kubectl kustomize', [a]), k1);
    writeFileSync(a, 'x: 2\n');
    assert.notEqual(await renderKey('kubectl kustomize', [a]), k1);
    assert.notEqual(await renderKey('kustomize build', [a]), await renderKey('kubectl kustomize', [a]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing program turns the feature off with one line', async () => {
  const saved = process.env.PATH;
  process.env.PATH = '/nonexistent';
  try {
    const out = await renderOverlay(path.join(fixturesDir, 'overlays/prod'), 'kustomize build');
    assert.deepEqual([out.missing, out.error], [true, 'kustomize is not installed (not found on PATH), so Kustomize overlays are not rendered']);
  } finally {
    process.env.PATH = saved;
  }
});

test('stripOrigins removes the origin annotation and an annotations map it leaves empty, and keeps others', () => {
  const text = 'kind: A\nmetadata:\n  annotations:\n    config.kubernetes.io/origin: |\n      path: ../../w/a.yaml\n  name: a\n---\nkind: B\nmetadata:\n  annotations:\n    keep: "1"\n    config.kubernetes.io/origin: |\n      path: b.yaml\n  name: b\n';
  const out = stripOrigins(text, '/tmp/r1', '/w');
  assert.equal(out.text, 'kind: A\nmetadata:\n  name: a\n---\nkind: B\nmetadata:\n  annotations:\n    keep: "1"\n  name: b\n');
  assert.deepEqual(out.origins, [{ path: '../../w/a.yaml', uri: 'a.yaml' }, { path: 'b.yaml', uri: '../tmp/r1/b.yaml' }]);
});

test('junk kustomizations, junk renders and a catastrophic target pattern neither throw nor hang', () => {
  const ws = new ManifestWorkspace();
  ws.setFile('w/base/kustomization.yaml', 'resources: 5\npatches: [{path: [1]}, 7, {patch: "- op: add\\n  path: /spec/x\\n  value: 1", target: {name: "(a+)+$"}}]\ncomponents: {x: 1}\n');
  ws.setFile('w/base/sts.yaml', 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\nspec: {}\n');
  ws.setFile('w/overlay/kustomization.yaml', 'resources: [../base, "https://example.com/x.yaml", [nested]]\nnamePrefix: {a: 1}\n');
  const graph = kustomizationGraph(ws);
  assert.deepEqual(graph.overlaysIncluding('w/base/sts.yaml'), []);
  assert.deepEqual(graph.inputs('w/overlay').remote.map((r) => r.reference.path), ['https://example.com/x.yaml']);
  for (const text of ['', '\u0000\u0001', 'a: [', '---\nmetadata:\n  annotations:\n    config.kubernetes.io/origin: 5\n', `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: ${'a'.repeat(60)}aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\n  annotations:\n    config.kubernetes.io/origin: |\n      path: ../../w/base/sts.yaml\nspec: {selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: c}}}}\n`]) {
    const result = analyzeRender({ dir: 'w/overlay', text, originRoot: '/tmp/r', relativeTo: '/tmp/r/../..' }, ws, settings);
    assert.equal(result.error, undefined);
    for (const f of result.findings) assert.ok(ws.getFile(f.uri), `finding in unknown file ${f.uri}`);
  }
});

test('a render is analysed again only when a file it reads changes, not on an edit elsewhere', { skip }, async () => {
  const { workspace, dir } = await loadOverlay(`${fixturesRel}/overlays/prod`, 'kubectl kustomize');
  const first = workspace.kustomize.overlay(dir, settings)!;
  // Read now: an edit may shift the spans of an unchanged document in place (incremental parse).
  const firstStart = first.statefulSets[0].source!.resource.node.span.start;
  workspace.setFile('elsewhere/notes.yaml', 'a: 1\n');
  assert.equal(workspace.kustomize.overlay(dir, settings), first);
  const base = `${fixturesRel}/base/random-generator.yaml`;
  workspace.setFile(base, `# a comment above\n${workspace.getFile(base)!.text}`);
  const second = workspace.kustomize.overlay(dir, settings)!;
  assert.notEqual(second, first);
  // The source StatefulSet moved down one line, and the rendered one still maps onto it.
  assert.equal(second.statefulSets[0].source!.resource.node.span.start, firstStart + '# a comment above\n'.length);
});

test('Kustomize\'s words are taken out of kubectl\'s log line with its Go quoting undone; kustomize\'s Error: prefix is dropped', () => {
  assert.equal(kustomizeMessage('E1130 16:17:49.306031   18281 run.go:72] "command failed" err="no resource matches strategic merge patch \\"StatefulSet.v1.apps/rg.[noNs]\\": no matches"'), 'no resource matches strategic merge patch "StatefulSet.v1.apps/rg.[noNs]": no matches');
  assert.equal(kustomizeMessage('Error: accumulating resources: x'), 'accumulating resources: x');
  assert.equal(kustomizeMessage('something else'), 'something else');
});
