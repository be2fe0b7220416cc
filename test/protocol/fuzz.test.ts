// Protocol-level fuzzing of the built server: damaged real manifests are opened and edited, and every feature
// (diagnostics, hover, completion, lenses, code actions, definition, references, rename, preview) is asked at seeded
// random positions. The server must answer each request without an internal error and stay alive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LspClient } from '../support/lspClient';
import { corpusDir, corpusMissing } from '../support/paths';
import { seededRandom } from '../support/seededRandom';

const JUNK = ['{{ .Values.x }}', '*a', '&a ', '---\n', ': ', '- ', '\t', '"', '[', '}', '😀', '\r\n', '<<: *a\n'];

/** The error codes a well-behaved server may answer with: request cancelled, content modified. */
const ACCEPTABLE_ERRORS = new Set([-32800, -32801]);

test('damaged manifests, edits and requests at random positions never make the server fail or exit', { skip: corpusMissing }, async () => {
  const rnd = seededRandom(4242);
  const files = readdirSync(corpusDir).filter((f) => /\.ya?ml$/.test(f)).sort().filter((_, i) => i % 3 === 0);
  const { client } = await LspClient.start({ workspaceFolders: null, timeoutMs: 20_000 });
  let requests = 0;
  try {
    for (const f of files) {
      const original = readFileSync(path.join(corpusDir, f), 'utf8');
      const uri = `file:///fuzz/${f}`;
      const cut = Math.floor(rnd() * original.length);
      const text = original.slice(0, cut) + JUNK[Math.floor(rnd() * JUNK.length)] + original.slice(cut);
      client.open(uri, text);
      const lines = text.split(/\r?\n/);
      // An incremental edit at a random place, then requests against the new version.
      const editLine = Math.floor(rnd() * lines.length);
      client.change(uri, [{ range: { start: { line: editLine, character: 0 }, end: { line: editLine, character: 0 } }, text: JUNK[Math.floor(rnd() * JUNK.length)] }]);
      for (let i = 0; i < 4; i++) {
        const line = Math.floor(rnd() * lines.length);
        const position = { line, character: Math.floor(rnd() * ((lines[line] ?? '').length + 2)) };
        const td = { textDocument: { uri } };
        const calls: [string, unknown][] = [
          ['textDocument/hover', { ...td, position }],
          ['textDocument/completion', { ...td, position }],
          ['textDocument/definition', { ...td, position }],
          ['textDocument/references', { ...td, position, context: { includeDeclaration: true } }],
          ['textDocument/codeAction', { ...td, range: { start: position, end: position }, context: { diagnostics: [] } }],
          ['textDocument/prepareRename', { ...td, position }],
          ['textDocument/rename', { ...td, position, newName: 'renamed' }],
        ];
        if (i === 0) calls.push(['textDocument/codeLens', td], ['textDocument/diagnostic', td], ['statefulsetLens/preview', { uri, position, replicas: Math.floor(rnd() * 5) }]);
        for (const [method, params] of calls) {
          const msg = await client.requestRaw(method, params).response;
          requests++;
          // A refused rename is a request failure carrying the reason (-32803), never an internal error.
          const acceptable = ACCEPTABLE_ERRORS.has(msg.error?.code ?? 0) || (method.endsWith('ename') && msg.error?.code === -32803);
          if (msg.error) assert.ok(acceptable, `${method} on ${f} at ${JSON.stringify(params)}: ${msg.error.code} ${msg.error.message}`);
        }
      }
      client.close(uri);
    }
    assert.ok(requests >= 500, `sent ${requests} requests`);
    // Still alive and answering.
    assert.ok(await client.request('textDocument/codeLens', { textDocument: { uri: 'file:///fuzz/never-opened.yaml' } }) !== undefined);
  } finally {
    await client.stop();
  }
});
