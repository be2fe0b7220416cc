// Writes the rule ids of the rule table into package.json's `statefulsetLens.rules` setting, so VS Code
// completes and documents them in settings.json. Run: node --import tsx scripts/syncRuleSettings.ts
// (test/unit/ruleSettings.test.ts fails when package.json and the table disagree).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RULES } from '../server/src/analysis/rules/index';

const file = path.resolve(__dirname, '..', 'package.json');
const manifest = JSON.parse(readFileSync(file, 'utf8'));
const setting = manifest.contributes.configuration.properties['statefulsetLens.rules'];
setting.properties = Object.fromEntries(RULES.map((r) => [r.id, { type: 'string', enum: ['off', 'hint', 'information', 'warning', 'error'], default: r.defaultSeverity, description: r.description }]));
writeFileSync(file, JSON.stringify(manifest, null, 2) + '\n');
console.error(`wrote ${RULES.length} rule ids into statefulsetLens.rules`);
