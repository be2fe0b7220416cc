import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/paths';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Module specifiers of every import, export-from, require and dynamic import in a TypeScript file. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  const re = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) specs.push(m[1] ?? m[2] ?? m[3]);
  return specs;
}

test('server/src/analysis imports nothing but itself, the yaml package and jsonc-parser', () => {
  const dir = path.join(repoRoot, 'server/src/analysis');
  const offending: string[] = [];
  for (const file of sources(dir)) {
    for (const spec of importsOf(file)) {
      const inside = spec.startsWith('.') && path.resolve(path.dirname(file), spec).startsWith(dir + path.sep);
      if (!inside && spec !== 'yaml' && spec !== 'jsonc-parser') offending.push(`${path.relative(repoRoot, file)} imports '${spec}'`);
    }
  }
  assert.deepEqual(offending, []);
});

test('the import scanner sees every form of import it is meant to police', () => {
  const tmp = path.join(repoRoot, 'test/unit/architecture.test.ts');
  const specs = importsOf(tmp);
  assert.ok(specs.includes('node:fs') && specs.includes('../support/paths'));
});
