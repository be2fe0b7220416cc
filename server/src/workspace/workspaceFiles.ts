// The manifest files the server knows: open documents (their editor text wins) and files on disk found by the
// workspace scan or reported by watched-file events. Feeds the pure ManifestWorkspace; setFile there skips
// unchanged texts, so nothing is re-parsed without a change. A disk file that cannot matter to a StatefulSet
// (no relevant `kind:`) is counted but neither parsed nor kept until it is opened. Disk reads live here, nothing
// else does IO. A large text (an open document's, or one read from disk that may matter) that needs a whole-file
// parse is parsed by the ParsePool (in slices, or by its worker thread); the workspace keeps the previous parse
// until the result for the current text arrives (a result for a text that was replaced meanwhile is dropped),
// and `whenParsed` lets a request on an open document wait for it.
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ManifestWorkspace } from '../analysis/index';
import { globMatcher } from './globMatcher';
import { ParsePool } from './parsePool';

/** Files larger than this are not read from disk by the scan (the analysis skips them anyway). */
const MAX_SCANNED_BYTES = 4 * 1024 * 1024;
const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

/**
 * A cheap look at a file's text: may it hold a resource that StatefulSets, other files' checks or navigation
 * read (a StatefulSet, Service, PVC, StorageClass, PDB, Kustomization or a List of them)? False means it need not
 * be parsed until opened. Over-inclusive on purpose (`kind: Service` in an ownerReference passes too).
 */
export function mayMatter(uri: string, text: string): boolean {
  return KUSTOMIZATION_PATH.test(uri) || RELEVANT_KIND.test(text);
}

