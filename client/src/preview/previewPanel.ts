// The preview panel's lifecycle: one webview beside the editor that shows the server's PreviewModel for a
// StatefulSet, follows the active editor and document edits, answers the what-if control, reveals source
// ranges, and comes back after a window reload. What the panel shows is decided by the server and laid out by
// renderPreviewHtml; nothing here knows Kubernetes.
import * as vscode from 'vscode';
import type { PreviewModel, PreviewParams, PreviewPosition, StatefulSetSummary } from '../../../server/src/protocol';
import { makeNonce } from './nonce';
import { MAX_REPLICAS, renderPreviewBody, renderPreviewHtml, showBidiControls } from './renderPreviewHtml';

export const PREVIEW_VIEW_TYPE = 'statefulsetLens.preview';

/** What the panel needs from the language server. */
export interface PreviewSource {
  preview(params: PreviewParams): Promise<PreviewModel | null>;
  listStatefulSets(uri: string): Promise<StatefulSetSummary[]>;
}

/** Which StatefulSet the panel shows: a name when the user picked one, else the one at a position (or the first). */
export interface PreviewTarget {
  uri: string;
  name?: string;
  position?: PreviewPosition;
  /** A Kustomize overlay's folder URI: show the StatefulSet as that overlay deploys it. */
  overlay?: string;
}

/** Saved by the webview (vscode.setState) and handed back by the serializer after a reload. */
interface PanelState {
  target?: PreviewTarget;
}

const EDIT_DEBOUNCE_MS = 250;

export function isYamlDocument(document: vscode.TextDocument): boolean {
  return document.languageId === 'yaml' && (document.uri.scheme === 'file' || document.uri.scheme === 'untitled');
}

/** The column to the right of `column` (a new group when it is the last), or Beside the active editor. */
function besideOf(column: vscode.ViewColumn | undefined): vscode.ViewColumn {
  return column === undefined || column < 1 ? vscode.ViewColumn.Beside : ((column + 1) as vscode.ViewColumn);
}

