// Reads the apply plan's baseline from git: finds the repository of a path, resolves the revision (HEAD, a
// branch such as origin/main, a tag or a commit id), lists the *.yaml / *.yml files of its tree and reads
// their blobs, loose or packed. Uses isomorphic-git, which reads the object store itself and executes
// nothing from the repository (running the git binary could run its config, e.g. core.fsmonitor). Never
// throws: no repository, an unknown revision or a shallow clone without the commit give a one-line reason.
import * as fs from 'node:fs';
import path from 'node:path';
import type * as IsomorphicGit from 'isomorphic-git';
import type { BaselineInput } from '../analysis/index';

/**
 * isomorphic-git, loaded when a repository is first read: half a megabyte (with pako) that start-up need not
 * compile. The bundles load it from dist/isomorphicGit.js beside them (scripts/build.mjs builds it as an entry of
 * its own and rewrites this require); from source it is the package.
 */
let loadedGit: typeof IsomorphicGit | undefined;
function isomorphicGit(): typeof IsomorphicGit {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loadedGit ??= require('isomorphic-git') as typeof IsomorphicGit;
  return loadedGit;
}

/** Blobs larger than this are not read (the analysis skips files over 4 MB anyway). */
const MAX_BLOB_BYTES = 4 * 1024 * 1024;
/** Manifest files read from one tree at most: a huge monorepo gets a plan for the first ones, not a stall. */
const MAX_FILES = 20_000;
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/** Where a repository keeps its objects and refs: a linked worktree's `.git` file points to its own gitdir. */
interface GitDirs {
  /** The working tree root. */
  root: string;
  /** Refs and objects (the common dir of a linked worktree). */
  gitdir: string;
  /** HEAD of this working tree (a linked worktree has its own). */
  headDir: string;
  shallow: boolean;
}

/** What one read produced, keyed by path relative to the repository root ('/' separated). */
interface TreeFiles {
  commit: string;
  paths: string[];
  texts: Map<string, string>;
}

export interface LoadedBaseline {
  /** The repository's working-tree root, when there is one. */
  root?: string;
  input: BaselineInput;
}

/**
 * Reads baselines and caches what each commit's tree holds, so a HEAD that did not move costs one ref lookup.
 * `keyOf` turns a repository-relative path into the key the workspace uses (a file URI, a CLI path).
 */
export class GitBaselines {
  private readonly trees = new Map<string, TreeFiles>();
  private readonly inputs = new Map<string, BaselineInput>();

  async load(fromPath: string, revision: string, keyOf: (root: string, relativePath: string) => string): Promise<LoadedBaseline> {
    let dirs: GitDirs | undefined;
    try {
      dirs = await gitDirs(fromPath);
    } catch {
      dirs = undefined;
    }
    if (!dirs) return { input: { revision, reason: `No apply plan: ${fromPath} is not in a git repository.` } };
    const cache = {};
    let commit: string;
    try {
      commit = await resolveRevision(dirs, revision, cache);
    } catch {
      return { root: dirs.root, input: { revision, reason: `No apply plan: the revision ${revision} is not in the repository at ${dirs.root}.${shallowHint(dirs)}` } };
    }
    const inputKey = `${dirs.root}\u0000${revision}\u0000${commit}`;
    const known = this.inputs.get(inputKey);
    if (known) return { root: dirs.root, input: known };
    let tree = this.trees.get(`${dirs.gitdir}\u0000${commit}`);
    if (!tree) {
      try {
        tree = await readTreeFiles(dirs.gitdir, commit, cache);
      } catch {
        const named = revision === commit ? '' : ` (${revision})`;
        return { root: dirs.root, input: { revision, reason: `No apply plan: commit ${commit.slice(0, 12)}${named} is not in the repository at ${dirs.root}.${shallowHint(dirs)}` } };
      }
      this.trees.set(`${dirs.gitdir}\u0000${commit}`, tree);
    }
    const root = dirs.root;
    const input: BaselineInput = {
      revision,
      commit,
      paths: new Set(tree.paths.map((p) => keyOf(root, p))),
      texts: new Map([...tree.texts].map(([p, text]) => [keyOf(root, p), text])),
    };
    this.inputs.set(inputKey, input);
    return { root, input };
  }
}

