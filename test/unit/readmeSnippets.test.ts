// The editor configurations in the README must be the ones the client tests run: each code block of the
// README's "In other editors" section appears verbatim in docs/neovim.md or docs/emacs.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/paths';

const read = (p: string) => readFileSync(path.join(repoRoot, p), 'utf8');

test('every editor configuration in the README is copied from the tested docs', () => {
  const readme = read('README.md');
  const section = readme.slice(readme.indexOf('## In other editors'), readme.indexOf('\n## ', readme.indexOf('## In other editors') + 5));
  const blocks = [...section.matchAll(/```(lua|elisp)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], body: m[2].replace(/^-- Neovim: .*\n/, '') }));
  assert.deepEqual(blocks.map((b) => b.lang), ['lua', 'elisp']);
  const docs = { lua: read('docs/neovim.md'), elisp: read('docs/emacs.md') } as Record<string, string>;
  for (const b of blocks) assert.ok(docs[b.lang].includes(b.body), `README ${b.lang} block is not in the tested docs:\n${b.body}`);
});
