// Keeps the renders of the workspace's overlays current in the language server, in the background: after a
// change (debounced) it works out which overlays include a StatefulSet, hashes every file each one reads (from
// disk, which is what Kustomize reads), and renders again only the overlays whose hash moved, one at a time.
// Requests never wait for a render: they use the render the workspace holds. Off in untrusted workspaces, when
// the setting says `off`, and when the program is not installed (one status line says which).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { kustomizationGraph, normalizePath, type ManifestWorkspace } from '../analysis/index';
import { remoteRefusal, renderKey, renderOverlay, toRenderInput, type KustomizeCommand } from './render';

export const RENDER_DEBOUNCE_MS = 400;
/** At most this many overlays are rendered per workspace (each render starts a process). */
export const MAX_RENDERED_OVERLAYS = 50;

export type KustomizeState = 'pending' | 'on' | 'off' | 'untrusted' | 'missing';

export interface KustomizeStatus {
  state: KustomizeState;
  /** One line for the preview when overlays are not shown. */
  message?: string;
}

function toPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

export class KustomizeScheduler {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private readonly keys = new Map<string, string>();
  private _status: KustomizeStatus = { state: 'pending' };
  private disposed = false;

  constructor(
    private readonly workspace: ManifestWorkspace,
    private readonly options: { trusted: boolean; command: () => Promise<KustomizeCommand>; log: (m: string) => void; changed: () => void },
  ) {
    if (!options.trusted) this._status = { state: 'untrusted', message: 'Kustomize overlays are not rendered in an untrusted workspace: trust it to see what each overlay deploys.' };
  }

  get status(): KustomizeStatus {
    return this._status;
  }

  /** Resolves when the renders asked for so far are done (tests and the first preview use it). */
  async idle(): Promise<void> {
    while (this.timer !== undefined || this.running) {
      if (this.running) await this.running;
      else await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Something changed: render again (debounced) what needs it. */
  schedule(delay = RENDER_DEBOUNCE_MS): void {
    if (!this.options.trusted || this.disposed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.running) {
        this.again = true;
        return;
      }
      this.running = this.run().catch((err) => this.options.log(`kustomize: ${String((err as Error)?.stack ?? err)}`)).finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.schedule(0);
        }
      });
    }, delay);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }

  private async run(): Promise<void> {
    const command = await this.options.command();
    let changed = false;
    const renders = this.workspace.kustomize;
    if (command === 'off') {
      for (const dir of renders.dirs()) changed = renders.set(dir, undefined) || changed;
      this.keys.clear();
      this.setStatus({ state: 'off', message: 'Kustomize overlays are not rendered: statefulsetLens.kustomize.command is off.' });
      if (changed) this.options.changed();
      return;
    }
    const graph = kustomizationGraph(this.workspace);
    const withStatefulSets = new Set(this.workspace.resources('StatefulSet').map((r) => normalizePath(r.uri)));
    const overlays = graph
      .overlays()
      .filter((o) => graph.inputs(o.dir).files.some((f) => withStatefulSets.has(f)) || graph.inputs(o.dir).kustomizations.some((k) => withStatefulSets.has(normalizePath(k))))
      .slice(0, MAX_RENDERED_OVERLAYS);
    const wanted = new Set(overlays.map((o) => o.dir));
    for (const dir of renders.dirs()) {
      if (!wanted.has(dir)) {
        changed = renders.set(dir, undefined) || changed;
        this.keys.delete(dir);
      }
    }
    for (const overlay of overlays) {
      if (this.disposed) return;
      const dir = overlay.dir;
      const dirPath = toPath(dir);
      if (!dirPath) continue;
      const inputs = graph.inputs(dir);
      const refused = remoteRefusal(inputs);
      if (refused) {
        changed = renders.set(dir, { dir, error: refused, originRoot: dir }) || changed;
        continue;
      }
      const paths = [...inputs.kustomizations, ...inputs.files].map(toPath).filter((p): p is string => p !== undefined);
      const key = await renderKey(command, paths);
      if (this.keys.get(dir) === key && renders.get(dir)) continue;
      const outcome = await renderOverlay(dirPath, command);
      if (outcome.missing) {
        this.setStatus({ state: 'missing', message: `${outcome.error}.` });
        for (const d of renders.dirs()) changed = renders.set(d, undefined) || changed;
        this.keys.clear();
        if (changed) this.options.changed();
        return;
      }
      this.keys.set(dir, key);
      changed = renders.set(dir, toRenderInput(dir, outcome, (abs) => pathToFileURL(abs).href)) || changed;
    }
    this.setStatus({ state: 'on', message: undefined }, `kustomize: rendering ${overlays.length} overlay(s) with ${command}`);
    if (changed) this.options.changed();
  }

  private setStatus(status: KustomizeStatus, logLine = status.message): void {
    if ((status.state !== this._status.state || status.message !== this._status.message) && logLine) this.options.log(logLine);
    this._status = status;
  }
}
