// Settings per resource: pulled from the client with workspace/configuration (scopeUri = the document) and
// cached per URI until the client says the configuration changed. Clients that cannot be asked get the
// settings they pushed with didChangeConfiguration. Never a global: one store per server instance.
import type { Connection } from 'vscode-languageserver/node';
import { SETTINGS_SECTION, normalize, type Settings } from '../settings';

export class ConfigurationStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  private pushed: Settings = normalize(undefined);
  /** Bumped on every configuration change, so cached results that depend on settings can be told apart. */
  generation = 0;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
  ) {}

  /** The settings that apply to `uri` (or the workspace when absent). */
  get(uri?: string): Promise<Settings> {
    if (!this.canPull) return Promise.resolve(this.pushed);
    const key = uri ?? '';
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.connection.workspace
        .getConfiguration(uri ? { scopeUri: uri, section: SETTINGS_SECTION } : { section: SETTINGS_SECTION })
        .then((raw) => normalize(raw), () => this.pushed);
      this.cache.set(key, hit);
      if (this.cache.size > 500) this.cache.delete(this.cache.keys().next().value as string);
    }
    return hit;
  }

  /** didChangeConfiguration: drop what was pulled; keep what was pushed (if anything was). */
  changed(pushedSettings: unknown): void {
    this.cache.clear();
    this.generation++;
    if (pushedSettings !== null && pushedSettings !== undefined) this.pushed = normalize(pushedSettings);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
