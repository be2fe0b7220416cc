// Keeps the workspace's git baselines current for the language server: for each workspace folder, the
// revision of its `statefulsetLens.baseline` setting read from the folder's repository (gitBaseline.ts),
// handed to the pure workspace as an input keyed by the repository root's URI. Runs after start-up, on
// settings and folder changes and when files under .git change. Reading happens in the background, so requests
// are never held up by a large repository: the new baseline is applied through `apply` (the server's
// changeWorkspace) when it is read, and the server then asks clients to refresh diagnostics and lenses.
import { pathToFileURL } from 'node:url';
import type { BaselineInput } from '../analysis/index';
import type { Settings } from '../settings';
import { GitBaselines } from './gitBaseline';
import { uriToPath, type WorkspaceFiles } from './workspaceFiles';

export class BaselineSync {
  private readonly git = new GitBaselines();
  /** The roots set per folder, so a folder removed or turned off takes its baseline with it. */
  private readonly rootsByFolder = new Map<string, string>();
  private running: Promise<void> = Promise.resolve();
  /** Folders read last time that were in no git repository: a `git init` there shows only as new files. */
  private readonly outsideRepository = new Set<string>();

  constructor(
    private readonly files: WorkspaceFiles,
    private readonly settingsOf: (uri: string) => Promise<Settings>,
    private readonly log: (message: string) => void,
    /** Runs a change of the workspace (the server's changeWorkspace, which refreshes clients when it matters). */
    private readonly apply: (change: () => void) => Promise<void>,
  ) {}

  /**
   * Whether a folder was in no repository when last read. Events under `.git/` may not reach the server (an
   * editor's watcher can leave them out), so the server reads again on any file event while this holds.
   */
  get anyOutsideRepository(): boolean {
    return this.outsideRepository.size > 0;
  }

  /** Re-reads the baseline of every folder; serialised, so a later call's result always wins. */
  refresh(folderUris: readonly string[]): Promise<void> {
    this.running = this.running.then(() => this.run([...folderUris])).catch((err) => this.log(`git baseline: ${String(err)}`));
    return this.running;
  }

  private async run(folderUris: string[]): Promise<void> {
    const updates: [root: string, input: BaselineInput | undefined][] = [];
    for (const [folder, root] of [...this.rootsByFolder]) {
      if (!folderUris.includes(folder)) {
        updates.push([root, undefined]);
        this.rootsByFolder.delete(folder);
        this.outsideRepository.delete(folder);
      }
    }
    for (const folder of folderUris) {
      const dir = uriToPath(folder);
      const { baseline: revision } = await this.settingsOf(folder);
      const previous = this.rootsByFolder.get(folder);
      if (!dir || revision === 'off') {
        if (previous !== undefined) updates.push([previous, undefined]);
        this.rootsByFolder.delete(folder);
        this.outsideRepository.delete(folder);
        continue;
      }
      const loaded = await this.git.load(dir, revision, (root, relative) => pathToFileURL(`${root}/${relative}`).href);
      // Files are keyed by URI; the root covers the repository (or, without one, the folder).
      const root = `${loaded.root ? pathToFileURL(loaded.root).href : folder.replace(/\/$/, '')}/`;
      if (previous !== undefined && previous !== root) updates.push([previous, undefined]);
      this.rootsByFolder.set(folder, root);
      if (loaded.root) this.outsideRepository.delete(folder);
      else this.outsideRepository.add(folder);
      updates.push([root, loaded.input]);
    }
    const ws = this.files.workspace;
    await this.apply(() => {
      for (const [root, input] of updates) ws.setBaseline(root, input);
    });
  }
}
