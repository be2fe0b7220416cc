// Data-driven rule tests: every YAML fixture under test/rules/fixtures is a workspace whose expected findings
// are written inside it (see test/support/fixtureFindings.ts). Also checks that every rule of the table has
// at least one bad fixture (reporting it) and one good fixture (not reporting it while watching for it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { RULES } from '../../server/src/analysis/rules/index';
import { checkFixtureFindings, parseFixture } from '../support/fixtureFindings';
import { repoRoot } from '../support/paths';

const fixturesDir = path.join(repoRoot, 'test/rules/fixtures');

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = path.join(dir, name);
      return statSync(p).isDirectory() ? fixtureFiles(p) : name.endsWith('.yaml') ? [p] : [];
    });
}

for (const file of fixtureFiles(fixturesDir)) {
  const name = path.relative(fixturesDir, file);
  test(`fixture ${name} produces exactly the findings written in it`, () => {
    checkFixtureFindings(file);
  });
}

for (const rule of RULES) {
  test(`rule ${rule.id} has a bad fixture that reports it and a good fixture that does not`, () => {
    const dir = path.join(fixturesDir, rule.id);
    assert.ok(existsSync(dir), `missing folder test/rules/fixtures/${rule.id}`);
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    const bad = files.filter((f) => f.startsWith('bad'));
    const good = files.filter((f) => f.startsWith('good'));
    assert.ok(bad.length > 0 && good.length > 0, `${rule.id} needs bad*.yaml and good*.yaml`);
    for (const f of bad) assert.match(readFileSync(path.join(dir, f), 'utf8'), new RegExp(`\\[${rule.id}\\]`), `${f} does not expect ${rule.id}`);
    for (const f of good) {
      const source = readFileSync(path.join(dir, f), 'utf8');
      const fixture = parseFixture(source);
      assert.ok(!fixture.only || fixture.only.includes(rule.id), `${f} filters out ${rule.id}, so it cannot show its absence`);
      assert.doesNotMatch(source, new RegExp(`\\[${rule.id}\\]`), `${f} expects ${rule.id}`);
    }
  });
}