function shallowHint(dirs: GitDirs): string {
  return dirs.shallow ? ' This is a shallow clone: fetch the revision (git fetch --deepen or git fetch origin <branch>).' : '';
}

async function gitDirs(fromPath: string): Promise<GitDirs | undefined> {
  let start = path.resolve(fromPath);
  try {
    if (!fs.statSync(start).isDirectory()) start = path.dirname(start);
  } catch {
    start = path.dirname(start);
  }
  const root = await isomorphicGit().findRoot({ fs, filepath: start });
  const dotGit = path.join(root, '.git');
  let gitdir = dotGit;
  let headDir = dotGit;
  if (fs.statSync(dotGit).isFile()) {
    // A linked worktree or submodule: `gitdir: <path>`; a worktree's gitdir names the common dir in `commondir`.
    const target = /^gitdir:\s*(.+?)\s*$/m.exec(fs.readFileSync(dotGit, 'utf8'))?.[1];
    if (!target) return undefined;
    headDir = path.resolve(root, target);
    gitdir = headDir;
    const commonFile = path.join(headDir, 'commondir');
    if (fs.existsSync(commonFile)) gitdir = path.resolve(headDir, fs.readFileSync(commonFile, 'utf8').trim());
  }
  return { root, gitdir, headDir, shallow: fs.existsSync(path.join(gitdir, 'shallow')) };
}

async function resolveRevision(dirs: GitDirs, revision: string, cache: object): Promise<string> {
  if (revision === 'HEAD' && dirs.headDir !== dirs.gitdir) {
    // A linked worktree's HEAD lives in its own gitdir; the branch it names lives in the common dir.
    const head = fs.readFileSync(path.join(dirs.headDir, 'HEAD'), 'utf8').trim();
    const ref = /^ref:\s*(.+)$/.exec(head)?.[1];
    return ref ? isomorphicGit().resolveRef({ fs, gitdir: dirs.gitdir, ref }) : head;
  }
  try {
    return await isomorphicGit().resolveRef({ fs, gitdir: dirs.gitdir, ref: revision });
  } catch (err) {
    // An abbreviated commit id.
    if (/^[0-9a-f]{4,39}$/i.test(revision)) return isomorphicGit().expandOid({ fs, gitdir: dirs.gitdir, oid: revision.toLowerCase(), cache });
    throw err;
  }
}

async function readTreeFiles(gitdir: string, commit: string, cache: object): Promise<TreeFiles> {
  const { commit: c } = await isomorphicGit().readCommit({ fs, gitdir, oid: commit, cache });
  const found: { path: string; oid: string }[] = [];
  const walk = async (treeOid: string, prefix: string, depth: number): Promise<void> => {
    if (depth > 30 || found.length >= MAX_FILES) return;
    const { tree } = await isomorphicGit().readTree({ fs, gitdir, oid: treeOid, cache });
    for (const entry of tree) {
      const p = prefix ? `${prefix}/${entry.path}` : entry.path;
      if (entry.type === 'tree') {
        if (!SKIPPED_DIRS.has(entry.path)) await walk(entry.oid, p, depth + 1);
      } else if (entry.type === 'blob' && /\.ya?ml$/i.test(entry.path) && found.length < MAX_FILES) {
        found.push({ path: p, oid: entry.oid });
      }
    }
  };
  await walk(c.tree, '', 0);
  const texts = new Map<string, string>();
  for (const f of found) {
    const { blob } = await isomorphicGit().readBlob({ fs, gitdir, oid: f.oid, cache });
    if (blob.byteLength > MAX_BLOB_BYTES) continue;
    const text = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength).toString('utf8');
    // Only StatefulSets are planned: other files need not be kept.
    if (text.includes('StatefulSet')) texts.set(f.path, text);
  }
  return { commit, paths: found.map((f) => f.path), texts };
}
