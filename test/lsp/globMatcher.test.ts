// The `exclude` setting's glob patterns, matched as VS Code's files.exclude users expect (picomatch underneath):
// each case lists the workspace-relative paths a pattern list excludes out of a fixed set of paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globMatcher } from '../../server/src/workspace/globMatcher';

const PATHS = [
  'sts.yaml',
  'svc.yml',
  'notes.tmp',
  '.hidden.yaml',
  '.config/app.yaml',
  'charts/db/templates/sts.yaml',
  'charts/keep/sts.yaml',
  'deploy/charts/sts.yaml',
  'deploy/prod/sts.yaml',
  'deploy/prod2/sts.yaml',
  'deploy/stage/svc.yaml',
  'vendor/a/b.yaml',
];

function excludedBy(patterns: string[]): string[] {
  const excluded = globMatcher(patterns);
  return PATHS.filter((p) => excluded(p));
}

test('a pattern without a slash matches a file or folder name at any depth, and a folder covers its contents', () => {
  assert.deepEqual(excludedBy(['charts']), ['charts/db/templates/sts.yaml', 'charts/keep/sts.yaml', 'deploy/charts/sts.yaml']);
  assert.deepEqual(excludedBy(['*.tmp']), ['notes.tmp']);
});

test('a leading slash anchors at the folder; a pattern with a slash is matched from the folder', () => {
  assert.deepEqual(excludedBy(['/charts']), ['charts/db/templates/sts.yaml', 'charts/keep/sts.yaml']);
  assert.deepEqual(excludedBy(['vendor/**']), ['vendor/a/b.yaml']);
  assert.deepEqual(excludedBy(['deploy/*/svc.yaml']), ['deploy/stage/svc.yaml']);
  assert.deepEqual(excludedBy(['deploy/']), ['deploy/charts/sts.yaml', 'deploy/prod/sts.yaml', 'deploy/prod2/sts.yaml', 'deploy/stage/svc.yaml']);
});

test('star, double star and names match dot files and dot folders', () => {
  assert.deepEqual(excludedBy(['*.yaml']).filter((p) => p.includes('.h') || p.includes('.c')), ['.hidden.yaml', '.config/app.yaml']);
  assert.deepEqual(excludedBy(['**/.config/**']), ['.config/app.yaml']);
  assert.deepEqual(excludedBy(['.*']), ['.hidden.yaml', '.config/app.yaml']);
});

test('character classes, negated classes and braces select what they name', () => {
  assert.deepEqual(excludedBy(['deploy/prod[0-9]']), ['deploy/prod2/sts.yaml']);
  assert.deepEqual(excludedBy(['deploy/[!p]*/**']), ['deploy/charts/sts.yaml', 'deploy/stage/svc.yaml']);
  assert.deepEqual(excludedBy(['*.{tmp,yml}']), ['svc.yml', 'notes.tmp']);
});

test('a ! pattern takes back what an earlier pattern excluded; the last matching pattern decides', () => {
  assert.deepEqual(excludedBy(['charts', '!charts/keep/**']), ['charts/db/templates/sts.yaml', 'deploy/charts/sts.yaml']);
  assert.deepEqual(excludedBy(['!charts/keep/**', 'charts']), ['charts/db/templates/sts.yaml', 'charts/keep/sts.yaml', 'deploy/charts/sts.yaml']);
  assert.deepEqual(excludedBy(['!sts.yaml']), []);
});

test('folders are skipped whole only when no ! pattern could take a file under them back', () => {
  assert.equal(globMatcher(['charts']).skipsFolder('charts'), true);
  assert.equal(globMatcher(['charts']).skipsFolder('deploy'), false);
  assert.equal(globMatcher(['charts', '!charts/keep/**']).skipsFolder('charts'), false);
});

test('blank patterns, backslashes and trailing slashes are tolerated', () => {
  assert.deepEqual(excludedBy(['', '  ']), []);
  assert.deepEqual(excludedBy(['vendor\\a']), ['vendor/a/b.yaml']);
  assert.deepEqual(excludedBy(['vendor/']), ['vendor/a/b.yaml']);
});
