// Schema diagnostics over the protocol (built dist/server.js): they come from the analysis' own parse, a rule's
// finding on the same range replaces the schema's, a `$schema` modeline does not switch them off, and the
// schemaValidation setting, Red Hat YAML, Helm templates and non-Kubernetes YAML keep their old behaviour.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LspClient, SERVER_JS } from '../support/lspClient';
import { RANDOM_GENERATOR, rangeOf } from '../support/lspFixtures';

let client: LspClient;
/** Two information rules that the misspelt policy wakes up are beside the point here. */
const SETTINGS = { rules: { 'no-pod-disruption-budget': 'off', 'no-pod-anti-affinity': 'off' } };

before(async () => {
  client = (await LspClient.start({ workspaceFolders: null, settings: SETTINGS })).client;
});

after(async () => {
  assert.equal(await client.stop(), 0);
});

/** The StatefulSet example with a misspelt policy value and a misspelt key under spec. */
const TWO_MISTAKES = RANDOM_GENERATOR.replace('  replicas: 2\n', '  replicas: 2\n  podManagementPolicy: Paralel\n  serviceNmae: rg\n');

function summary(items: any[]): [string, number, string, string][] {
  return items.map((d) => [d.code, d.severity, JSON.stringify(d.range), d.message]);
}

async function diagnosticsOf(c: LspClient, uri: string, text: string): Promise<any[]> {
  c.open(uri, text);
  try {
    return (await c.pullDiagnostics(uri)).items;
  } finally {
    c.close(uri);
  }
}

test('a rule reporting a value replaces the schema diagnostic on that range; other schema problems stay', async () => {
  const items = await diagnosticsOf(client, 'file:///work/schema/policy.yaml', TWO_MISTAKES);
  assert.deepEqual(items.map((d) => [d.code, d.severity, d.range]), [
    ['invalid-pod-management-policy', 1, rangeOf(TWO_MISTAKES, 'Paralel')],
    ['schema', 2, rangeOf(TWO_MISTAKES, 'serviceNmae')],
  ]);
  assert.match(items[0].message, /^podManagementPolicy "Paralel" is not valid/);
  assert.equal(items[1].message, 'Property serviceNmae is not allowed.');
  assert.equal(items[1].source, 'statefulset-lens');
});

test('a remote $schema modeline does not turn the bundled schema validation off', async () => {
  const text = `# yaml-language-server: $schema=https://example.invalid/schemas/statefulset.json\n${TWO_MISTAKES}`;
  const items = await diagnosticsOf(client, 'file:///work/schema/modeline.yaml', text);
  assert.deepEqual(summary(items.filter((d) => d.code === 'schema')), [['schema', 2, JSON.stringify(rangeOf(text, 'serviceNmae')), 'Property serviceNmae is not allowed.']]);
  assert.deepEqual(items.map((d) => d.code), ['invalid-pod-management-policy', 'schema']);
});

test('YAML that is not a Kubernetes manifest gets no schema diagnostics, nor does a Helm template', async () => {
  const workflow = 'name: ci\non: push\nkind: 5\napiVersion: [1]\njobs:\n  build:\n    runs-on: 5\n    steps:\n      - uses: actions/checkout@v4\n';
  assert.deepEqual(await diagnosticsOf(client, 'file:///work/schema/.github/workflows/ci.yaml', workflow), []);
  const template = TWO_MISTAKES.replace('replicas: 2', 'replicas: {{ .Values.replicas }}');
  const items = await diagnosticsOf(client, 'file:///work/schema/chart/templates/statefulset.yaml', template);
  assert.deepEqual(items.filter((d) => d.code === 'schema'), []);
  assert.ok(items.some((d) => d.code === 'invalid-pod-management-policy'), JSON.stringify(summary(items)));
});

test('schemaValidation off drops the schema diagnostics, on brings them back', async () => {
  const uri = 'file:///work/schema/setting.yaml';
  client.settings = { ...SETTINGS, schemaValidation: 'off' };
  client.notify('workspace/didChangeConfiguration', { settings: null });
  try {
    assert.deepEqual((await diagnosticsOf(client, uri, TWO_MISTAKES)).map((d) => d.code), ['invalid-pod-management-policy']);
  } finally {
    client.settings = SETTINGS;
    client.notify('workspace/didChangeConfiguration', { settings: null });
  }
  assert.deepEqual((await diagnosticsOf(client, uri, TWO_MISTAKES)).map((d) => d.code), ['invalid-pod-management-policy', 'schema']);
});

test('with Red Hat YAML active, auto leaves schema diagnostics to it and on still shows them', async () => {
  const { client: redHat } = await LspClient.start({ workspaceFolders: null, settings: SETTINGS, initializationOptions: { redHatYamlActive: true } });
  try {
    const uri = 'file:///work/schema/redhat.yaml';
    assert.deepEqual((await diagnosticsOf(redHat, uri, TWO_MISTAKES)).map((d) => d.code), ['invalid-pod-management-policy']);
    redHat.settings = { ...SETTINGS, schemaValidation: 'on' };
    redHat.notify('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual((await diagnosticsOf(redHat, uri, TWO_MISTAKES)).map((d) => d.code), ['invalid-pod-management-policy', 'schema']);
  } finally {
    assert.equal(await redHat.stop(), 0);
  }
});

test('a server installed without its schema validator still gives its own diagnostics, and says once that schema validation is off', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sts-lens-no-validator-'));
  try {
    for (const file of ['server.js', 'parseWorker.js', 'isomorphicGit.js', 'k8s-statefulset-lens.schema.json']) copyFileSync(path.join(path.dirname(SERVER_JS), file), path.join(dir, file));
    const { client: bare } = await LspClient.start({ workspaceFolders: null, settings: SETTINGS, serverJs: path.join(dir, 'server.js') });
    try {
      const first = await diagnosticsOf(bare, 'file:///work/schema/bare-1.yaml', TWO_MISTAKES);
      const second = await diagnosticsOf(bare, 'file:///work/schema/bare-2.yaml', TWO_MISTAKES);
      // The rule's finding stays; the schema's (the misspelt key) cannot come.
      for (const items of [first, second]) assert.deepEqual(items.map((d) => d.code), ['invalid-pod-management-policy']);
      const warnings = bare.received.filter((m) => m.method === 'window/logMessage' && m.params.type <= 2);
      assert.equal(warnings.length, 1, JSON.stringify(warnings));
      assert.match(warnings[0].params.message, /^Schema validation is off: its validator could not be loaded \(Cannot find module '\.\/validateK8s\.js'/);
    } finally {
      assert.equal(await bare.stop(), 0);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
