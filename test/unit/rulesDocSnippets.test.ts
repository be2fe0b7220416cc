// Keeps the examples in docs/rules.md truthful: every rule section's Bad snippet, run through the analysis,
// reports that rule and its Good snippet does not. Snippets are fragments, so test/support/ruleSnippets.ts
// places them in a clean workspace; the sections' presence and table rows are checked in rulesHelpers.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { RULES } from '../../server/src/analysis/rules/index';
import { repoRoot } from '../support/paths';
import { snippetRuleIds, snippetWorkspaceText } from '../support/ruleSnippets';

interface SnippetPair {
  bad: string;
  good: string;
}

/** Each `## <id>` section's snippets: a `Bad:` paragraph and a `Good:` paragraph, each followed by a yaml block. */
function docSnippets(markdown: string): Map<string, SnippetPair[]> {
  const out = new Map<string, SnippetPair[]>();
  for (const section of markdown.split(/^## /m).slice(1)) {
    const id = section.slice(0, section.indexOf('\n')).trim();
    const pairs = [...section.matchAll(/^Bad:\n\n```yaml\n([\s\S]*?)^```\n\nGood:\n\n```yaml\n([\s\S]*?)^```$/gm)];
    out.set(id, pairs.map((m) => ({ bad: m[1], good: m[2] })));
  }
  return out;
}

const snippets = docSnippets(readFileSync(`${repoRoot}/docs/rules.md`, 'utf8'));

test('the workspace the snippets are placed in produces no finding of its own', () => {
  assert.deepEqual(snippetRuleIds('invalid-name', ''), []);
});

test('a snippet whose keys do not belong together in a StatefulSet is refused rather than guessed', () => {
  assert.throws(() => snippetWorkspaceText('containers: []\nvolumeClaimTemplates: []\n'), /cannot tell where the snippet keys containers, volumeClaimTemplates belong/);
  assert.throws(() => snippetWorkspaceText('replicas: [2\n'), /not valid YAML/);
});

test('every docs/rules.md section has exactly one Bad and one Good yaml snippet', () => {
  for (const r of RULES) assert.equal(snippets.get(r.id)?.length, 1, `docs/rules.md section ${r.id}: expected one Bad/Good pair`);
});

for (const r of RULES) {
  test(`the docs/rules.md Bad snippet of ${r.id} reports it and the Good snippet does not`, () => {
    const pair = snippets.get(r.id)?.[0];
    assert.ok(pair, `no Bad/Good pair in section ${r.id}`);
    const bad = snippetRuleIds(r.id, pair.bad);
    assert.ok(bad.includes(r.id), `Bad snippet of ${r.id} reports [${bad.join(', ')}]:\n${pair.bad}`);
    const good = snippetRuleIds(r.id, pair.good);
    assert.ok(!good.includes(r.id), `Good snippet of ${r.id} still reports it:\n${pair.good}`);
  });
}
