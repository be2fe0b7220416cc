// package.json's `statefulsetLens.rules` setting lists every rule of the table (id, default, description), so
// settings.json completes rule ids; scripts/syncRuleSettings.ts regenerates it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RULES } from '../../server/src/analysis/rules/index';
import { repoRoot } from '../support/paths';

test('the rules setting in package.json documents exactly the rules of the rule table', () => {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const props = manifest.contributes.configuration.properties['statefulsetLens.rules'].properties as Record<string, { default: string; description: string; enum: string[] }>;
  const actual = Object.entries(props).map(([id, p]) => [id, p.default, p.description, p.enum.join(',')]);
  const expected = RULES.map((r) => [r.id, r.defaultSeverity, r.description, 'off,hint,information,warning,error']);
  assert.deepEqual(actual, expected, 'run: node --import tsx scripts/syncRuleSettings.ts');
});