const RELEVANT_KIND = /\bkind["']?[ \t]*:[ \t]*["']?(StatefulSet|Service|PersistentVolumeClaim|StorageClass|PodDisruptionBudget|Kustomization|[A-Za-z]*List)\b/;
const KUSTOMIZATION_PATH = /(^|[\\/])kustomization\.ya?ml$/i;

/**
 * Texts at least this long (UTF-16 units) that need a whole-file parse go through the ParsePool (in slices, or by
 * its worker): from here the `yaml` parse takes over ~100 ms, longer than a request should wait behind it.
 */
export const PARSE_IN_POOL_FROM = 256 * 1024;

interface PendingParse {
  text: string;
  done: Promise<void>;
}

export function isManifestPath(p: string): boolean {
  return /\.ya?ml$/i.test(p);
}

export function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

export class WorkspaceFiles {
  readonly workspace = new ManifestWorkspace();
  private readonly open = new Set<string>();
  /** Disk texts by uri; `null` for a file counted but not kept, since nothing in it can matter to other files. */
  private readonly onDisk = new Map<string, string | null>();
  /** The parse of an open document's newest text being made by the pool. */
  private readonly pending = new Map<string, PendingParse>();
  private pool: ParsePool | undefined;

  /**
   * `parsedInBackground(uri, crossFileChanged)` is called when the pool's parse of an open document entered the
   * workspace (and whether that moved the cross-file revision); `pool` makes the pool when first needed (tests
   * give one with another worker file).
   */
  constructor(
    private readonly options: {
      log?: (message: string) => void;
      parsedInBackground?: (uri: string, crossFileChanged: boolean) => void;
      pool?: () => ParsePool;
      parseInPoolFrom?: number;
    } = {},
  ) {}

  /**
   * Puts an open document's text in the workspace; true when it changed the analysis input now. A large text
   * that needs a whole-file parse goes through the ParsePool instead (false then: see `whenParsed`).
   */
  setOpen(uri: string, text: string): boolean {
    this.open.add(uri);
    if (!this.isLarge(text)) {
      this.dropPending(uri);
      return this.workspace.setFile(uri, text);
    }
    if (this.pending.get(uri)?.text === text) return false;
    this.dropPending(uri);
    if (this.workspace.getFile(uri)?.text === text) return false;
    // An edit inside one YAML document costs that document: parsed at once.
    if (this.workspace.setFileIfIncremental(uri, text)) return true;
    const namespace = this.workspace.parseNamespace;
    const job: PendingParse = {
      text,
      done: this.parsePool().parse(uri, text, namespace).then((result) => {
        // A newer text (or a close) replaced this one: its result is never used.
        if (this.pending.get(uri) !== job || !result) return;
        this.pending.delete(uri);
        const before = this.workspace.crossFileRevision;
        if (this.workspace.setParsed(uri, text, result, namespace)) this.options.parsedInBackground?.(uri, this.workspace.crossFileRevision !== before);
      }).catch((err) => {
        if (this.pending.get(uri) === job) this.pending.delete(uri);
        this.options.log?.(`parsing ${uri} failed: ${String((err as Error)?.stack ?? err)}`);
      }),
    };
    this.pending.set(uri, job);
    return false;
  }

  /** True while the pool parses a large text (open or from disk). */
  get parsing(): boolean {
    return this.pool?.busy ?? false;
  }

  /** Resolves once the workspace holds the parse of the newest text given for `uri` (at once when it does). */
  async whenParsed(uri: string): Promise<void> {
    for (let job = this.pending.get(uri); job; job = this.pending.get(uri)) await job.done;
  }

  /** Stops the parse worker, if it runs. */
  dispose(): void {
    this.pool?.dispose();
  }

  /** Whether a text goes through the pool when it needs a whole-file parse. */
  private isLarge(text: string): boolean {
    return text.length >= (this.options.parseInPoolFrom ?? PARSE_IN_POOL_FROM);
  }

  private parsePool(): ParsePool {
    this.pool ??= this.options.pool?.() ?? new ParsePool(this.options.log ?? (() => undefined));
    return this.pool;
  }

  /** The parse of an older text is no longer wanted (the pool stops it at its next slice). */
  private dropPending(uri: string): void {
    if (this.pending.delete(uri)) this.pool?.cancel(uri);
  }

  /** A document closed: its disk text (if the scan knows it) takes over, otherwise it leaves the workspace. */
  close(uri: string): boolean {
    this.open.delete(uri);
    this.dropPending(uri);
    const disk = this.onDisk.get(uri);
    if (disk === undefined) return this.workspace.removeFile(uri);
    return disk === null ? this.workspace.setUnparsed(uri) : this.applyDisk(uri, disk);
  }

  /** Whether the file is known on disk (found by the scan or a watched-file event, and not excluded). */
  hasDisk(uri: string): boolean {
    return this.onDisk.has(uri);
  }

  isOpen(uri: string): boolean {
    return this.open.has(uri);
  }

  /** A file's disk text (scan or watcher); ignored by the analysis while the document is open. */
  setDisk(uri: string, text: string): boolean {
    if (this.open.has(uri)) {
      this.onDisk.set(uri, text);
      return false;
    }
    return this.applyDisk(uri, text);
  }

  /**
   * An unopened file's text: parsed only when it may matter, and its tree kept only when it holds a resource
   * other files or navigation read (the index needs those, not every tree on disk).
   */
  private applyDisk(uri: string, text: string): boolean {
    if (!mayMatter(uri, text)) {
      this.onDisk.set(uri, null);
      return this.workspace.setUnparsed(uri);
    }
    this.onDisk.set(uri, text);
    const changed = this.workspace.setFile(uri, text);
    this.keepIfItMatters(uri);
    return changed;
  }

  /** A disk file whose parse holds nothing other files or navigation read is counted, not kept. */
  private keepIfItMatters(uri: string): void {
    const file = this.workspace.getFile(uri);
    if (file && !KUSTOMIZATION_PATH.test(uri) && !file.resources.some((r) => r.recognized !== 'other' || r.kind === 'Kustomization')) {
      this.onDisk.set(uri, null);
      this.workspace.setUnparsed(uri);
    }
  }

  /**
   * `applyDisk` for a large text that may matter: parsed by the pool (in slices, or by its worker) rather than at
   * once, so that a scan or a checkout that reads a 3 MB rendered manifest does not hold up requests. Dropped
   * when the document was opened, or its disk text changed, before the parse ended.
   */
  private async applyLargeDisk(uri: string, text: string): Promise<boolean> {
    this.onDisk.set(uri, text);
    if (this.workspace.getFile(uri)?.text === text) return false;
    if (this.workspace.setFileIfIncremental(uri, text)) {
      this.keepIfItMatters(uri);
      return true;
    }
    const namespace = this.workspace.parseNamespace;
    const result = await this.parsePool().parse(uri, text, namespace);
    if (!result || this.open.has(uri) || this.onDisk.get(uri) !== text) return false;
    const changed = this.workspace.setParsed(uri, text, result, namespace);
    this.keepIfItMatters(uri);
    return changed;
  }

  deleteDisk(uri: string): boolean {
    this.onDisk.delete(uri);
    return this.open.has(uri) ? false : this.workspace.removeFile(uri);
  }

  /** Drops every disk file under `folder` (before a rescan with other excludes). */
  forgetFolder(folderUri: string): void {
    const prefix = folderUri.endsWith('/') ? folderUri : `${folderUri}/`;
    for (const uri of [...this.onDisk.keys()]) if (uri.startsWith(prefix)) this.deleteDisk(uri);
  }

  /**
   * Reads a file reported by the watcher; false when it is gone, too large or not readable. `beforeApply`
   * is awaited between the read and the parse (the scan lets open documents go first there).
   */
  async readDisk(uri: string, beforeApply?: () => Promise<void>): Promise<boolean> {
    const file = uriToPath(uri);
    if (!file) return false;
    try {
      const s = await stat(file);
      if (!s.isFile() || s.size > MAX_SCANNED_BYTES) return this.deleteDisk(uri);
      const text = await readFile(file, 'utf8');
      await beforeApply?.();
      if (!this.open.has(uri) && this.isLarge(text) && mayMatter(uri, text)) return await this.applyLargeDisk(uri, text);
      return this.setDisk(uri, text);
    } catch {
      return this.deleteDisk(uri);
    }
  }

  /**
   * Finds every *.yaml / *.yml under `folderUri` (skipping node_modules, .git and `exclude`) and reads it.
   * Calls `progress` with the count so far; stops early when `cancelled()` turns true. Yields between files
   * so requests are answered during a long scan, and awaits `beforeApply` before parsing each file.
   */
  async scanFolder(folderUri: string, exclude: readonly string[], progress: (done: number, total: number) => void, cancelled: () => boolean, beforeApply?: () => Promise<void>): Promise<number> {
    const root = uriToPath(folderUri);
    if (!root) return 0;
    const excluded = globMatcher(exclude);
    const found: string[] = [];
    const walk = async (dir: string, depth: number): Promise<void> => {
      if (depth > 30 || cancelled()) return;
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const full = path.join(dir, e.name);
        const rel = path.relative(root, full).split(path.sep).join('/');
        if (ALWAYS_SKIPPED.has(e.name) || (e.isDirectory() ? excluded.skipsFolder(rel) : excluded(rel))) continue;
        if (e.isDirectory()) await walk(full, depth + 1);
        else if (e.isFile() && isManifestPath(e.name)) found.push(full);
      }
    };
    await walk(root, 0);
    let done = 0;
    for (const file of found) {
      if (cancelled()) break;
      const uri = pathToFileURL(file).href;
      await this.readDisk(uri, beforeApply);
      progress(++done, found.length);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return done;
  }

  /** Whether a workspace-relative path is excluded (for watcher events). */
  static excluded(folderUri: string, uri: string, exclude: readonly string[]): boolean {
    const prefix = folderUri.endsWith('/') ? folderUri : `${folderUri}/`;
    if (!uri.startsWith(prefix)) return false;
    const rel = decodeURIComponent(uri.slice(prefix.length));
    return rel.split('/').some((seg) => ALWAYS_SKIPPED.has(seg)) || globMatcher(exclude)(rel);
  }
}
