// The git baseline reader (server/src/workspace/gitBaseline.ts) against real repositories built with the git
// binary: HEAD, branches, remote branches of a clone, abbreviated ids, packed objects after `git gc`, a shallow
// clone, a linked worktree, no repository; the cache by commit; and that nothing of the repository runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace, planFile, type BaselineFiles, type BaselineInput } from '../../server/src/analysis/index';
import { GitBaselines } from '../../server/src/workspace/gitBaseline';
import { git, gitMissing, makeRepo, repoAt, webStatefulSet } from '../support/gitRepo';

const byPath = (root: string, relative: string) => `${root}/${relative}`;

function files(input: BaselineInput): BaselineFiles {
  assert.ok('commit' in input, `no baseline: ${'reason' in input ? input.reason : ''}`);
  return input;
}

test('HEAD: the commit, every YAML path of the tree and the texts of the files that mention StatefulSet', { skip: gitMissing }, async () => {
  const repo = makeRepo();
  repo.write('k8s/web.yaml', webStatefulSet());
  repo.write('k8s/svc.yml', 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\n');
  repo.write('README.md', 'StatefulSet notes\n');
  repo.write('node_modules/x/sts.yaml', webStatefulSet());
  const head = repo.commit('one');
  repo.write('k8s/web.yaml', webStatefulSet({ replicas: 5 }));
  const loaded = await new GitBaselines().load(path.join(repo.dir, 'k8s'), 'HEAD', byPath);
  assert.equal(loaded.root, repo.dir);
  const f = files(loaded.input);
  assert.equal(f.commit, head);
  assert.equal(f.revision, 'HEAD');
  assert.deepEqual([...f.paths].sort(), [`${repo.dir}/k8s/svc.yml`, `${repo.dir}/k8s/web.yaml`]);
  assert.deepEqual([...f.texts.keys()], [`${repo.dir}/k8s/web.yaml`]);
  assert.equal(f.texts.get(`${repo.dir}/k8s/web.yaml`), webStatefulSet());
});

test('a branch, a remote branch of a clone and an abbreviated commit id resolve to their commits', { skip: gitMissing }, async () => {
  const repo = makeRepo();
  repo.write('web.yaml', webStatefulSet());
  const first = repo.commit('one');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('web.yaml', webStatefulSet({ serviceName: 'db' }));
  const feature = repo.commit('two');
  const g = new GitBaselines();
  assert.equal(files((await g.load(repo.dir, 'main', byPath)).input).commit, first);
  assert.equal(files((await g.load(repo.dir, 'HEAD', byPath)).input).commit, feature);
  assert.equal(files((await g.load(repo.dir, first.slice(0, 8), byPath)).input).commit, first);
  const cloneDir = mkdtempSync(path.join(tmpdir(), 'sts-clone-'));
  git(cloneDir, 'clone', '-q', `file://${repo.dir}`, 'c');
  const clone = path.join(cloneDir, 'c');
  const remote = files((await g.load(clone, 'origin/main', byPath)).input);
  assert.equal(remote.commit, first);
  assert.equal(remote.texts.get(`${clone}/web.yaml`), webStatefulSet());
});

test('an unknown revision and a folder outside any repository give one line why, never an error', { skip: gitMissing }, async () => {
  const repo = makeRepo();
  repo.write('web.yaml', webStatefulSet());
  repo.commit('one');
  const g = new GitBaselines();
  assert.deepEqual((await g.load(repo.dir, 'origin/main', byPath)).input, {
    revision: 'origin/main',
    reason: `No apply plan: the revision origin/main is not in the repository at ${repo.dir}.`,
  });
  const plain = mkdtempSync(path.join(tmpdir(), 'sts-norepo-'));
  const none = await g.load(plain, 'HEAD', byPath);
  assert.equal(none.root, undefined);
  assert.deepEqual(none.input, { revision: 'HEAD', reason: `No apply plan: ${plain} is not in a git repository.` });
  const empty = makeRepo();
  const unborn = (await g.load(empty.dir, 'HEAD', byPath)).input;
  assert.match('reason' in unborn ? unborn.reason : '', /^No apply plan: the revision HEAD is not in the repository at /);
});

test('a packed repository (git gc) is read from its packfile', { skip: gitMissing }, async () => {
  const repo = makeRepo();
  for (let i = 0; i < 3; i++) {
    repo.write('web.yaml', webStatefulSet({ replicas: i + 1 }));
    repo.commit(`c${i}`);
  }
  repo.git('gc', '-q', '--aggressive', '--prune=now');
  const objects = readdirSync(path.join(repo.dir, '.git/objects')).filter((d) => /^[0-9a-f]{2}$/.test(d));
  assert.deepEqual(objects, [], 'git gc left loose objects');
  assert.ok(readdirSync(path.join(repo.dir, '.git/objects/pack')).some((f) => f.endsWith('.pack')));
  const f = files((await new GitBaselines().load(repo.dir, 'HEAD', byPath)).input);
  assert.equal(f.texts.get(`${repo.dir}/web.yaml`), webStatefulSet({ replicas: 3 }));
  const older = files((await new GitBaselines().load(repo.dir, 'HEAD', byPath)).input);
  assert.equal(older.commit, repo.git('rev-parse', 'HEAD'));
});

test('a shallow clone has HEAD but not the older commits or other branches: no plan, and it says it is shallow', { skip: gitMissing }, async () => {
  const repo = makeRepo();
  repo.write('web.yaml', webStatefulSet());
  const first = repo.commit('one');
  repo.write('web.yaml', webStatefulSet({ replicas: 4 }));
  repo.commit('two');
  repo.git('branch', 'release', first);
  const cloneDir = mkdtempSync(path.join(tmpdir(), 'sts-shallow-'));
  git(cloneDir, 'clone', '-q', '--depth', '1', `file://${repo.dir}`, 's');
  const clone = path.join(cloneDir, 's');
  assert.ok(existsSync(path.join(clone, '.git/shallow')));
  const g = new GitBaselines();
  assert.equal(files((await g.load(clone, 'HEAD', byPath)).input).texts.get(`${clone}/web.yaml`), webStatefulSet({ replicas: 4 }));
  assert.deepEqual((await g.load(clone, first, byPath)).input, {
    revision: first,
    reason: `No apply plan: commit ${first.slice(0, 12)} is not in the repository at ${clone}. This is a shallow clone: fetch the revision (git fetch --deepen or git fetch origin <branch>).`,
  });
  assert.deepEqual((await g.load(clone, 'origin/release', byPath)).input, {
    revision: 'origin/release',
    reason: `No apply plan: the revision origin/release is not in the repository at ${clone}. This is a shallow clone: fetch the revision (git fetch --deepen or git fetch origin <branch>).`,
  });
});

test('a linked worktree reads its own HEAD from the shared object store', { skip: gitMissing }, async () => {
  const repo = makeRepo();
  repo.write('web.yaml', webStatefulSet());
  repo.commit('one');
  repo.git('branch', 'other');
  const wtDir = path.join(mkdtempSync(path.join(tmpdir(), 'sts-wt-')), 'w');
  repo.git('worktree', 'add', '-q', wtDir, 'other');
  const wt = repoAt(wtDir);
  wt.write('web.yaml', webStatefulSet({ replicas: 7 }));
  const other = wt.commit('on other');
  const loaded = await new GitBaselines().load(wtDir, 'HEAD', byPath);
  assert.equal(loaded.root, wtDir);
  assert.equal(files(loaded.input).commit, other);
  assert.equal(files(loaded.input).texts.get(`${wtDir}/web.yaml`), webStatefulSet({ replicas: 7 }));
});

test('a HEAD that did not move gives the very same input (the cache is by commit); a new commit a new one', { skip: gitMissing }, async () => {
  const repo = makeRepo();
  repo.write('web.yaml', webStatefulSet());
  repo.commit('one');
  const g = new GitBaselines();
  const a = await g.load(repo.dir, 'HEAD', byPath);
  const b = await g.load(path.join(repo.dir, 'web.yaml'), 'HEAD', byPath);
  assert.equal(a.input, b.input);
  repo.write('web.yaml', webStatefulSet({ replicas: 2 }));
  repo.commit('two');
  const c = await g.load(repo.dir, 'HEAD', byPath);
  assert.notEqual(c.input, a.input);
  assert.equal(files(c.input).texts.get(`${repo.dir}/web.yaml`), webStatefulSet({ replicas: 2 }));
});

test('reading a repository runs nothing from it: a core.fsmonitor hook is never executed', { skip: gitMissing }, async () => {
  const repo = makeRepo();
  repo.write('web.yaml', webStatefulSet());
  repo.commit('one');
  const marker = path.join(repo.dir, 'fsmonitor-ran');
  repo.git('config', 'core.fsmonitor', `touch ${marker}; false`);
  const f = files((await new GitBaselines().load(repo.dir, 'HEAD', byPath)).input);
  assert.equal(f.texts.size, 1);
  assert.equal(existsSync(marker), false);
});

test('the plan of a working-tree edit against the committed file, through the baseline the reader produces', { skip: gitMissing }, async () => {
  const repo = makeRepo();
  repo.write('a/web.yaml', webStatefulSet());
  repo.commit('one');
  const file = repo.write('a/web.yaml', webStatefulSet({ serviceName: 'web-headless', replicas: 5 }));
  const ws = new ManifestWorkspace();
  ws.setFile(file, repo.read('a/web.yaml'));
  const loaded = await new GitBaselines().load(repo.dir, 'HEAD', byPath);
  ws.setBaseline(`${loaded.root}/`, loaded.input);
  const plan = planFile(ws, file, DEFAULT_ANALYSIS_SETTINGS);
  assert.deepEqual(plan.findings.map((f) => `${f.severity} ${f.ruleId}`), ['error immutable-field-changed', 'information apply-plan']);
  assert.equal(plan.statefulSets[0].lens, 'apply: refused — serviceName changed');
});
