// Protocol tests that nothing a document contains stops the server: broken YAML, a Helm template, an alias
// bomb, binary junk and a 5 MB file are opened and edited, and the server keeps answering every request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, PUSH_ONLY_CAPABILITIES } from '../support/lspClient';
import { readExample } from '../support/lspFixtures';

const EXAMPLE = readExample();

function aliasBomb(): string {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 0; i < 12; i++) {
    const prev = String.fromCharCode(97 + i);
    const next = String.fromCharCode(98 + i);
    lines.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: bomb\nspec:\n  template:\n    metadata:\n      labels:\n${lines.map((l) => `        ${l}`).join('\n')}\n`;
}

function binaryJunk(): string {
  let s = '';
  let seed = 7;
  for (let i = 0; i < 20000; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    s += String.fromCharCode(seed % 0xd7ff);
  }
  return s;
}

function fiveMegabytes(): string {
  const docs: string[] = [];
  let size = 0;
  for (let i = 0; size < 5 * 1024 * 1024; i++) {
    const doc = EXAMPLE.replace(/name: rg\b/, `name: rg-${i}`).replace(/random-generator/g, `random-generator-${i}`);
    docs.push(doc);
    size += doc.length + 4;
  }
  return docs.join('\n---\n');
}

const HOSTILE: [string, string][] = [
  ['broken.yaml', 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: [rg\nspec:\n  - : :\n\t replicas: "\n'],
  ['templates/statefulset.yaml', 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: {{ include "x.fullname" . }}\nspec:\n  replicas: {{ .Values.replicas }}\n  {{- with .Values.volumeClaimTemplates }}\n  volumeClaimTemplates: {{ toYaml . | nindent 4 }}\n  {{- end }}\n'],
  ['bomb.yaml', aliasBomb()],
  ['junk.yaml', binaryJunk()],
  ['huge.yaml', fiveMegabytes()],
];

for (const [pull, label] of [[true, 'pull'], [false, 'push']] as const) {
  test(`hostile documents never stop the server from answering (${label} diagnostics)`, async () => {
    const { client } = await LspClient.start({ workspaceFolders: null, capabilities: pull ? undefined : PUSH_ONLY_CAPABILITIES, timeoutMs: 60000 });
    try {
      for (const [name, text] of HOSTILE) await exercise(name, text).catch((err) => {
        throw new Error(`${name}: ${err.message}`);
      });
      async function exercise(name: string, text: string) {
        const uri = `file:///work/hostile/${name}`;
        client.open(uri, text);
        const position = { line: 3, character: 4 };
        if (pull) {
          const report = await client.pullDiagnostics(uri);
          assert.equal(report.kind, 'full', name);
        } else {
          await client.waitForDiagnostics(uri, 1);
        }
        await client.request('textDocument/completion', { textDocument: { uri }, position });
        await client.request('textDocument/hover', { textDocument: { uri }, position });
        assert.ok(Array.isArray(await client.request('textDocument/codeLens', { textDocument: { uri } })), name);
        await client.request('statefulsetLens/preview', { uri });
        client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '{{ }}: ]\n' }]);
        await client.request('textDocument/documentSymbol', { textDocument: { uri } });
        client.close(uri);
      }
      // After all that, the example still gets its lenses.
      client.open('file:///work/hostile/ok.yaml', EXAMPLE);
      const lenses = await client.request('textDocument/codeLens', { textDocument: { uri: 'file:///work/hostile/ok.yaml' } });
      assert.equal(lenses[0].command.title, 'pods: rg-0, rg-1');
      assert.equal(client.strayOutput, '');
      assert.doesNotMatch(client.stderr, /Error/);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
}
