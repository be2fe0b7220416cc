// The apply plan through the built server (dist/server.js over stdio) in a real git repository: the refused
// serviceName as a diagnostic, its quick fix restoring the HEAD value, the lens, the preview's plan section,
// a new commit moving the baseline (watched .git/HEAD), and the statefulsetLens.baseline setting. The server reads
// the baseline in the background and then asks for a diagnostics refresh: the tests wait for that request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { LspClient } from '../support/lspClient';
import { positionOf, rangeOf } from '../support/lspFixtures';
import { gitMissing, makeRepo, webStatefulSet, type TestRepo } from '../support/gitRepo';

const FORBIDDEN = "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";
const EDITED = webStatefulSet({ serviceName: 'web-headless', replicas: 5 });

let client: LspClient;
let repo: TestRepo;
let uri: string;
let head: string;

before(async () => {
  if (gitMissing) return;
  repo = makeRepo();
  repo.write('k8s/web.yaml', webStatefulSet());
  head = repo.commit('one');
  uri = pathToFileURL(path.join(repo.dir, 'k8s/web.yaml')).href;
  const started = await LspClient.start({ workspaceFolders: [{ uri: pathToFileURL(repo.dir).href, name: 'repo' }] });
  client = started.client;
  client.open(uri, EDITED);
  await untilRefreshed('the plan of the opened file', async () => planItems((await client.pullDiagnostics(uri)).items).length > 0 || undefined);
});

/**
 * Runs `probe` now and again after every diagnostics refresh the server requests (it does once it has read a
 * baseline in the background) until it gives a value; the client's timeout fails the test otherwise.
 */
async function untilRefreshed<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const since = client.received.length;
    const value = await probe();
    if (value !== undefined) return value;
    await client.waitFor((m) => m.method === 'workspace/diagnostic/refresh', what, since);
  }
}

const preview = () => client.request('statefulsetLens/preview', { uri });

after(async () => {
  if (gitMissing) return;
  assert.equal(await client.stop(), 0);
  assert.equal(client.strayOutput, '');
});

const planItems = (items: any[]) => items.filter((d) => ['immutable-field-changed', 'statefulset-renamed', 'statefulset-scale-down', 'apply-plan'].includes(d.code));

test('a serviceName changed since HEAD is an error on the new value that names the old one and the way out', { skip: gitMissing }, async () => {
  const items = planItems((await client.pullDiagnostics(uri)).items);
  assert.deepEqual(items, [
    {
      range: rangeOf(EDITED, 'web-headless'),
      severity: 1,
      source: 'statefulset-lens',
      code: 'immutable-field-changed',
      message: `spec.serviceName changed from "web" (at HEAD) to "web-headless": the API server refuses this update with "${FORBIDDEN}". To change it, delete the StatefulSet but keep its pods and PVCs: kubectl delete statefulset web --cascade=orphan, then apply; the new StatefulSet adopts the running pods (its selector still matches their labels) and reuses their PVCs by name. The adopted pods keep their DNS names under the old Service until they are recreated.`,
      codeDescription: items[0]?.codeDescription,
    },
    {
      range: rangeOf(EDITED, '5'),
      severity: 3,
      source: 'statefulset-lens',
      code: 'apply-plan',
      message: 'Scale-up from 3 (at HEAD) to 5: web-3, web-4 are created one at a time in ordinal order, each after the one before is Running and Ready (OrderedReady), with PVCs www-web-3, www-web-4 (created empty, or mounted again when a scale-down left them behind).',
      codeDescription: items[1]?.codeDescription,
    },
  ]);
});

