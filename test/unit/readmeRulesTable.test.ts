// Keeps the README's rule table (between <!-- rules-table:start --> and <!-- rules-table:end -->) in step
// with the rule table: one row per rule in order, its default severity, a link to its docs/rules.md
// section, and Bad / Good snippets that are true (the Bad one reports the rule, the Good one does not).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { RULES } from '../../server/src/analysis/rules/index';
import { repoRoot } from '../support/paths';
import { snippetRuleIds } from '../support/ruleSnippets';

const START = '<!-- rules-table:start -->';
const END = '<!-- rules-table:end -->';

/** The table lines between the markers, or a reason why there are none. */
function rulesSection(readme: string): string[] | string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < 0 || end < start) return `README.md has no ${START} … ${END} section`;
  return readme
    .slice(start + START.length, end)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('|'));
}

/** A table row's cells, split on pipes that are not escaped; `\|` inside a cell stands for `|`. */
function cells(row: string): string[] {
  const parts = row.replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/);
  return parts.map((c) => c.trim().replace(/\\\|/g, '|'));
}

/** The YAML of a cell that is exactly one inline code span; undefined otherwise. */
function inlineCode(cell: string): string | undefined {
  const m = /^`([^`]+)`$/.exec(cell);
  return m && m[1].trim() !== '' ? m[1] : undefined;
}

const section = rulesSection(readFileSync(`${repoRoot}/README.md`, 'utf8'));
const rows = typeof section === 'string' ? [] : section.slice(2).map(cells);

test('the README rule table has the columns Rule, Severity, What it catches, Bad and Good', () => {
  assert.ok(typeof section !== 'string', section as string);
  assert.deepEqual(cells(section[0]), ['Rule', 'Severity', 'What it catches', 'Bad', 'Good']);
  assert.match(section[1], /^\|(\s*:?-+:?\s*\|){5}$/);
});

test('the README rule table has one row per rule, in rule table order, with its default severity and docs link', () => {
  assert.ok(typeof section !== 'string', section as string);
  assert.deepEqual(
    rows.map((r) => r[0]),
    RULES.map((r) => `[\`${r.id}\`](docs/rules.md#${r.id})`),
  );
  for (const [i, r] of RULES.entries()) {
    assert.equal(rows[i].length, 5, `row ${r.id} has ${rows[i].length} cells (an unescaped | in a cell?)`);
    assert.equal(rows[i][1], r.defaultSeverity, `severity of ${r.id}`);
    assert.ok(rows[i][2].length > 0, `row ${r.id} says nothing in What it catches`);
    assert.ok(inlineCode(rows[i][3]) !== undefined, `Bad cell of ${r.id} is not one non-empty inline code span: ${rows[i][3]}`);
    assert.ok(inlineCode(rows[i][4]) !== undefined, `Good cell of ${r.id} is not one non-empty inline code span: ${rows[i][4]}`);
  }
});

for (const r of RULES) {
  test(`the README Bad snippet of ${r.id} reports it and the Good snippet does not`, () => {
    const row = rows.find((c) => c[0] === `[\`${r.id}\`](docs/rules.md#${r.id})`);
    assert.ok(row, `no README row for ${r.id}`);
    const bad = inlineCode(row[3] ?? '');
    const good = inlineCode(row[4] ?? '');
    assert.ok(bad !== undefined && good !== undefined, `row ${r.id} lacks a Bad or Good snippet`);
    const badIds = snippetRuleIds(r.id, bad);
    assert.ok(badIds.includes(r.id), `README Bad snippet of ${r.id} reports [${badIds.join(', ')}]: ${bad}`);
    assert.ok(!snippetRuleIds(r.id, good).includes(r.id), `README Good snippet of ${r.id} still reports it: ${good}`);
  });
}
