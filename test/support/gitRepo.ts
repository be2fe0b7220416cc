// Real git repositories in temporary folders, built with the git binary, for the apply plan's tests. The
// product never runs git (it reads repositories with isomorphic-git); the tests use it to make fixtures the
// way users make them: commits, branches, `git gc` packs, shallow clones and linked worktrees.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** git with no user or system configuration, a fixed identity and fixed dates (reproducible commit ids). */
export function git(cwd: string, ...args: string[]): string {
  const home = path.join(tmpdir(), 'sts-git-home');
  mkdirSync(home, { recursive: true });
  const r = spawnSync('git', ['-c', 'init.defaultBranch=main', '-c', 'protocol.file.allow=always', ...args], {
    cwd,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: home,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
      GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
      GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
    },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${r.stderr}`);
  return r.stdout.trim();
}

export interface TestRepo {
  dir: string;
  write(relative: string, text: string): string;
  read(relative: string): string;
  /** Stages everything and commits; returns the commit id. */
  commit(message: string): string;
  git(...args: string[]): string;
}

/** A new repository (branch main) in a fresh temporary folder. */
export function makeRepo(prefix = 'sts-repo-'): TestRepo {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  git(dir, 'init', '-q');
  return repoAt(dir);
}

export function repoAt(dir: string): TestRepo {
  return {
    dir,
    write(relative, text) {
      const file = path.join(dir, relative);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    read: (relative) => readFileSync(path.join(dir, relative), 'utf8'),
    commit(message) {
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '-m', message);
      return git(dir, 'rev-parse', 'HEAD');
    },
    git: (...args) => git(dir, ...args),
  };
}

/** Whether the git binary is there (tests that build repositories skip with one line without it). */
export const gitMissing: string | undefined = spawnSync('git', ['--version']).status === 0 ? undefined : 'skipped: the git binary is not installed (the tests build their repositories with it)';

/** The StatefulSet the plan tests commit: `web`, 3 replicas, serviceName web, claim www 1Gi. */
export function webStatefulSet(changes: { serviceName?: string; replicas?: number; storage?: string; name?: string; image?: string } = {}): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${changes.name ?? 'web'}
spec:
  serviceName: ${changes.serviceName ?? 'web'}
  replicas: ${changes.replicas ?? 3}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: ${changes.image ?? 'nginx:1.27'}
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: ${changes.storage ?? '1Gi'}
`;
}