test('the StatefulSet gets a lens with the plan, and the preview an "Apply plan (against HEAD)" section, refused first', { skip: gitMissing }, async () => {
  const lenses = await client.request('textDocument/codeLens', { textDocument: { uri } });
  const plan = lenses.find((l: any) => l.command.title.startsWith('apply:'));
  assert.deepEqual(plan, { range: rangeOf(EDITED, 'web', 1), command: { title: 'apply: refused — serviceName changed', command: 'statefulsetLens.showPreview', arguments: [uri, 'web'] } });
  const model = await client.request('statefulsetLens/preview', { uri });
  assert.equal(model.plan.title, 'Apply plan (against HEAD)');
  assert.equal(model.plan.commit, head);
  assert.deepEqual(model.plan.steps.map((s: any) => [s.severity, s.kind, s.summary]), [
    ['error', 'refused', 'serviceName "web" → "web-headless": refused by the API server'],
    ['information', 'scale-up', 'scale up 3 → 5: creates web-3, web-4'],
  ]);
  assert.deepEqual(model.plan.steps[0].range, rangeOf(EDITED, 'web-headless'));
});

test('the quick fix puts back the HEAD value, and the error goes', { skip: gitMissing }, async () => {
  const range = rangeOf(EDITED, 'web-headless');
  const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } });
  const restore = actions.find((a: any) => a.title === "Change back to 'web' (HEAD)");
  assert.ok(restore, JSON.stringify(actions.map((a: any) => a.title)));
  assert.equal(restore.isPreferred, true);
  const serviceNameLine = positionOf(EDITED, 'serviceName').line;
  assert.deepEqual(restore.edit.changes[uri], [{ range: { start: { line: serviceNameLine, character: 2 }, end: range.end }, newText: 'serviceName: web' }]);
  client.change(uri, restore.edit.changes[uri].map((e: any) => ({ range: e.range, text: e.newText })));
  const items = planItems((await client.pullDiagnostics(uri)).items);
  assert.deepEqual(items.map((d: any) => d.code), ['apply-plan']);
});

test('a new commit moves the baseline: after it, the same text has no plan step', { skip: gitMissing }, async () => {
  repo.write('k8s/web.yaml', webStatefulSet({ replicas: 5 }));
  const second = repo.commit('two');
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(repo.dir, '.git/refs/heads/main')).href, type: 2 }] });
  const model = await untilRefreshed('the new commit as baseline', async () => {
    const m = await preview();
    return m.plan.commit === second ? m : undefined;
  });
  assert.deepEqual(model.plan.steps, []);
  assert.equal(model.plan.note, 'No change since HEAD: apply leaves the pods as they are.');
  assert.deepEqual(planItems((await client.pullDiagnostics(uri)).items), []);
});

test('statefulsetLens.baseline names the revision, and off removes the plan', { skip: gitMissing }, async () => {
  client.settings = { baseline: 'origin/main' };
  client.notify('workspace/didChangeConfiguration', { settings: null });
  const missing = await untilRefreshed('the origin/main baseline', async () => {
    const m = await preview();
    return m.plan.revision === 'origin/main' ? m : undefined;
  });
  assert.deepEqual(missing.plan, { title: 'Apply plan (against origin/main)', revision: 'origin/main', note: `No apply plan: the revision origin/main is not in the repository at ${repo.dir}.`, steps: [] });
  client.settings = { baseline: 'off' };
  client.notify('workspace/didChangeConfiguration', { settings: null });
  const off = await untilRefreshed('no baseline', async () => {
    const m = await preview();
    return m.plan === undefined ? m : undefined;
  });
  assert.equal(off.plan, undefined);
  const lenses = await client.request('textDocument/codeLens', { textDocument: { uri } });
  assert.deepEqual(lenses.filter((l: any) => l.command.title.startsWith('apply:')), []);
  client.settings = {};
  client.notify('workspace/didChangeConfiguration', { settings: null });
  const back = await untilRefreshed('the HEAD baseline again', async () => {
    const m = await preview();
    return m.plan?.revision === 'HEAD' ? m : undefined;
  });
  assert.equal(back.plan.commit, repo.git('rev-parse', 'HEAD'));
});
