// Protocol tests of quick fixes over stdio against the built dist/server.js: the capability, the exact code
// actions for a typo (title, kind, preferred, attached diagnostic, WorkspaceEdit), a fix that edits another
// open file (the Service made headless, which clears the warning), a created Service, the range and `only` filters, and cancellation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../support/lspClient';
import { RANDOM_GENERATOR, RG_SERVICE_ONLY, RG_STATEFULSET_ONLY, positionOf, rangeOf } from '../support/lspFixtures';

const TYPO_URI = 'file:///work/actions/typo.yaml';
const TYPO_TEXT = RANDOM_GENERATOR.replace('  replicas: 2\n', '  replicas: 2\n  podManagementPolicy: Paralel\n');
const STS_URI = 'file:///work/actions/sts.yaml';
const SVC_URI = 'file:///work/actions/svc.yaml';
// Named apart from the typo file's headless Service, which would otherwise be the one resolved.
const SVC_TEXT = RG_SERVICE_ONLY.replace('clusterIP: None', 'clusterIP: 10.0.0.7').replace('name: random-generator', 'name: rg-peers');
const STS_TEXT = RG_STATEFULSET_ONLY.replace('serviceName: random-generator', 'serviceName: rg-peers');
const LONE_URI = 'file:///work/actions/lone/sts.yaml';
const LONE_TEXT = RG_STATEFULSET_ONLY.replace('serviceName: random-generator', 'serviceName: lone');

let client: LspClient;
let capabilities: any;

before(async () => {
  const started = await LspClient.start({ workspaceFolders: null });
  client = started.client;
  capabilities = started.initialize.capabilities;
  client.open(TYPO_URI, TYPO_TEXT);
  client.open(SVC_URI, SVC_TEXT);
  client.open(STS_URI, STS_TEXT);
  client.open(LONE_URI, LONE_TEXT);
});

after(async () => {
  assert.equal(await client.stop(), 0);
  assert.equal(client.strayOutput, '');
});

function codeActions(uri: string, range: unknown, only?: string[]): Promise<any[]> {
  return client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], ...(only ? { only } : {}) } });
}

test('initialize advertises quick-fix code actions', () => {
  assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix'] });
});

test('a podManagementPolicy typo gets "Change to \'Parallel\'" (preferred) and a suppression, each with its diagnostic and edit', async () => {
  const diagnostics = (await client.pullDiagnostics(TYPO_URI)).items;
  const diagnostic = diagnostics.find((d: any) => d.code === 'invalid-pod-management-policy');
  assert.ok(diagnostic, JSON.stringify(diagnostics));
  const typo = rangeOf(TYPO_TEXT, 'Paralel');
  const cursor = positionOf(TYPO_TEXT, 'Paralel', 3);
  const actions = await codeActions(TYPO_URI, { start: cursor, end: cursor });
  const line = typo.start.line;
  assert.deepEqual(actions, [
    {
      title: "Change to 'Parallel'",
      kind: 'quickfix',
      diagnostics: [diagnostic],
      edit: { changes: { [TYPO_URI]: [{ range: typo, newText: 'Parallel' }] } },
      isPreferred: true,
    },
    {
      title: 'Disable invalid-pod-management-policy for this line',
      kind: 'quickfix',
      diagnostics: [diagnostic],
      edit: { changes: { [TYPO_URI]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: '  # statefulset-lens-disable-next-line invalid-pod-management-policy\n' }] } },
    },
  ]);
});

test('a range away from every finding gets no code action, and a request for refactorings gets none either', async () => {
  assert.deepEqual(await codeActions(TYPO_URI, rangeOf(TYPO_TEXT, 'kind: Service')), []);
  assert.deepEqual(await codeActions(TYPO_URI, rangeOf(TYPO_TEXT, 'Paralel'), ['refactor']), []);
  assert.equal((await codeActions(TYPO_URI, rangeOf(TYPO_TEXT, 'Paralel'), ['quickfix'])).length, 2);
});

test('service-not-headless offers a fix whose WorkspaceEdit changes only the Service\'s own file', async () => {
  const actions = await codeActions(STS_URI, rangeOf(STS_TEXT, 'rg-peers'));
  const headless = actions.find((a) => a.title === "Make Service 'rg-peers' headless (clusterIP: None)");
  assert.ok(headless, JSON.stringify(actions.map((a) => a.title)));
  assert.deepEqual(headless.edit, { changes: { [SVC_URI]: [{ range: rangeOf(SVC_TEXT, '10.0.0.7'), newText: 'None' }] } });
  assert.equal(headless.diagnostics[0].code, 'service-not-headless');
  assert.deepEqual(actions.map((a) => a.title), [
    "Make Service 'rg-peers' headless (clusterIP: None)",
    'Disable service-not-headless for this line',
  ]);
  // Applied as an editor would (an edit of the Service document), the StatefulSet's warning goes.
  client.change(SVC_URI, headless.edit.changes[SVC_URI].map((e: any) => ({ range: e.range, text: e.newText })));
  await client.pullDiagnostics(SVC_URI);
  const after = (await client.pullDiagnostics(STS_URI)).items.map((d: any) => d.code);
  assert.ok(!after.includes('service-not-headless'), JSON.stringify(after));
});

test('service-not-found offers to create the headless Service right after the StatefulSet', async () => {
  const actions = await codeActions(LONE_URI, rangeOf(LONE_TEXT, 'lone'));
  const create = actions.find((a) => a.title === "Create headless Service 'lone'");
  assert.ok(create, JSON.stringify(actions.map((a) => a.title)));
  const end = positionOf(LONE_TEXT, '10Mi', 4);
  assert.deepEqual(create.edit.changes[LONE_URI], [{
    range: { start: end, end },
    newText: '\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: lone\nspec:\n  clusterIP: None\n  selector:\n    app: random-generator\n  ports:\n    - name: http\n      port: 8080',
  }]);
});

test('a code action request cancelled before it starts answers RequestCancelled', async () => {
  const response = await client.requestAndCancel('textDocument/codeAction', { textDocument: { uri: TYPO_URI }, range: rangeOf(TYPO_TEXT, 'Paralel'), context: { diagnostics: [] } });
  assert.equal(response.error?.code, -32800);
});