export class PreviewPanelManager implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private target: PreviewTarget | undefined;
  private replicasOverride: number | undefined;
  private model: PreviewModel | undefined;
  private message = 'Loading…';
  private editTimer: ReturnType<typeof setTimeout> | undefined;
  /** Incremented per request so an older, slower answer never overwrites a newer one. */
  private generation = 0;
  private readonly renderEmitter = new vscode.EventEmitter<PreviewModel | undefined>();
  /** Fires after each render with the model shown (undefined for the empty state). */
  readonly onDidRender = this.renderEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly source: PreviewSource,
    private readonly log: (message: string) => void,
  ) {
    this.disposables.push(
      this.renderEmitter,
      vscode.window.onDidChangeActiveTextEditor((editor) => this.followEditor(editor)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        // Any YAML edit may change the preview: the StatefulSet's own file, or another file holding its Service.
        if (this.panel && this.target && event.contentChanges.length > 0 && (event.document.uri.toString() === this.target.uri || event.document.languageId === 'yaml')) {
          this.scheduleUpdate();
        }
      }),
      // The model can change without an edit (the apply plan's git baseline was read, a commit moved it): the
      // document's diagnostics change then too.
      vscode.languages.onDidChangeDiagnostics((event) => {
        if (this.panel && this.target && event.uris.some((u) => u.toString() === this.target?.uri)) this.scheduleUpdate();
      }),
    );
  }

  /** The panel, while it is open (tests use it). */
  get currentPanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  /** The model shown right now, if any. */
  get currentModel(): PreviewModel | undefined {
    return this.model;
  }

  /**
   * Opens (or reuses) the panel beside the editor and shows `target`. A panel that shares its group with the
   * source (a file opened while the preview had focus lands in the preview's group) moves beside it, as
   * Markdown's "Open Preview to the Side" does, so the preview never covers what it previews.
   */
  async show(target: PreviewTarget, preserveFocus = true): Promise<void> {
    const source = this.sourceColumn(target.uri);
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(
        PREVIEW_VIEW_TYPE,
        'StatefulSet Preview',
        { viewColumn: besideOf(source), preserveFocus },
        this.webviewOptions(),
      );
      this.adopt(panel);
    } else {
      this.panel.reveal(source !== undefined && this.panel.viewColumn === source ? besideOf(source) : undefined, preserveFocus);
    }
    this.retarget(target);
    await this.update();
  }

  /** The column of the visible editor showing `uri` (the active one first), if any. */
  private sourceColumn(uri: string): vscode.ViewColumn | undefined {
    const active = vscode.window.activeTextEditor;
    if (active && active.document.uri.toString() === uri) return active.viewColumn;
    return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri)?.viewColumn;
  }

  /** Takes over a panel VS Code restored after a reload. */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    panel.webview.options = this.webviewOptions();
    const previous = this.panel;
    this.adopt(panel);
    previous?.dispose();
    const target = (state as PanelState | undefined)?.target;
    if (target && typeof target.uri === 'string') {
      this.retarget(target);
      await this.update();
    } else {
      this.followEditor(vscode.window.activeTextEditor);
      if (!this.target) this.renderEmpty('Open a YAML file with a StatefulSet.');
    }
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      // Only the extension's own media folder: no workspace files, no network.
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'client', 'media')],
    };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'icon.png');
    const disposables = [
      panel.onDidDispose(() => {
        for (const d of disposables) d.dispose();
        // A panel replaced by a restored one must not clear its successor's state.
        if (this.panel !== panel) return;
        this.panel = undefined;
        this.model = undefined;
        this.target = undefined;
        clearTimeout(this.editTimer);
      }),
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (this.panel === panel) this.onMessage(message);
      }),
    ];
    this.writeHtml();
  }

  private retarget(target: PreviewTarget): void {
    const sameStatefulSet = this.target && this.target.uri === target.uri && target.name !== undefined && this.target.name === target.name;
    if (!sameStatefulSet) this.replicasOverride = undefined;
    this.target = target;
  }

  /** When the user switches to another YAML editor, show that file's StatefulSet at the cursor. */
  private followEditor(editor: vscode.TextEditor | undefined): void {
    if (!this.panel || !editor || !isYamlDocument(editor.document)) return;
    // The editor opened in the preview's group and now hides it: bring the preview back beside it.
    if (editor.viewColumn !== undefined && editor.viewColumn === this.panel.viewColumn) {
      this.panel.reveal(besideOf(editor.viewColumn), true);
    }
    const uri = editor.document.uri.toString();
    if (this.target?.uri === uri) return;
    const { line, character } = editor.selection.active;
    this.retarget({ uri, position: { line, character } });
    void this.update();
  }

  private scheduleUpdate(): void {
    clearTimeout(this.editTimer);
    this.editTimer = setTimeout(() => void this.update(), EDIT_DEBOUNCE_MS);
  }

  /** Asks the server for the model of the current target and renders it. */
  async update(): Promise<void> {
    const target = this.target;
    if (!this.panel || !target) return;
    const generation = ++this.generation;
    const params: PreviewParams = { uri: target.uri };
    if (target.name !== undefined) params.name = target.name;
    else if (target.position) params.position = target.position;
    if (this.replicasOverride !== undefined) params.replicas = this.replicasOverride;
    if (target.overlay !== undefined) params.overlay = target.overlay;
    let model: PreviewModel | null;
    try {
      model = await this.source.preview(params);
      // Renaming the StatefulSet being previewed: look it up again where its name was.
      const previous = this.model;
      if (!model && target.name !== undefined && previous && previous.uri === target.uri && previous.name === target.name) {
        const { name: _name, ...byPosition } = params;
        model = await this.source.preview({ ...byPosition, position: previous.nameRange.start });
      }
    } catch (error) {
      if (generation !== this.generation) return;
      this.log(`preview request failed: ${error instanceof Error ? error.message : String(error)}`);
      this.renderEmpty('The language server could not build the preview; see the StatefulSet Lens output.');
      return;
    }
    if (generation !== this.generation || !this.panel) return;
    if (!model) {
      const file = vscode.Uri.parse(target.uri).path.split('/').pop() ?? target.uri;
      this.renderEmpty(target.name !== undefined ? `No StatefulSet named “${target.name}” in ${file}.` : `No StatefulSet in ${file}.`);
      return;
    }
    // Once found, stick to the StatefulSet by name so edits above it do not switch to another one.
    if (this.target === target && target.name !== model.name) this.target = { uri: target.uri, name: model.name, ...(target.overlay ? { overlay: target.overlay } : {}) };
    this.model = model;
    this.panel.title = `Preview ${showBidiControls(model.name)}`;
    this.postBody();
    this.renderEmitter.fire(model);
  }

  /** What-if: shows the model as if `spec.replicas` were `replicas`; undefined goes back to the manifest. */
  async setReplicas(replicas: number | undefined): Promise<void> {
    if (replicas !== undefined && !(Number.isInteger(replicas) && replicas >= 0 && replicas <= MAX_REPLICAS)) return;
    this.replicasOverride = replicas;
    await this.update();
  }

  /** Shows the StatefulSet as the Kustomize overlay `dir` deploys it; undefined goes back to the manifest as written. */
  async setOverlay(dir: string | undefined): Promise<void> {
    if (!this.target) return;
    const { overlay: _previous, ...rest } = this.target;
    // The model's name is the rendered one; the source StatefulSet is found again by its name in the file.
    this.target = dir === undefined ? rest : { ...rest, overlay: dir };
    await this.update();
  }

  /** Kustomize renders changed on the server: an open preview asks again (debounced like an edit). */
  overlaysChanged(): void {
    if (this.panel && this.target) this.scheduleUpdate();
  }

  private renderEmpty(message: string): void {
    this.model = undefined;
    this.message = message;
    if (this.panel) this.panel.title = 'StatefulSet Preview';
    this.postBody();
    this.renderEmitter.fire(undefined);
  }

  /** Writes the whole document (first load or restore) with a fresh nonce. */
  private writeHtml(): void {
    if (!this.panel) return;
    const webview = this.panel.webview;
    const media = vscode.Uri.joinPath(this.extensionUri, 'client', 'media');
    webview.html = renderPreviewHtml(
      this.model,
      makeNonce(),
      webview.cspSource,
      webview.asWebviewUri(vscode.Uri.joinPath(media, 'preview.js')).toString(),
      webview.asWebviewUri(vscode.Uri.joinPath(media, 'preview.css')).toString(),
      this.message,
    );
  }

  /** Updates the live document's body, keeping focus and scroll; the webview also saves the target for reloads. */
  private postBody(): void {
    if (!this.panel) return;
    const state: PanelState = this.target ? { target: this.target } : {};
    void this.panel.webview.postMessage({ type: 'render', body: renderPreviewBody(this.model, this.message), state });
  }

  private onMessage(message: unknown): void {
    if (typeof message !== 'object' || message === null) return;
    const m = message as { type?: unknown; uri?: unknown; range?: unknown; replicas?: unknown; dir?: unknown };
    switch (m.type) {
      case 'ready':
        this.postBody();
        break;
      case 'whatIf':
        if (m.replicas === null) void this.setReplicas(undefined);
        else if (typeof m.replicas === 'number') void this.setReplicas(m.replicas);
        break;
      case 'overlay':
        if (this.target && (m.dir === null || typeof m.dir === 'string')) void this.setOverlay(m.dir === null ? undefined : (m.dir as string));
        break;
      case 'reveal':
        if (typeof m.uri === 'string' && Array.isArray(m.range) && m.range.length === 4 && m.range.every((n) => Number.isInteger(n) && n >= 0)) {
          void this.reveal(m.uri, m.range as number[]);
        }
        break;
    }
  }

  /** Shows a range of the StatefulSet's (or its Service's) file; other URIs from the webview are ignored. */
  private async reveal(uri: string, [startLine, startCharacter, endLine, endCharacter]: number[]): Promise<void> {
    const allowed = [this.model?.uri, this.model?.service?.uri];
    if (!allowed.includes(uri)) return;
    const range = new vscode.Range(startLine!, startCharacter!, endLine!, endCharacter!);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
    const document = visible?.document ?? (await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)));
    const editor = await vscode.window.showTextDocument(document, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      selection: range,
      preserveFocus: false,
    });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

/** Registers the serializer so a preview open at reload comes back showing the same StatefulSet. */
export function registerPreviewSerializer(manager: PreviewPanelManager): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
    deserializeWebviewPanel: (panel, state) => manager.restore(panel, state),
  });
}
